import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Renderer tests cover pure logic only, in Node: no DOM, no React rendering.
    include: [
      'localbox/**/*.test.ts',
      'electron/**/*.test.ts',
      'bench/**/*.test.ts',
      'renderer/**/*.test.ts',
      'scripts/**/*.test.ts',
      'lint/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file starts its own localbox on port 0 in a temp folder, so files can run in parallel.
    pool: 'forks',
  },
});
