import { area, bboxPolygon } from '@turf/turf';
import type { NniQuery } from '../schemas/analytics.ts';
import { parseFilters } from '../schemas/filters.ts';
import { nearestNeighbourIndex, NNI_SIGNIFICANCE } from './nni.ts';
import { precisionReport } from './point-precision.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

export const NNI_DEFAULTS = { studyArea: 'city' } as const;

/** The bounding box of positions ([0, 0, 0, 0] for none), as Turf's bbox gives it. */
function boundsOf(positions: readonly GeoJSON.Position[]): [number, number, number, number] {
  if (positions.length === 0) return [0, 0, 0, 0];
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (const [lon, lat] of positions) {
    if (lon < minLon) minLon = lon;
    if (lat < minLat) minLat = lat;
    if (lon > maxLon) maxLon = lon;
    if (lat > maxLat) maxLat = lat;
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** /api/analytics/nni: the Clark–Evans nearest-neighbour index overall and per sector, over a city or bbox study area. */
export function* nniReport({ selection: every, query: q, ctx }: ReportInput<NniQuery>): Progressive<unknown> {
  const selection = every.pointsOnly();
  const filters = parseFilters(q, ctx.vocabulary);
  const organizations = selection.points();
  const positions = selection.positions();
  let studyArea;
  if ((q.studyArea ?? NNI_DEFAULTS.studyArea) === 'city') {
    const cities = filters.cities ? [...filters.cities] : [...new Set(organizations.map((o) => o.properties.city))].sort();
    studyArea = { kind: 'city' as const, cities, areaKm2: cities.reduce((s, c) => s + (ctx.cityAreaKm2.get(c) ?? 0), 0) };
  } else {
    const box = filters.bbox ?? boundsOf(positions);
    studyArea = { kind: 'bbox' as const, bbox: [...box], areaKm2: area(bboxPolygon(box as [number, number, number, number])) / 1e6 };
  }
  const { areaKm2: _overallArea, ...overall } = nearestNeighbourIndex(positions, studyArea.areaKm2);
  const bySector = [];
  const sectors = ctx.vocabulary.sectors.filter((s) => !filters.sectors || filters.sectors.has(s));
  for (const [i, sector] of sectors.entries()) {
    const members = positions.filter((_, k) => organizations[k].properties.sectors.includes(sector));
    const { areaKm2: _area, ...result } = nearestNeighbourIndex(members, studyArea.areaKm2);
    bySector.push({ sector, ...result });
    yield (i + 1) / sectors.length;
  }
  // NNI asks for no scale: the distances it measures are the observed nearest-neighbour ones.
  const precision = precisionReport(every.placedRecords(), { name: 'observed mean nearest-neighbour distance', km: overall.observedKm ?? Infinity });
  return { studyArea, significance: NNI_SIGNIFICANCE, overall, bySector, precision };
}
