import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { ATLAS_TILESET } from '../tiles/combined-tiles.ts';
import { buildStyle, type LabelLanguage } from '../tiles/style.ts';
import { ATTRIBUTION } from '../tiles/tilejson.ts';

/** Where the export puts the archive and the glyphs, relative to its style.json. */
export const STATIC_FILES = {
  archive: `${ATLAS_TILESET}.pmtiles`,
  glyphsDir: 'glyphs'
} as const;

/**
 * The product's style redrawn from static files: every layer reads the one PMTiles source
 * through the `pmtiles://` protocol, and glyphs come from the folder beside the style.
 * URLs stay relative (resolved against the page that loads the style), so the folder works
 * from any host and any path.
 */
export function staticStyle(lang: LabelLanguage = 'both'): StyleSpecification {
  const served = buildStyle('', lang);
  return {
    ...served,
    glyphs: `${STATIC_FILES.glyphsDir}/{fontstack}/{range}.pbf`,
    sources: { [ATLAS_TILESET]: { type: 'vector', url: `pmtiles://${STATIC_FILES.archive}`, attribution: ATTRIBUTION } },
    layers: served.layers.map((layer) => ('source' in layer ? { ...layer, source: ATLAS_TILESET } : layer) as LayerSpecification)
  };
}
