import { area, bboxPolygon } from '@turf/turf';
import type { NniQuery } from '../schemas/analytics.ts';
import { parseFilters } from '../schemas/filters.ts';
import { nearestNeighbours, type NearestNeighbours } from './nearest-neighbour.ts';
import { nearestNeighbourIndexOfDistances, NNI_SIGNIFICANCE } from './nni.ts';
import { buildEveryTime, keptNearestOfAllPoints } from './per-dataset.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import type { Selection } from './selection.ts';

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

/** The selection's members of each sector code, in selection order: one pass over the sector bits. */
function membersBySector(selection: Selection): number[][] {
  const { sectorBits, sectorWords } = selection.columns;
  const members: number[][] = Array.from({ length: sectorWords * 32 }, () => []);
  for (let k = 0; k < selection.size; k++) {
    const row = selection.row(k);
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits[row * sectorWords + w];
      while (bits !== 0) {
        members[w * 32 + (31 - Math.clz32(bits & -bits))].push(k);
        bits &= bits - 1;
      }
    }
  }
  return members;
}

/**
 * Each of a sector's `members`' distance to its nearest other member, km, in their order. A member
 * whose nearest organisation overall (`nearest`) is a member too has that same neighbour and
 * distance within the sector (no member is nearer, and the distance is computed from the same pair
 * the same way): only the other members are searched for, in a tree of the sector's members.
 * `memberAt` (one slot per selected organisation, all −1) is scratch space, left all −1 again.
 */
function sectorNearestDistancesKm(members: readonly number[], lon: Float64Array, lat: Float64Array, nearest: NearestNeighbours, memberAt: Int32Array): Float64Array {
  members.forEach((k, m) => (memberAt[k] = m));
  const distances = new Float64Array(members.length);
  const searched: number[] = [];
  members.forEach((k, m) => {
    const j = nearest.neighbour[k];
    if (j >= 0 && memberAt[j] >= 0) distances[m] = nearest.distanceKm[k];
    else searched.push(m);
  });
  for (const k of members) memberAt[k] = -1;
  if (searched.length > 0 && members.length >= 2) {
    const within = nearestNeighbours(Float64Array.from(members, (k) => lon[k]), Float64Array.from(members, (k) => lat[k]), Uint32Array.from(searched));
    for (const m of searched) distances[m] = within.distanceKm[m];
  }
  return distances;
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
    const distances = code === undefined ? new Float64Array(0) : sectorNearestDistancesKm(members[code], lon, lat, nearest, memberAt);
    const { areaKm2: _area, ...result } = nearestNeighbourIndexOfDistances(distances, studyArea.areaKm2);
    bySector.push({ sector, ...result });
    yield (i + 1) / sectors.length;
  }
  // NNI asks for no scale: the distances it measures are the observed nearest-neighbour ones.
  const precision = every.precisionReport({ name: 'observed mean nearest-neighbour distance', km: overall.observedKm ?? Infinity });
  return { studyArea, significance: NNI_SIGNIFICANCE, overall, bySector, precision };
}
