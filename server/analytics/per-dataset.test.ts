import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Catalog } from '../catalog/catalog.ts';
import { organizationColumns } from '../catalog/organization-columns.ts';
import { readGeodata } from '../catalog/read-geodata.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { reportData } from '../pool/plugin.ts';
import { densityReport } from './density-report.ts';
import { hexDensityOfColumnsSteps } from './hex-density.ts';
import { hotspotsReport } from './hotspots-report.ts';
import { nniReport } from './nni-report.ts';
import { nearestNeighbourIndexOf } from './nni.ts';
import { buildEveryTime, keptPointCells, prepareDataset, PREPARE_STEPS, type PerDataset } from './per-dataset.ts';
import { profileReport } from './profile-report.ts';
import { runToEnd } from './progress.ts';
import { reportContext } from './report-context.ts';
import { Selection } from './selection.ts';
import { seededPositions } from './test-points.ts';

const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', '..', 'geodata')));
const ctx = reportContext(reportData(catalog));
const { vocabulary } = catalog;

/** Seeded organisations round a few centres, with one to three sectors each and every tenth placed only to its district. */
function seededColumns(count: number, seed: number) {
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
function keeper(): PerDataset {
  const kept = new Map<string, unknown>();
  return <T>(key: string, build: () => T): T => {
    if (!kept.has(key)) kept.set(key, build());
    return kept.get(key) as T;
  };
}

const columns = seededColumns(6000, 5);
const city = vocabulary.cities[1];
const cityRows = Uint32Array.from({ length: columns.size }, (_, i) => i).filter((i) => columns.cityCode[i] === vocabulary.cities.indexOf(city));
const selections: [string, Uint32Array | null, object][] = [['every organisation', null, {}], [`city=${city}`, cityRows, { city }]];

describe('lookups kept per data version', () => {
  test.each(selections)('density and nni answer byte for byte the same with the data version prepared as without (%s)', (_label, ids, query) => {
    const prepared = keeper();
    for (const step of PREPARE_STEPS) prepareDataset(step, prepared, columns, ctx);
    for (const report of [densityReport, nniReport]) {
      const fresh = JSON.stringify(runToEnd(report({ selection: new Selection(columns, ids), query: query as never, ctx, perDataset: buildEveryTime })));
      expect(JSON.stringify(runToEnd(report({ selection: new Selection(columns, ids, prepared), query: query as never, ctx, perDataset: prepared })))).toBe(fresh);
    }
  });

  test.each(PREPARE_STEPS.map((step, i) => [step, PREPARE_STEPS.slice(0, i + 1)] as const))('nni answers byte for byte the same with the preparation stopped after step %s (a request that came before the rest)', (_last, steps) => {
    const prepared = keeper();
    for (const step of steps) prepareDataset(step, prepared, columns, ctx);
    const fresh = JSON.stringify(runToEnd(nniReport({ selection: new Selection(columns, null), query: {} as never, ctx, perDataset: buildEveryTime })));
    expect(JSON.stringify(runToEnd(nniReport({ selection: new Selection(columns, null, prepared), query: {} as never, ctx, perDataset: prepared })))).toBe(fresh);
    // The rest of the preparation, after the request, changes nothing either.
    for (const step of PREPARE_STEPS) prepareDataset(step, prepared, columns, ctx);
    expect(JSON.stringify(runToEnd(nniReport({ selection: new Selection(columns, null, prepared), query: {} as never, ctx, perDataset: prepared })))).toBe(fresh);
  });

  test.each(selections)('hotspots read from every row\'s kept cell answer byte for byte as with each record\'s cell found anew (%s)', (_label, ids, query) => {
    const prepared = keeper();
    for (const step of PREPARE_STEPS) prepareDataset(step, prepared, columns, ctx);
    for (const grid of [{}, { res: 8 }]) {
      const q = { ...query, ...grid, permutations: 99 } as never;
      const fresh = JSON.stringify(runToEnd(hotspotsReport({ selection: new Selection(columns, ids), query: q, ctx })));
      expect(JSON.stringify(runToEnd(hotspotsReport({ selection: new Selection(columns, ids, prepared), query: q, ctx, perDataset: prepared })))).toBe(fresh);
    }
  });

  test('every park\'s profile answers byte for byte the same with the data version prepared as without, and a filtered one counts only its rows', () => {
    const prepared = keeper();
    for (const step of PREPARE_STEPS) prepareDataset(step, prepared, columns, ctx);
    const profiles = ctx.parks.map((park) => {
      const query = { park: park.properties.id };
      const fresh = JSON.stringify(runToEnd(profileReport({ selection: new Selection(columns, null), query, ctx, perDataset: buildEveryTime })));
      expect(JSON.stringify(runToEnd(profileReport({ selection: new Selection(columns, null, prepared), query, ctx, perDataset: prepared })))).toBe(fresh);
      const inCity = runToEnd(profileReport({ selection: new Selection(columns, cityRows), query, ctx, perDataset: prepared })) as { organizations: { total: number } };
      return { all: (JSON.parse(fresh) as { organizations: { total: number } }).organizations.total, inCity: inCity.organizations.total };
    });
    expect(profiles.some((p) => p.all > 0 && p.inCity < p.all)).toBe(true);
  });

  test.each(selections)('hexagons counted from every row\'s kept cell equal hexagons found point by point (%s)', (_label, ids, query) => {
    const selection = new Selection(columns, ids).pointsOnly();
    const byPoint = runToEnd(hexDensityOfColumnsSteps({ ...selection.lonLat(), sectorBits: selection.sectorBits(), sectorWords: columns.sectorWords, sectorNames: vocabulary.sectors }, 8, 2));
    const density = runToEnd(densityReport({ selection: new Selection(columns, ids), query: { ...query, resolution: 8, topSectors: 2 } as never, ctx, perDataset: keeper() })) as { hexagons: { cells: { features: { properties: { h3: string; count: number; top_sectors: unknown } }[] } } };
    expect(density.hexagons.cells.features.map((f) => [f.properties.h3, f.properties.count, f.properties.top_sectors])).toEqual(byPoint.cells.map((c) => [c.h3, c.count, c.topSectors]));
    expect(keptPointCells(buildEveryTime, columns, 8).cellOfPoint.length).toBe(columns.size);
  });

  test.each(selections)('nni per sector equals a search among each sector\'s members alone, the old way (%s)', (_label, ids, query) => {
    const selection = new Selection(columns, ids).pointsOnly();
    const report = runToEnd(nniReport({ selection: new Selection(columns, ids), query: query as never, ctx, perDataset: keeper() })) as { studyArea: { areaKm2: number }; bySector: { sector: string }[] };
    const old = vocabulary.sectors.map((sector) => {
      const members = selection.withSector(sector).lonLat();
      const { areaKm2: _area, ...result } = nearestNeighbourIndexOf(members.lon, members.lat, report.studyArea.areaKm2);
      return { sector, ...result };
    });
    expect(report.bySector).toEqual(old);
    expect(old.filter((s) => s.n >= 2).length).toBeGreaterThan(3);
  });
});
