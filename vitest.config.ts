import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      $lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
      $server: fileURLToPath(new URL('./server', import.meta.url))
    }
  },
  test: {
    include: ['server/**/*.test.ts', 'geodata/**/*.test.ts', 'tests/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['node_modules', 'geodata/.cache/**', 'build/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests start their own server and Chromium; keep them from fighting the unit tests for 2 cores.
    fileParallelism: true,
    maxWorkers: 2
  }
});
