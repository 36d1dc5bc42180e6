import geojsonvt from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { TileCoords } from './tile-path.ts';

/** How a tileset slices: detail is kept up to `maxZoom`, deeper tiles are cut from it. */
export const TILESET_DEFAULTS = {
  maxZoom: 14, // zoom with full detail; MapLibre overzooms past the TileJSON maxzoom
  indexMaxZoom: 5, // tiles pre-sliced at boot; deeper ones are sliced on first request
  tolerancePx: 3, // Douglas–Peucker tolerance in tile pixels (of 4096 extent / 256 px)
  bufferPx: 64 // overlap so lines and labels do not clip at tile edges
} as const;

export interface LayerSource {
  /** MVT layer name, e.g. `city` */
  name: string;
  features: GeoJSON.Feature[];
  /**
   * Zooms this source serves (inclusive); several sources may share one name, each for its own
   * zoom band (land and water are generalised once per band). Default: every zoom.
   */
  minZoom?: number;
  maxZoom?: number;
}

/** A named set of MVT layers sliced with geojson-vt and encoded with vt-pbf. */
export class Tileset {
  private readonly layers: { name: string; minZoom: number; maxZoom: number; index: ReturnType<typeof geojsonvt> }[];

  constructor(
    readonly name: string,
    sources: LayerSource[],
    readonly options: Partial<typeof TILESET_DEFAULTS> = {}
  ) {
    const o = { ...TILESET_DEFAULTS, ...options };
    this.layers = sources.map((s) => ({
      name: s.name,
      minZoom: s.minZoom ?? 0,
      maxZoom: s.maxZoom ?? Infinity,
      index: geojsonvt({ type: 'FeatureCollection', features: s.features } as GeoJSON.FeatureCollection, {
        maxZoom: Math.min(o.maxZoom, s.maxZoom ?? o.maxZoom),
        // A band that starts deeper than the pre-sliced zooms is sliced on demand only.
        indexMaxZoom: (s.minZoom ?? 0) > o.indexMaxZoom ? 0 : o.indexMaxZoom,
        tolerance: o.tolerancePx,
        buffer: o.bufferPx,
        extent: 4096
      })
    }));
  }

  get layerNames(): string[] {
    return [...new Set(this.layers.map((l) => l.name))];
  }

  /** The encoded tile, or null when no layer has a feature in it (the route answers 204). */
  encode({ z, x, y }: TileCoords): Uint8Array | null {
    const tiles: Record<string, geojsonvt.Tile> = {};
    for (const layer of this.layers) {
      if (z < layer.minZoom || z > layer.maxZoom) continue;
      const tile = layer.index.getTile(z, x, y);
      if (tile && tile.features.length > 0) tiles[layer.name] = tile;
    }
    if (Object.keys(tiles).length === 0) return null;
    return vtpbf.fromGeojsonVt(tiles, { version: 2, extent: 4096 });
  }
}
