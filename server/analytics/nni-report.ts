import { area, bboxPolygon } from '@turf/turf';
import type { NniQuery } from '../schemas/analytics.ts';
import { parseFilters } from '../schemas/filters.ts';
import { nearestNeighbours } from './nearest-neighbour.ts';
import { nearestNeighbourIndexOfDistances, NNI_SIGNIFICANCE } from './nni.ts';
import { buildEveryTime, keptNearestOfAllPoints, keptSectorNearestKm } from './per-dataset.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import { membersBySector, sectorNearestDistancesKm } from './sector-nearest.ts';

export const NNI_DEFAULTS = { studyArea: 'city' } as const;

/** The bounding box of the points ([0, 0, 0, 0] for none), as Turf's bbox gives it. */
function boundsOf(lon: Float64Array, lat: Float64Array): [number, number, number, number] {
  if (lon.length === 0) return [0, 0, 0, 0];
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let k = 0; k < lon.length; k++) {
    if (lon[k] < minLon) minLon = lon[k];
    if (lat[k] < minLat) minLat = lat[k];
    if (lon[k] > maxLon) maxLon = lon[k];
    if (lat[k] > maxLat) maxLat = lat[k];
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** /api/analytics/nni: the Clark–Evans nearest-neighbour index overall and per sector, over a city or bbox study area. */
export function* nniReport({ selection: every, query: q, ctx, perDataset = buildEveryTime }: ReportInput<NniQuery>): Progressive<unknown> {
  const selection = every.pointsOnly();
  const filters = parseFilters(q, ctx.vocabulary);
  const { lon, lat } = selection.lonLat();
  let studyArea;
  if ((q.studyArea ?? NNI_DEFAULTS.studyArea) === 'city') {
    const cities = filters.cities ? [...filters.cities] : selection.cityIds().sort();
    studyArea = { kind: 'city' as const, cities, areaKm2: cities.reduce((s, c) => s + (ctx.cityAreaKm2.get(c) ?? 0), 0) };
  } else {
    const box = filters.bbox ?? boundsOf(lon, lat);
    studyArea = { kind: 'bbox' as const, bbox: [...box], areaKm2: area(bboxPolygon(box as [number, number, number, number])) / 1e6 };
  }
  // Unfiltered, the overall search is the same for every request of this data version.
  const nearest = every.ids === null ? keptNearestOfAllPoints(perDataset, every.columns) : nearestNeighbours(lon, lat);
  const { areaKm2: _overallArea, ...overall } = nearestNeighbourIndexOfDistances(nearest.distanceKm, studyArea.areaKm2);
  const bySector = [];
  const sectors = ctx.vocabulary.sectors.filter((s) => !filters.sectors || filters.sectors.has(s));
  const members = membersBySector(selection);
  const memberAt = new Int32Array(selection.size).fill(-1);
  const codeOf = new Map(selection.columns.vocabulary.sectors.map((s, code) => [s, code]));
  for (const [i, sector] of sectors.entries()) {
    const code = codeOf.get(sector);
    const search = () => sectorNearestDistancesKm(members[code!], lon, lat, nearest, memberAt);
    // Unfiltered, each sector's search is the same for every request of this data version.
    const distances = code === undefined ? new Float64Array(0) : every.ids === null ? keptSectorNearestKm(perDataset, code, search) : search();
    const { areaKm2: _area, ...result } = nearestNeighbourIndexOfDistances(distances, studyArea.areaKm2);
    bySector.push({ sector, ...result });
    yield (i + 1) / sectors.length;
  }
  // NNI asks for no scale: the distances it measures are the observed nearest-neighbour ones.
  const precision = every.precisionReport({ name: 'observed mean nearest-neighbour distance', km: overall.observedKm ?? Infinity });
  return { studyArea, significance: NNI_SIGNIFICANCE, overall, bySector, precision };
}
