import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/**
 * What loading `file` loads before any of its code runs: the files and packages it imports statically
 * (not `import type`, not `await import(…)`), transitively through the project's own files.
 */
function staticImportsOf(file: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (current: string) => {
    if (files.has(current)) return;
    files.add(current);
    const source = ts.createSourceFile(current, readFileSync(current, 'utf8'), ts.ScriptTarget.Latest, false);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        const typeOnly =
          clause?.isTypeOnly === true ||
          (clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
        if (!typeOnly) specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith('.')) visit(path.resolve(path.dirname(current), name.replace(/\.js$/, '.ts')));
      else packages.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);
    }
  };
  visit(file);
  return { files: new Set([...files].map((f) => path.relative(root, f))), packages };
}

describe('koers CLI start-up', () => {
  it('loads only the command definitions before it parses the command line: no app, database, query builder or server', () => {
    const { files, packages } = staticImportsOf(path.join(root, 'src/cli/main.ts'));
    expect(files).toContain('src/cli/commands.ts');
    for (const heavy of ['src/app.ts', 'src/db/database.ts', 'src/db/connect.ts', 'src/db/backup.ts', 'src/cli/run.ts', 'src/platform/config.ts']) {
      expect(files, heavy).not.toContain(heavy);
    }
    expect([...packages].sort()).toEqual(['commander', 'node:fs', 'node:os', 'proper-lockfile']);
  });
});
