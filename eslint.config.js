import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_MODULES = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'stream', 'url', 'util'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The dependency direction of DESIGN.md, enforced: the renderer never imports Node modules
    // and sees src/ only through the api types.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: NODE_MODULES, message: 'The renderer never imports Node modules.' },
          // The top-level models/ package is off limits; the renderer's own Models page (pages/models) is not.
          { group: ['**/src/workspace/**', '**/src/host/**', '**/src/sample/**', '**/models/**', '!**/pages/models/**', '@duckdb/*', 'electron'], message: 'The renderer talks to the engine only through src/api.' },
        ],
      }],
    },
  },
  {
    // models/ is pure numeric code on typed arrays.
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/src/**', '@duckdb/*', 'electron', 'react', 'react-dom'], message: 'models/ imports nothing from src/, DuckDB, Electron or React.' }],
      }],
    },
  },
);
