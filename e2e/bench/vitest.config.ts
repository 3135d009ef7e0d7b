import { defineConfig } from 'vitest/config';

// Benchmarks print figures measured against a baseline in the same run; `npm run bench`.
export default defineConfig({
  test: { include: ['e2e/bench/**/*.bench.ts'], fileParallelism: false, testTimeout: 120_000, hookTimeout: 60_000 },
});
