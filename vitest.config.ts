import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // web/: the dashboard's own tests (node environment: pure logic, sources, server-side render).
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
