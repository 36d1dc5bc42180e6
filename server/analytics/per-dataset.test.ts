import { describe, expect, test } from 'vitest';
import { densityReport } from './density-report.ts';
import { hexDensityOfColumnsSteps } from './hex-density.ts';
import { hotspotsReport } from './hotspots-report.ts';
import { nniReport } from './nni-report.ts';
import { nearestNeighbourIndexOf } from './nni.ts';
import { buildEveryTime, keptPointCells, prepareDataset, PREPARE_STEPS } from './per-dataset.ts';
import { profileReport } from './profile-report.ts';
import { runToEnd } from './progress.ts';
import { Selection } from './selection.ts';
import { keeper, seededColumns, testCatalog } from './test-columns.ts';

const { ctx, vocabulary } = testCatalog;

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
