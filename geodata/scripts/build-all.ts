/**
 * `npm run data:build`: regenerates every committed output under geodata/ from its npm source
 * packages, in dependency order (labels need the boundaries; glyphs need every label).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const STEPS = ['build-boundaries.ts', 'build-towns.ts', 'build-glyphs.ts'];

for (const step of STEPS) {
  console.log(`\n▶ ${step}`);
  const result = spawnSync(process.execPath, [join(HERE, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(HERE, step)], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${step} failed (exit ${result.status}); outputs of later steps were not rebuilt.`);
    process.exit(result.status ?? 1);
  }
}
