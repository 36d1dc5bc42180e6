import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.ts';
import { exportStaticMap, glyphsDirOf } from './static-export.ts';

// `npm run export:pmtiles [-- <folder>]`: the map as static files, from the same data `npm start` serves.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = resolve(process.argv[2] ?? join(ROOT, 'export', 'static'));
const geodataDir = process.env.GEODATA_DIR ?? join(ROOT, 'geodata');

const app = await buildApp({ geodataDir, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
try {
  await app.ready();
  const report = exportStaticMap(app, outDir, { glyphsDir: glyphsDirOf(geodataDir) });
  const megabytes = (report.archiveBytes / 1024 / 1024).toFixed(1);
  console.log(
    `Wrote ${outDir}: atlas.pmtiles z${report.minZoom}–${report.maxZoom}, ${report.addressedTiles} tiles ` +
      `(${report.tileContents} distinct, ${report.leafDirectories} leaf directories), ${megabytes} MB, in ${(report.elapsedMs / 1000).toFixed(1)} s.\n` +
      'Serve the folder from any web server that answers HTTP range requests, e.g. `npx serve ' + outDir + '`.'
  );
} finally {
  await app.close();
}
