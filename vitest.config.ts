import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  $lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
  $server: fileURLToPath(new URL('./server', import.meta.url))
};
const exclude = ['node_modules/**', 'geodata/.cache/**', 'build/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'geodata/**/*.test.ts', 'tests/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...exclude, 'tests/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          maxWorkers: 2
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude,
          // Generous: on a shared 2-core machine (load 30–40) a journey that takes 15 s alone can take 50 s.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: on two cores, parallel Chromiums make map-idle timings flaky.
          fileParallelism: false
        }
      }
    ]
  }
});
