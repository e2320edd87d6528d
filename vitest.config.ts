import { defineConfig } from 'vitest/config';

// Unit and integration tests: real DuckDB files in temp folders, real data from ../shared/data.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
