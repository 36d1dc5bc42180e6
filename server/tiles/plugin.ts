import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { basemapLayers, BASEMAP_LAYER_DESCRIPTIONS, parkLayers, PARK_LAYER_DESCRIPTIONS } from './layers.ts';
import type { LayerDescription } from './tilejson.ts';
import { Tileset } from './tileset.ts';
import type { TileCoords } from './tile-path.ts';

/** A tileset with the layer descriptions its TileJSON publishes. */
export interface PublishedTileset {
  tileset: Tileset;
  layers: LayerDescription[];
}

/** Encoded tiles kept in memory; an empty tile is cached as an empty buffer. Bounded by bytes. */
export interface TileStore {
  tilesets: Map<string, PublishedTileset>;
  tile(name: string, coords: TileCoords): Uint8Array | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    tiles: TileStore;
  }
}

const EMPTY = new Uint8Array(0);

/** Slices the catalog into tilesets at boot and serves encoded tiles from a bounded cache. */
export default fp<{ tileCacheBytes?: number }>(
  async (app, opts) => {
    const tilesets = new Map<string, PublishedTileset>([
      ['basemap', { tileset: new Tileset('basemap', basemapLayers(app.catalog)), layers: BASEMAP_LAYER_DESCRIPTIONS }],
      ['parks', { tileset: new Tileset('parks', parkLayers(app.catalog)), layers: PARK_LAYER_DESCRIPTIONS }]
    ]);
    const cache = new LRUCache<string, Uint8Array>({
      maxSize: opts.tileCacheBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (buf) => buf.byteLength + 64
    });
    app.decorate('tiles', {
      tilesets,
      tile(name, coords) {
        const key = `${name}/${coords.z}/${coords.x}/${coords.y}`;
        let buf = cache.get(key);
        if (!buf) {
          buf = tilesets.get(name)!.tileset.encode(coords) ?? EMPTY;
          cache.set(key, buf);
        }
        return buf.byteLength === 0 ? null : buf;
      }
    } satisfies TileStore);
  },
  { name: 'tiles', dependencies: ['catalog'] }
);
