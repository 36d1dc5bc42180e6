import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATIC_FILES, staticStyle } from './static-style.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const resolvePackage = createRequire(import.meta.url).resolve;

/** The browser builds the viewer loads, copied from node_modules so the folder needs no CDN. */
function viewerAssets(): { from: string; to: string }[] {
  const maplibreDist = dirname(resolvePackage('maplibre-gl'));
  const pmtilesDist = join(dirname(resolvePackage('pmtiles/package.json')), 'dist');
  return [
    { from: join(maplibreDist, 'maplibre-gl.js'), to: 'maplibre-gl.js' },
    { from: join(maplibreDist, 'maplibre-gl.css'), to: 'maplibre-gl.css' },
    { from: join(pmtilesDist, 'pmtiles.js'), to: 'pmtiles.js' },
    { from: join(HERE, 'viewer.html'), to: 'index.html' }
  ];
}

const GLYPH_RANGES = Array.from({ length: 256 }, (_, i) => `${i * 256}-${i * 256 + 255}.pbf`);

/**
 * Copies the SDF glyphs; ranges we ship no glyphs for become empty files, the same empty
 * glyph set the server's glyph route answers with, so MapLibre never meets a 404.
 */
function copyGlyphs(glyphsDir: string, outDir: string): void {
  for (const font of readdirSync(glyphsDir)) {
    const target = join(outDir, STATIC_FILES.glyphsDir, font);
    mkdirSync(target, { recursive: true });
    for (const range of GLYPH_RANGES) {
      const source = join(glyphsDir, font, range);
      if (existsSync(source)) copyFileSync(source, join(target, range));
      else writeFileSync(join(target, range), new Uint8Array(0));
    }
  }
}

/** Writes the whole static map into `outDir`: archive, style, glyphs and a viewer page. */
export function writeStaticSite(outDir: string, archive: Uint8Array, glyphsDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, STATIC_FILES.archive), archive);
  writeFileSync(join(outDir, 'style.json'), `${JSON.stringify(staticStyle(), null, 2)}\n`);
  copyGlyphs(glyphsDir, outDir);
  for (const { from, to } of viewerAssets()) copyFileSync(from, join(outDir, to));
}
