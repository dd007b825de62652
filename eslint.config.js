// Lint rules: typescript-eslint's recommended set, type-only imports, and the
// architecture rule that every folder is reached through its index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.bench-corpus/**', '.eval-out/**', 'web/dist/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // The dashboard runs in the browser (its tests and Vite config under Node).
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // A capability folder is reached only through its index.ts: `../scan/index.js`,
    // never `../scan/extract/zip.js`. Imports inside a folder are free.
    files: ['src/**/*.ts', 'eval/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(\\.\\./)+(src/)?(scan|events|detect|ledger|incidents|analytics|auth|training|store|bus|server|cli|errors|demo|threads)/(?!index\\.js$).+',
          message: 'Import another capability through its index.ts only.',
        }],
      }],
    },
  },
);
