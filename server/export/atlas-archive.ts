import { Compression, TileType } from 'pmtiles';
import { ATLAS_LAYER_DESCRIPTIONS, ATLAS_MAX_ZOOM, ATLAS_TILESET } from '../tiles/combined-tiles.ts';
import type { TileStore } from '../tiles/plugin.ts';
import { ATTRIBUTION, REGION_BOUNDS, REGION_CENTER } from '../tiles/tilejson.ts';
import { writeArchive, type ArchiveSummary, type ArchiveTile } from './pmtiles-writer.ts';
import { tilesCovering } from './tile-cover.ts';

export const ATLAS_ARCHIVE_DEFAULTS = {
  minZoom: 0,
  maxZoom: ATLAS_MAX_ZOOM,
  bbox: REGION_BOUNDS as readonly [number, number, number, number] // WGS-84, every shipped layer lies inside
};

/**
 * Every non-empty atlas tile over `bbox` from `minZoom` to `maxZoom`, exactly as the server
 * encodes it, stored gzip-compressed as go-pmtiles stores MVT (the bytes of the server's gzip body).
 */
export function collectAtlasTiles(tiles: TileStore, options: Partial<typeof ATLAS_ARCHIVE_DEFAULTS> = {}): ArchiveTile[] {
  const { minZoom, maxZoom, bbox } = { ...ATLAS_ARCHIVE_DEFAULTS, ...options };
  const collected: ArchiveTile[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    for (const coords of tilesCovering(bbox, z)) {
      const tile = tiles.tile(ATLAS_TILESET, coords);
      if (tile) collected.push({ ...coords, data: tiles.body(ATLAS_TILESET, coords, tile, 'gzip') });
    }
  }
  return collected;
}

/** The PMTiles archive of the atlas tiles, with TileJSON-style metadata (names in Chinese and English). */
export function atlasArchive(tiles: readonly ArchiveTile[], dataVersion: number): { archive: Buffer; summary: ArchiveSummary } {
  const maxZoom = tiles.reduce((deepest, t) => Math.max(deepest, t.z), 0);
  return writeArchive(tiles, {
    tileCompression: Compression.Gzip,
    tileType: TileType.Mvt,
    bounds: [...ATLAS_ARCHIVE_DEFAULTS.bbox],
    center: REGION_CENTER,
    metadata: {
      name: '人工智能集群地图 · Cluster Atlas',
      description: '广东省新一代人工智能创新发展行动计划（2018–2020）的园区与产业集群 · AI parks and clusters of the Guangdong AI action plan 2018–2020',
      attribution: ATTRIBUTION,
      type: 'baselayer',
      version: String(dataVersion),
      vector_layers: ATLAS_LAYER_DESCRIPTIONS.map((l) => ({ ...l, minzoom: 0, maxzoom: maxZoom }))
    }
  });
}
