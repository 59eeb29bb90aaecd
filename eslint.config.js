// Lint enforces what STYLE.md only asks: no `any`, no floating promises, named exports, and that
// modules talk through services (no other module's repository or tables).
import tseslint from 'typescript-eslint';
import { moduleBoundaries, moduleNames } from './eslint.module-boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', '.koers/', 'coverage/', 'bin/', 'eslint.config.js', 'eslint.module-boundaries.js', 'eslint.module-boundaries.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  {
    // Tool configs must default-export by their tools' contract.
    files: ['**/vite.config.ts', 'vitest.config.ts', 'test/global-setup.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
  ...moduleBoundaries(moduleNames(import.meta.dirname)),
);
