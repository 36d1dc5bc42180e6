/**
 * Store benchmark (issue #8): the same queries against PostGIS, SQLite and the in-memory catalog
 * index, in one run, on N seeded synthetic organisations (bench/synthetic.ts, labelled synthetic)
 * loaded through each store's own import path into a fresh SQLite file and a fresh PostgreSQL schema:
 *  1. a bbox query returning ~1k and ~10k organisations (the same bbox everywhere; counts asserted equal);
 *  2. one uncached organisations tile at z11 and z14, clustered on the same 16×16 grid:
 *     in memory `encodeOrganizationTile` (what the server does); PostGIS ST_AsMVT over the GiST
 *     index; SQLite fetches the tile's rows and encodes them with the same in-memory encoder.
 * Needs a PostgreSQL server with PostGIS: DATABASE_URL=postgres://… npm run bench:store
 * Settings: BENCH_SIZES=100000,1000000 BENCH_SEED=1
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Catalog } from '../server/catalog/catalog.ts';
import { OrganizationIndex } from '../server/catalog/organization-index.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import type { ImportedOrganization } from '../server/schemas/datasets.ts';
import { parseFilters, type Bbox } from '../server/schemas/filters.ts';
import type { OrganizationFeature } from '../server/schemas/places.ts';
import { openPostgresStore } from '../server/store/postgres.ts';
import { DATABASE_FILE, openSqliteStore } from '../server/store/sqlite.ts';
import { encodeOrganizationTile } from '../server/tiles/organization-tiles.ts';
import { PointGrid, POINT_GRID_DEFAULTS } from '../server/tiles/point-grid.ts';
import type { TileCoords } from '../server/tiles/tile-path.ts';
import { freshPostgresSchema } from '../tests/helpers/postgres-schema.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';

const SEED = Number(process.env.BENCH_SEED ?? 1);
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const DATASET_ID = 'dssynth01';
const REPEATS = { warmup: 2, repeats: 7 };
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('set DATABASE_URL to a PostgreSQL database with PostGIS (a fresh schema is created in it and dropped afterwards)');
  process.exit(2);
}

interface Timing {
  min: number;
  mean: number;
  std: number;
}

/** Runs `fn` `warmup` times unmeasured, then `repeats` times measured; returns ms stats and the last result. */
async function measure<T>(fn: () => Promise<T> | T): Promise<{ timing: Timing; result: T }> {
  let result = await fn();
  for (let i = 1; i < REPEATS.warmup; i++) result = await fn();
  const times: number[] = [];
  for (let i = 0; i < REPEATS.repeats; i++) {
    const start = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  return { timing: { min: Math.min(...times), mean, std: Math.sqrt(times.reduce((s, t) => s + (t - mean) ** 2, 0) / times.length) }, result };
}

const show = (t: Timing) => `${t.min.toFixed(2)} / ${t.mean.toFixed(2)} ± ${t.std.toFixed(2)} ms`;
const seconds = (start: bigint) => (Number(process.hrtime.bigint() - start) / 1e9).toFixed(1);

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}

/** [west, south, east, north] of a web-mercator tile. */
function tileBounds({ z, x, y }: TileCoords): Bbox {
  const lon = (tx: number) => (tx / 2 ** z) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / 2 ** z))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

