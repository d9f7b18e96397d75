import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A clone, an install and a build run inside: no wall-clock bound beyond a hang guard.
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
  },
});
