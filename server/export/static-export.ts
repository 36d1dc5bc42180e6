import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ATLAS_ARCHIVE_DEFAULTS, atlasArchive, collectAtlasTiles } from './atlas-archive.ts';
import type { ArchiveSummary } from './pmtiles-writer.ts';
import { writeStaticSite } from './static-site.ts';

export interface StaticExportReport extends ArchiveSummary {
  outDir: string;
  archiveBytes: number;
  minZoom: number;
  maxZoom: number;
  elapsedMs: number;
}

/** Publishes what `app` serves (shipped data plus the imports in its database) as a static folder. */
export function exportStaticMap(
  app: Pick<FastifyInstance, 'tiles' | 'catalog'>,
  outDir: string,
  options: { glyphsDir: string } & Partial<typeof ATLAS_ARCHIVE_DEFAULTS>
): StaticExportReport {
  const started = performance.now();
  const { minZoom, maxZoom } = { ...ATLAS_ARCHIVE_DEFAULTS, ...options };
  const { archive, summary } = atlasArchive(collectAtlasTiles(app.tiles, options), app.catalog.version);
  writeStaticSite(outDir, archive, options.glyphsDir);
  return { ...summary, outDir, archiveBytes: archive.length, minZoom, maxZoom, elapsedMs: Math.round(performance.now() - started) };
}

/** The glyphs of a dataset laid out like geodata/. */
export const glyphsDirOf = (geodataDir: string) => join(geodataDir, 'glyphs');
