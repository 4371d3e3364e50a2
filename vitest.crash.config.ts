import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['crash/**/*.crash.ts'],
    testTimeout: 150_000,
    hookTimeout: 120_000,
    // Each file runs its own server and Postgres cluster; two at once would only fight for the cores.
    fileParallelism: false,
  },
});
