import { afterAll, expect, test } from 'vitest';
import { Catalog } from '../catalog/catalog.ts';
import { OrganizationIndex } from '../catalog/organization-index.ts';
import { readGeodata } from '../catalog/read-geodata.ts';
import type { Filters } from '../schemas/filters.ts';
import { syntheticOrganizationsAroundParks, GEODATA_DIR } from '../../tests/helpers/synthetic-geodata.ts';
import { OrganizationGrids } from './organization-grids.ts';
import { PointGrid, toMercator } from './point-grid.ts';
import type { TileCoords } from './tile-path.ts';

const vocabulary = new Catalog(readGeodata(GEODATA_DIR)).vocabulary;
const organizations = syntheticOrganizationsAroundParks(30_000);
// Every 10th record stands for an area (placed by its address), as an address-only import makes them.
for (let i = 0; i < organizations.length; i += 10) organizations[i].properties.located_by = 'admin-area';
const index = OrganizationIndex.of(organizations, vocabulary);
afterAll(() => index.close());

const shenzhen: Filters = { cities: new Set(['shenzhen']), limit: 1, offset: 0 };
const [lon, lat] = organizations[1].geometry.coordinates;
const tileAt = (z: number): TileCoords => {
  const [x, y] = toMercator(lon, lat);
  return { z, x: Math.floor(x * 2 ** z), y: Math.floor(y * 2 ** z) };
};
const total = (features: { count: number }[]) => features.reduce((sum, f) => sum + f.count, 0);

test('a large register is sorted in a worker, into the same grid as on this thread, without the records that stand for an area', async () => {
  const grids = new OrganizationGrids(index, { inlineMax: 0 });
  await grids.ready();
  const inline = PointGrid.of(index.lon, index.lat, {}, index.columns.areaPlaced);
  for (const z of [0, 6, 11, 13, 16]) expect(grids.tileFeatures(tileAt(z))).toEqual(inline.tileFeatures(tileAt(z)));
  expect(total(grids.tileFeatures({ z: 0, x: 0, y: 0 }))).toBe(organizations.length - organizations.length / 10);
  grids.close();
});

test('a filtered tile is the same whether its points are tested one by one or read from the filter\'s own grid', async () => {
  const scanned = new OrganizationGrids(index, { filteredScanMax: Infinity });
  const cut = new OrganizationGrids(index, { filteredScanMax: 0 });
  await Promise.all([scanned.ready(), cut.ready()]);
  const inShenzhen = organizations.filter((o) => o.properties.city === 'shenzhen' && o.properties.located_by !== 'admin-area').length;
  expect(total(cut.tileFeatures({ z: 0, x: 0, y: 0 }, shenzhen))).toBe(inShenzhen);
  for (const z of [0, 8, 11, 12, 14, 15]) {
    const own = cut.tileFeatures(tileAt(z), shenzhen).map((f) => [f.count, f.id]);
    expect(own).toEqual(scanned.tileFeatures(tileAt(z), shenzhen).map((f) => [f.count, f.id]));
  }
});

test('the filter\'s own grid is cut in slices, with other callbacks run in between, and concurrent tiles share the cut', async () => {
  const grids = new OrganizationGrids(index, { filteredScanMax: 0, cutSlice: 1000 });
  await grids.ready();
  let otherWorkRan = false;
  const cut = Promise.all([grids.prepare(tileAt(3), shenzhen), grids.prepare(tileAt(4), shenzhen)]);
  // Queued after the cut began: a cut in one pass would finish before this runs.
  setImmediate(() => (otherWorkRan = true));
  await cut;
  expect(otherWorkRan).toBe(true);
  expect(total(grids.tileFeatures({ z: 0, x: 0, y: 0 }, shenzhen))).toBe(index.matching(shenzhen).filter((i) => index.isPoint(i)).length);
});
