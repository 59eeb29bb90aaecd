// The web app's import graph, read with the TypeScript compiler API (no bundler, no new dependency):
// - no import cycle in web/src (App.tsx imported the pages that imported App.tsx for useMe);
// - API types come one way: only web/src/api/types.ts imports types from the server (src/), and every
//   `api<T>(…)` call that claims a shape names a type imported from there, not a hand-written one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const webSrc = join(root, 'web', 'src');
const typesModule = join(webSrc, 'api', 'types.ts');

interface ImportEdge {
  specifier: string;
  /** The resolved file, or null for a package. */
  target: string | null;
  typeOnly: boolean;
  /** Dynamic import(): loaded later, not part of module evaluation, but still an edge. */
  dynamic: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Resolves a relative specifier the way Vite and `moduleResolution: Bundler` do for this code base. */
function resolveSpecifier(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.js$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!found) throw new Error(`${relative(root, from)}: cannot resolve '${specifier}'`);
  return found;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function importsOf(file: string, source = parse(file)): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean, dynamic: boolean) => edges.push({ specifier, target: resolveSpecifier(file, specifier), typeOnly, dynamic });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allSpecifiersTypeOnly =
        clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier.text, clause?.isTypeOnly === true || allSpecifiersTypeOnly, false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const allSpecifiersTypeOnly = node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier.text, node.isTypeOnly || allSpecifiersTypeOnly, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(argument.text, false, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every cycle's files, one strongly connected component at a time (Tarjan), each listed from its first file. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles;
}

const files = sourceFiles(webSrc);
const parsed = new Map(files.map((f) => [f, parse(f)]));
const edges = new Map(files.map((f) => [f, importsOf(f, parsed.get(f))]));
const name = (file: string) => relative(root, file);

describe('the import graph of web/src', () => {
  it('finds the files and their imports', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(edges.get(join(webSrc, 'main.tsx'))?.some((e) => e.target === join(webSrc, 'App.tsx'))).toBe(true);
  });

  it('the cycle finder reports a loop and nothing else', () => {
    const graph = new Map([
      ['App.tsx', ['pages/A.tsx', 'session.ts']],
      ['pages/A.tsx', ['App.tsx', 'session.ts']],
      ['session.ts', []],
      ['self.ts', ['self.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['App.tsx', 'pages/A.tsx'], ['self.ts']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    const graph = new Map(files.map((f) => [name(f), (edges.get(f) ?? []).flatMap((e) => (e.target?.startsWith(webSrc) ? [name(e.target)] : []))]));
    expect(findCycles(graph)).toEqual([]);
  });

  it('imports types from the server only in web/src/api/types.ts', () => {
    const serverSrc = join(root, 'src');
    const offenders = files.flatMap((f) =>
      f === typesModule ? [] : (edges.get(f) ?? []).filter((e) => e.typeOnly && e.target?.startsWith(serverSrc + '/')).map((e) => `${name(f)} → ${e.specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('types every api<T>() call with a type from web/src/api/types.ts', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const source = parsed.get(file)!;
      const fromTypes = new Set<string>();
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        if (resolveSpecifier(file, statement.moduleSpecifier.text) !== typesModule) continue;
        const bindings = statement.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) fromTypes.add(element.name.text);
      }
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'api') {
          // Without a type argument the answer is `unknown`: nothing is claimed about its shape.
          const [argument] = node.typeArguments ?? [];
          let type = argument;
          while (type && ts.isArrayTypeNode(type)) type = type.elementType;
          const ok = argument === undefined || (type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && fromTypes.has(type.typeName.text));
          if (!ok) {
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            offenders.push(`${name(file)}:${line + 1} api<${argument?.getText(source) ?? ''}>`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});
