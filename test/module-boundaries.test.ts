import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { moduleBoundaries, moduleNames } from '../eslint.module-boundaries.js';

const root = path.resolve(import.meta.dirname, '..');

/** Lints a snippet as if it were a file at `filePath`, with the module-boundary rules only (TypeScript syntax, untyped). */
async function lint(filePath: string, code: string) {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...moduleBoundaries(moduleNames(root))],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('modules talk through services (no-restricted-imports, generated per module)', () => {
  it('covers every module folder', () => {
    expect(moduleNames(root)).toEqual(expect.arrayContaining(['access', 'cases', 'decisions', 'residents', 'conversations']));
  });

  it("refuses another module's repository or tables, also as a type import", async () => {
    const repository = await lint('src/modules/cases/probe.ts', "import { findConsultant } from '../access/access.repository.js';\nexport const x = findConsultant;\n");
    expect(repository).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining("Module 'cases' may not use another module's repository or tables") }]);
    const tables = await lint('src/modules/decisions/probe.ts', "import type { CaseStatus } from '../cases/case.tables.js';\nexport type X = CaseStatus;\n");
    expect(tables.map((m) => m.rule)).toEqual(['no-restricted-imports']);
    const deeper = await lint('src/modules/signals/rules/probe.ts', "import { lockCase } from '../../cases/case.repository.js';\nexport const x = lockCase;\n");
    expect(deeper.map((m) => m.rule)).toEqual(['no-restricted-imports']);
  });

  it("allows a module's own repository and tables, and other modules' services", async () => {
    expect(await lint('src/modules/cases/probe.ts', "import { lockCase } from './case.repository.js';\nimport type { CaseStatus } from './case.tables.js';\nexport const x: [typeof lockCase, CaseStatus?] = [lockCase];\n")).toEqual([]);
    expect(await lint('src/modules/cases/probe.ts', "import { assignFirstContactPerson } from '../access/access.service.js';\nexport const x = assignFirstContactPerson;\n")).toEqual([]);
  });

  it('is part of the project lint configuration', async () => {
    const config = (await new ESLint({ cwd: root }).calculateConfigForFile('src/modules/cases/case.service.ts')) as { rules: Record<string, unknown> };
    expect(config.rules['no-restricted-imports']).toBeDefined();
  });
});
