import fp from 'fastify-plugin';
import { filtersKey, type Filters } from '../schemas/filters.ts';
import { ATLAS_LAYER_DESCRIPTIONS, ATLAS_MAX_ZOOM, ATLAS_MEMBERS, ATLAS_TILESET, concatenateTiles } from './combined-tiles.ts';
import { basemapLayers, BASEMAP_LAYER_DESCRIPTIONS, parkLayers, PARK_LAYER_DESCRIPTIONS } from './layers.ts';
import { encodeOrganizationTile, ORGANIZATION_LAYER, ORGANIZATION_LAYER_DESCRIPTIONS } from './organization-tiles.ts';
import { OrganizationGrids } from './organization-grids.ts';
import { TileCache, type CachedTile, type ContentEncoding } from './tile-cache.ts';
import type { LayerDescription } from './tilejson.ts';
import { Tileset } from './tileset.ts';
import type { TileCoords } from './tile-path.ts';

/** A tileset as its TileJSON publishes it; `filterable` ones take the list filters in the tile URL. */
export interface PublishedTileset {
  name: string;
  maxZoom: number;
  layers: LayerDescription[];
  filterable: boolean;
}

/** Encoded tiles from bounded caches, each compressed at most once per encoding. */
export interface TileStore {
  tilesets: Map<string, PublishedTileset>;
  /** The tile, or null when it is empty (204); `filters` apply to filterable tilesets only. */
  tile(name: string, coords: TileCoords, filters?: Filters): CachedTile | null;
  /**
   * Resolves when `tile` can answer without a long pass on the main thread: the organisations' grid
   * is built in a worker, and a filter's own grid is cut in slices with other work in between.
   */
  ready(name: string, coords: TileCoords, filters?: Filters): Promise<void>;
  body(name: string, coords: TileCoords, tile: CachedTile, encoding: ContentEncoding, filters?: Filters): Buffer;
  /** Bytes held by the caches, for benchmarks and health checks. */
  cacheBytes(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    tiles: TileStore;
  }
}

const ORGANIZATION_MAX_ZOOM = 16;

/** Slices the static layers at boot, indexes the organisations on first use, and serves tiles from bounded caches. */
export default fp<{ tileCacheBytes?: number }>(
  async (app, opts) => {
    const maxBytes = opts.tileCacheBytes ?? 64 * 1024 * 1024;
    const sliced = new Map([
      ['basemap', new Tileset('basemap', basemapLayers(app.catalog))],
      ['parks', new Tileset('parks', parkLayers(app.catalog))]
    ]);
    const tilesets = new Map<string, PublishedTileset>([
      ['basemap', { name: 'basemap', maxZoom: sliced.get('basemap')!.options.maxZoom ?? 14, layers: BASEMAP_LAYER_DESCRIPTIONS, filterable: false }],
      ['parks', { name: 'parks', maxZoom: sliced.get('parks')!.options.maxZoom ?? 14, layers: PARK_LAYER_DESCRIPTIONS, filterable: false }],
      [ORGANIZATION_LAYER, { name: ORGANIZATION_LAYER, maxZoom: ORGANIZATION_MAX_ZOOM, layers: ORGANIZATION_LAYER_DESCRIPTIONS, filterable: true }],
      [ATLAS_TILESET, { name: ATLAS_TILESET, maxZoom: ATLAS_MAX_ZOOM, layers: ATLAS_LAYER_DESCRIPTIONS, filterable: false }]
    ]);
    // The shipped layers never change; the organisations' cache and grid follow the catalog, and so does the atlas, which holds them.
    const staticCache = new TileCache(maxBytes / 2);
    const organizationCache = new TileCache(maxBytes / 2);
    // Built once per data version, starting now, so the first tile after a start or an import rarely waits.
    let grids = new OrganizationGrids(app.catalog.organizationPoints);
    void grids.ready();
    app.catalog.onChange(() => {
      organizationCache.clear();
      grids.close();
      grids = new OrganizationGrids(app.catalog.organizationPoints);
      void grids.ready();
    });
    app.addHook('onClose', async () => grids.close());
    const organizationsReady = async (coords: TileCoords, filters?: Filters) => {
      // A data change while waiting starts a new build: wait for that one.
      for (let current = grids; ; current = grids) {
        await current.prepare(coords, filters);
        if (current === grids) return;
      }
    };

    const keyOf = (name: string, { z, x, y }: TileCoords, filters?: Filters) =>
      name === ORGANIZATION_LAYER ? `${filters ? filtersKey(filters) : ''}/${z}/${x}/${y}` : `${name}/${z}/${x}/${y}`;
    const cacheOf = (name: string) => (name === ORGANIZATION_LAYER || name === ATLAS_TILESET ? organizationCache : staticCache);
    const encode = (name: string, coords: TileCoords, filters?: Filters) => (): Uint8Array | null => {
      if (name === ATLAS_TILESET) return concatenateTiles(ATLAS_MEMBERS.map((member) => tile(member, coords)?.raw));
      if (name !== ORGANIZATION_LAYER) return sliced.get(name)!.encode(coords);
      return encodeOrganizationTile(grids.tileFeatures(coords, filters), app.catalog.organizationPoints);
    };

    const tile = (name: string, coords: TileCoords, filters?: Filters) => cacheOf(name).get(keyOf(name, coords, filters), encode(name, coords, filters));

    app.decorate('tiles', {
      tilesets,
      tile,
      ready: async (name, coords, filters) => {
        if ((name !== ORGANIZATION_LAYER && name !== ATLAS_TILESET) || cacheOf(name).has(keyOf(name, coords, filters))) return;
        await organizationsReady(coords, name === ORGANIZATION_LAYER ? filters : undefined);
      },
      body: (name, coords, tile, encoding, filters) => cacheOf(name).body(keyOf(name, coords, filters), tile, encoding),
      cacheBytes: () => staticCache.sizeBytes + organizationCache.sizeBytes
    } satisfies TileStore);
  },
  { name: 'tiles', dependencies: ['catalog'] }
);
