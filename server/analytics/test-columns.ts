/** Seeded organisation columns and a worker-like keeper, for the tests of the per-dataset lookups (synthetic, never shipped). */
import { join } from 'node:path';
import { Catalog } from '../catalog/catalog.ts';
import { organizationColumns } from '../catalog/organization-columns.ts';
import { readGeodata } from '../catalog/read-geodata.ts';
import { reportData } from '../pool/plugin.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import type { PerDataset } from './per-dataset.ts';
import { reportContext } from './report-context.ts';
import { seededPositions } from './test-points.ts';

const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', '..', 'geodata')));
const data = reportData(catalog);
/** The shipped catalog's report context, vocabulary and districts. */
export const testCatalog = { ctx: reportContext(data), vocabulary: catalog.vocabulary, districts: data.districts };
const { vocabulary } = catalog;

/** Seeded organisations round a few centres, with one to three sectors each and every tenth placed only to its district. */
export function seededColumns(count: number, seed: number) {
  const positions = seededPositions(count, seed, [113.0, 22.45, 114.4, 23.4], { centres: 8, spreadDeg: 0.03 });
  const features = positions.map(([lon, lat], i): OrganizationFeature => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      id: `s${i}`, name_zh: `s${i}`, name_en: `s${i}`, type: 'firm', city: vocabulary.cities[i % 3], precision_m: 100, source: 'seeded test data (synthetic)', source_date: '2026-11-30',
      sectors: Array.from({ length: 1 + (i % 3) }, (_, k) => vocabulary.sectors[(i * 7 + k * 5) % vocabulary.sectors.length]).filter((s, k, all) => all.indexOf(s) === k),
      ...(i % 10 === 0 ? { located_by: 'admin-area' } : {})
    } as OrganizationFeature['properties']
  }));
  return organizationColumns(features, vocabulary);
}

/** A keeper like a worker's for one data version. */
export function keeper(): PerDataset {
  const kept = new Map<string, unknown>();
  return <T>(key: string, build: () => T): T => {
    if (!kept.has(key)) kept.set(key, build());
    return kept.get(key) as T;
  };
}