function tileAt([lon, lat]: [number, number], z: number): TileCoords {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

const SQLITE_BBOX = `SELECT feature FROM records WHERE dataset_id = ? AND valid_to IS NULL
  AND json_extract(feature, '$.geometry.coordinates[0]') BETWEEN ? AND ? AND json_extract(feature, '$.geometry.coordinates[1]') BETWEEN ? AND ?`;
// ST_Intersects, not && alone: the index's float4 boxes may let in a point just outside.
const POSTGIS_BBOX = 'SELECT feature FROM records WHERE valid_to IS NULL AND ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))';
const CELL = POINT_GRID_DEFAULTS.extent / POINT_GRID_DEFAULTS.cellsPerTileAxis;
// Points in one grid cell become a cluster at their mean position, as the in-memory tiles do up to z14.
const POSTGIS_TILE = `
  WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS box),
  pts AS (
    SELECT ST_AsMVTGeom(ST_Transform(r.geom, 3857), env.box, ${POINT_GRID_DEFAULTS.extent}, 0, false) AS g, r.feature -> 'properties' AS p
    FROM records r, env WHERE r.valid_to IS NULL AND r.geom && ST_Transform(env.box, 4326)
  ),
  cells AS (
    SELECT count(*) AS point_count, avg(ST_X(g)) AS cx, avg(ST_Y(g)) AS cy, (array_agg(p))[1] AS p
    FROM pts WHERE g IS NOT NULL GROUP BY floor(ST_X(g) / ${CELL}), floor(ST_Y(g) / ${CELL})
  )
  SELECT ST_AsMVT(t, 'organizations', ${POINT_GRID_DEFAULTS.extent}, 'geom') AS tile FROM (
    SELECT ST_MakePoint(round(cx), round(cy)) AS geom, point_count, point_count > 1 AS cluster,
           CASE WHEN point_count = 1 THEN p ->> 'id' END AS id, CASE WHEN point_count = 1 THEN p ->> 'name_zh' END AS name_zh
    FROM cells
  ) t`;

const catalogData = readGeodata(join(import.meta.dirname, '..', 'geodata'));
const centres = centresFromParks(new Catalog(catalogData).parks);
console.log(`store bench · ${new Date().toISOString().slice(0, 10)} · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model}`);
const quiet = { warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

for (const n of SIZES) {
  const features = syntheticOrganizations(centres, { count: n, seed: SEED });
  const catalog = new Catalog({ ...catalogData, organizations: features });
  const records = features.map((f) => ({ recordId: f.properties.id, feature: f as unknown as ImportedOrganization }));
  const by = { keyId: 'bench' };
  const newDataset = { id: DATASET_ID, name: 'SYNTHETIC bench', file_name: 'synthetic', format: 'synthetic', crs: 'WGS84', report: {} };
  console.log(`\nN = ${n.toLocaleString('en')} synthetic organisations`);

  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-store-bench-'));
  const schema = await freshPostgresSchema(databaseUrl);
  try {
    let start = process.hrtime.bigint();
    const sqliteStore = openSqliteStore(dataDir);
    await sqliteStore.datasets.create(newDataset, records, by);
    await sqliteStore.close();
    console.log(`  load through the store's import path: SQLite ${seconds(start)} s`);
    start = process.hrtime.bigint();
    const postgresStore = await openPostgresStore(schema.url, quiet);
    await postgresStore.datasets.create(newDataset, records, by);
    await postgresStore.close();
    console.log(`  load through the store's import path: PostgreSQL ${seconds(start)} s`);

    const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const sqliteBbox = sqlite.prepare<[string, number, number, number, number], { feature: string }>(SQLITE_BBOX);
    const postgres = new pg.Client({ connectionString: schema.url });
    await postgres.connect();
    await postgres.query('ANALYZE records');
    try {
      const memoryBbox = (bbox: Bbox): OrganizationFeature[] =>
        catalog.organizationPoints.matching({ ...parseFilters({}, catalog.vocabulary), bbox }).slice(0, n).map((i) => catalog.organization(i));
      // The first park's centre; the box grows around it until it holds the target count.
      const centre = centres[0].lonLat;
      const boxAround = (halfDeg: number): Bbox => [centre[0] - halfDeg, centre[1] - halfDeg, centre[0] + halfDeg, centre[1] + halfDeg];
      for (const target of [1_000, 10_000]) {
        let [lo, hi] = [0, 1];
        for (let i = 0; i < 30; i++) {
          const mid = (lo + hi) / 2;
          if (memoryBbox(boxAround(mid)).length < target) lo = mid;
          else hi = mid;
        }
        const bbox = boxAround(hi);
        const memory = await measure(() => memoryBbox(bbox));
        const postgis = await measure(async () => (await postgres.query<{ feature: OrganizationFeature }>(POSTGIS_BBOX, bbox)).rows);
        const sql = await measure(() => sqliteBbox.all(DATASET_ID, bbox[0], bbox[2], bbox[1], bbox[3]).map((r) => JSON.parse(r.feature) as OrganizationFeature));
        assert(postgis.result.length === memory.result.length && sql.result.length === memory.result.length, `bbox counts differ: memory ${memory.result.length}, PostGIS ${postgis.result.length}, SQLite ${sql.result.length}`);
        console.log(`  bbox query → ${memory.result.length} organisations (min / mean ± std)`);
        console.log(`    in memory ${show(memory.timing)} · PostGIS ${show(postgis.timing)} · SQLite ${show(sql.timing)}`);
        console.log(`    ratio by mean: PostGIS ÷ memory ${(postgis.timing.mean / memory.timing.mean).toFixed(1)}×, SQLite ÷ memory ${(sql.timing.mean / memory.timing.mean).toFixed(1)}×, SQLite ÷ PostGIS ${(sql.timing.mean / postgis.timing.mean).toFixed(1)}×`);
      }

      const index = catalog.organizationPoints;
      for (const z of [11, 14]) {
        const coords = tileAt(centre, z);
        const bounds = tileBounds(coords);
        // A fresh grid per run: "uncached" means nothing of this tile survives from the previous run.
        const memory = await measure(() => encodeOrganizationTile(PointGrid.of(index.lon, index.lat).tileFeatures(coords), index));
        const memoryWarmGrid = PointGrid.of(index.lon, index.lat);
        const memoryWarm = await measure(() => encodeOrganizationTile(memoryWarmGrid.tileFeatures(coords), index));
        const postgis = await measure(async () => (await postgres.query<{ tile: Buffer }>(POSTGIS_TILE, [coords.z, coords.x, coords.y])).rows[0].tile);
        const sql = await measure(() => {
          const rows = sqliteBbox.all(DATASET_ID, bounds[0], bounds[2], bounds[1], bounds[3]).map((r) => JSON.parse(r.feature) as OrganizationFeature);
          const inTile = OrganizationIndex.of(rows, catalog.vocabulary);
          return encodeOrganizationTile(PointGrid.of(inTile.lon, inTile.lat).tileFeatures(coords), inTile);
        });
        console.log(`  uncached tile z${coords.z}/${coords.x}/${coords.y} (${memoryWarm.result?.byteLength ?? 0} B in memory, ${postgis.result.byteLength} B PostGIS, ${sql.result?.byteLength ?? 0} B SQLite)`);
        console.log(`    in memory, index ready ${show(memoryWarm.timing)} · in memory incl. grid rebuild ${show(memory.timing)} · PostGIS ${show(postgis.timing)} · SQLite ${show(sql.timing)}`);
        console.log(`    ratio by mean: PostGIS ÷ memory ${(postgis.timing.mean / memoryWarm.timing.mean).toFixed(1)}×, SQLite ÷ memory ${(sql.timing.mean / memoryWarm.timing.mean).toFixed(1)}×`);
      }
    } finally {
      sqlite.close();
      await postgres.end();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await schema.drop();
  }
}
