/**
 * Measures the raw value of every suitability criterion for each place, then scores them
 * (suitability.ts). Pure: the places, the prepared organisations (suitability-prep.ts) and the transport points in,
 * a ranked report out. Organisations are found through a grid of ~1 km cells (a box per place), so
 * the cost grows with the organisations near the places, not with all of them.
 */
import { EARTH_RADIUS_KM, haversineKm, haversineTerm, haversineTermOfKm, KM_PER_DEG } from '../geo/geodesy.ts';
import { labelPoint } from '../geo/label-point.ts';
import { badParameter } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';
import type { ParkFeature, TransportFeature } from '../schemas/places.ts';
import type { SuitabilityQuery } from '../schemas/suitability.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import { SUITABILITY_CAVEATS } from './suitability-caveats.ts';
import { prepareSuitability, type SuitabilityPrep } from './suitability-prep.ts';
import {
  CRITERIA, MAX_SUITABILITY_RADIUS_KM, scorePlaces, SUITABILITY_DEFAULTS, WEIGHT_PARAMETERS,
  type CriterionId, type CriterionRange, type RawValues, type ScorePart, type Weights
} from './suitability.ts';

const RAD = Math.PI / 180;

/** The distance-decay kernel, stated for the report: quartic (biweight). */
export const DECAY_KERNEL = {
  en: 'quartic (biweight) distance decay: an organisation at distance d counts (1 − (d/r)²)², 1 at the park and 0 at r km',
  zh: '四次（双权）距离衰减：距离为 d 的机构计 (1 − (d/r)²)²，在园区处为 1，在 r 公里处为 0'
} as const;

export const NORMALISATION = {
  en: 'min–max across the places compared: (v − min) ÷ (max − min) where more is better, (max − v) ÷ (max − min) for distances; score = 100 × Σ weight × normalised ÷ Σ weight',
  zh: '在参与比较的园区之间做最小—最大归一化：越多越好的指标为 (v − min) ÷ (max − min)，距离为 (max − v) ÷ (max − min)；得分 = 100 × Σ 权重 × 归一值 ÷ Σ 权重'
} as const;

export const MISSING_RULE = {
  en: "a missing value is shown as missing, never as 0: its weight is shared among that place's other criteria in proportion to their weights, and the place is flagged; a criterion with the same value for every place compared is left out for all",
  zh: '缺失值显示为缺失，绝不当作 0：其权重按比例分给该园区的其他指标，并标注；所有园区取值相同的指标对所有园区都不计分'
} as const;

/** A place as suitability sees it: measured from one point. */
export interface SuitabilityPlace {
  id: string;
  name_zh: string;
  name_en: string;
  city: string;
  lonLat: [number, number];
  areaKm2: number | null;
}

export interface SuitabilityRequest {
  sectors: ReadonlySet<string>;
  radiusKm: number;
  weights: Weights;
  /** The region the location quotient is measured against (the focus cities). */
  region: readonly string[];
}

interface Nearest {
  id: string;
  name_zh: string;
  name_en: string;
  distance_km: number;
}

function nearestOf(kind: TransportFeature['properties']['kind'], from: [number, number], transport: readonly TransportFeature[]): Nearest | null {
  let best: Nearest | null = null;
  for (const t of transport) {
    if (t.properties.kind !== kind) continue;
    const km = haversineKm(from, t.geometry.coordinates);
    if (!best || km < best.distance_km) best = { id: t.properties.id, name_zh: t.properties.name_zh, name_en: t.properties.name_en, distance_km: Math.round(km * 10) / 10 };
  }
  return best;
}

/** Location quotient of a group of sectors in a city: its share of the city's listings ÷ its share of the region's. */
export function groupLocationQuotient(listings: SuitabilityPrep['listings'], city: string, sectors: ReadonlySet<string>, region: readonly string[]): number | null {
  const sum = (m: Map<string, number> | undefined, only?: ReadonlySet<string>) => {
    let n = 0;
    for (const [s, c] of m ?? []) if (!only || only.has(s)) n += c;
    return n;
  };
  const cityAll = sum(listings.get(city));
  if (cityAll === 0) return null;
  let regionAll = 0, regionGroup = 0;
  for (const c of region) {
    regionAll += sum(listings.get(c));
    regionGroup += sum(listings.get(c), sectors);
  }
  if (regionGroup === 0) return null;
  return sum(listings.get(city), sectors) / cityAll / (regionGroup / regionAll);
}

/** The sector bits of a request, in the prep's word layout. */
function sectorMask(prep: SuitabilityPrep, sectors: ReadonlySet<string>): Uint32Array {
  const mask = new Uint32Array(prep.words);
  prep.sectorIds.forEach((s, c) => {
    if (sectors.has(s)) mask[c >> 5] |= 1 << (c & 31);
  });
  return mask;
}

/** Decay-weighted, research and platform counts within radiusKm of one point, via one box query. */
function catchment(from: [number, number], radiusKm: number, prep: SuitabilityPrep, mask: Uint32Array, sectors: ReadonlySet<string>) {
  const [lon, lat] = from;
  const dLat = radiusKm / KM_PER_DEG;
  const dLon = radiusKm / (KM_PER_DEG * Math.max(0.01, Math.cos(Math.min(89, Math.abs(lat) + dLat) * RAD)));
  const lonRad = lon * RAD, latRad = lat * RAD, cosLat = Math.cos(latRad);
  const maxTerm = haversineTermOfKm(radiusKm);
  const { lon: lons, lat: lats, cosLat: cosLats, sectorBits, words, research: isResearch } = prep;
  let weighted = 0, count = 0, research = 0;
  const { minLon, minLat, cellDeg, cols, rows, cellStart } = prep.grid;
  const clamp = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
  const c0 = Math.floor((lon - dLon - minLon) / cellDeg), c1 = Math.floor((lon + dLon - minLon) / cellDeg);
  const r0 = Math.floor((lat - dLat - minLat) / cellDeg), r1 = Math.floor((lat + dLat - minLat) / cellDeg);
  if (c1 >= 0 && c0 < cols && r1 >= 0 && r0 < rows) {
    for (let row = clamp(r0, rows - 1); row <= clamp(r1, rows - 1); row++) {
      // Only the circle's chord across this row of cells is read (the box's corners hold nothing),
      // widened 2% and by a cell so the exact test below decides every point near the edge.
      const rowSouth = minLat + row * cellDeg, rowNorth = rowSouth + cellDeg;
      const dyKm = Math.max(0, rowSouth - lat, lat - rowNorth) * KM_PER_DEG;
      if (dyKm > radiusKm) continue;
      const chordDeg = (Math.sqrt(radiusKm * radiusKm - dyKm * dyKm) * 1.02) / (KM_PER_DEG * Math.max(0.01, Math.cos(Math.min(89, Math.max(Math.abs(rowSouth), Math.abs(rowNorth))) * RAD)));
      const from = clamp(Math.max(c0, Math.floor((lon - chordDeg - minLon) / cellDeg)), cols - 1);
      const to = clamp(Math.min(c1, Math.floor((lon + chordDeg - minLon) / cellDeg)), cols - 1);
      // The cells of one row between `from` and `to` are one contiguous run of the arrays.
      const end = cellStart[row * cols + to + 1];
      for (let i = cellStart[row * cols + from]; i < end; i++) {
        const term = haversineTerm(lonRad, latRad, cosLat, lons[i] * RAD, lats[i] * RAD, cosLats[i]);
        if (term > maxTerm) continue;
        research += isResearch[i];
        let hit = 0;
        for (let w = 0; w < words; w++) hit |= sectorBits[i * words + w] & mask[w];
        if (hit !== 0) {
          const d = 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(term));
          const u = d / radiusKm;
          weighted += (1 - u * u) * (1 - u * u);
          count++;
        }
      }
    }
  }
  let platforms = 0;
  for (const m of prep.platformMembers) {
    if (m.sector !== null && sectors.has(m.sector) && haversineKm(from, m.lonLat) <= radiusKm) platforms++;
  }
  return { weighted, count, research, platforms };
}

export interface SuitabilityPlaceReport {
  id: string;
  name_zh: string;
  name_en: string;
  city: string;
  rank: number | null;
  score: number | null;
  weight_redistributed: boolean;
  parts: (ScorePart & { unit: string })[];
  measured_from: [number, number];
  organizations_within: number;
  nearest_airport: Nearest | null;
  nearest_container_port: Nearest | null;
}

export interface SuitabilityReport {
  sectors: string[];
  radiusKm: number;
  weights: Weights;
  criteria: CriterionRange[];
  kernel: typeof DECAY_KERNEL;
  normalisation: typeof NORMALISATION;
  missing: typeof MISSING_RULE;
  places: SuitabilityPlaceReport[];
}

const UNITS: Record<CriterionId, string> = {
  organizations: 'decay-weighted organisations',
  research: 'universities, labs and institutes',
  platforms: 'platform members',
  airport: 'km',
  port: 'km',
  specialisation: 'location quotient',
  area: 'km²'
};

/** Measures every criterion for every place and ranks them. */
export function suitabilityReport(
  places: readonly SuitabilityPlace[],
  prep: SuitabilityPrep,
  transport: readonly TransportFeature[],
  request: SuitabilityRequest
): SuitabilityReport {
  const { sectors, radiusKm, weights, region } = request;
  if (!(radiusKm > 0) || radiusKm > MAX_SUITABILITY_RADIUS_KM) throw new RangeError(`radiusKm must be > 0 and ≤ ${MAX_SUITABILITY_RADIUS_KM}; got ${radiusKm}`);
  const mask = sectorMask(prep, sectors);
  const measured = places.map((place) => {
    const c = catchment(place.lonLat, radiusKm, prep, mask, sectors);
    const airport = nearestOf('airport', place.lonLat, transport);
    const port = nearestOf('container-port', place.lonLat, transport);
    const lq = groupLocationQuotient(prep.listings, place.city, sectors, region);
    const raw: RawValues = {
      organizations: Math.round(c.weighted * 100) / 100,
      research: c.research,
      platforms: c.platforms,
      airport: airport?.distance_km ?? null,
      port: port?.distance_km ?? null,
      specialisation: lq === null ? null : Math.round(lq * 1000) / 1000,
      area: place.areaKm2
    };
    return { place, raw, count: c.count, airport, port };
  });
  const { ranges, places: scores } = scorePlaces(measured.map((m) => ({ id: m.place.id, raw: m.raw })), weights);
  const byId = new Map(measured.map((m) => [m.place.id, m]));
  return {
    sectors: [...sectors].sort(),
    radiusKm,
    weights: Object.fromEntries(CRITERIA.map((c) => [c, weights[c]])) as Weights,
    criteria: ranges,
    kernel: DECAY_KERNEL,
    normalisation: NORMALISATION,
    missing: MISSING_RULE,
    places: scores.map((s) => {
      const m = byId.get(s.id)!;
      return {
        id: s.id,
        name_zh: m.place.name_zh,
        name_en: m.place.name_en,
        city: m.place.city,
        rank: s.rank,
        score: s.score,
        weight_redistributed: s.weight_redistributed,
        parts: s.parts.map((p) => ({ ...p, unit: UNITS[p.criterion] })),
        measured_from: m.place.lonLat,
        organizations_within: m.count,
        nearest_airport: m.airport,
        nearest_container_port: m.port
      };
    })
  };
}

/**
 * /api/analytics/suitability in the pool: the parks `parkIds` (the route picked and checked them)
 * ranked for the query's sectors, radius and weights, over every organisation. The dataset's grid
 * and tallies are prepared once per data version (`perDataset`).
 */
export function* suitabilityRanking({ query: q, ctx, parkIds, perDataset = (_, build) => build(), selection }: ReportInput<SuitabilityQuery>): Progressive<SuitabilityReport & { caveats: typeof SUITABILITY_CAVEATS }> {
  const sectors = parseFilters({ sector: q.sector }, ctx.vocabulary).sectors;
  if (!sectors) throw badParameter('sector', 'give at least one sector id, e.g. sector=service-robots');
  const weights = Object.fromEntries(CRITERIA.map((c) => [c, q[WEIGHT_PARAMETERS[c]] ?? SUITABILITY_DEFAULTS.weight])) as Weights;
  const prep = perDataset('suitability', () => prepareSuitability(selection.columns, ctx.platformMembers));
  yield 0.8;
  const places = (parkIds ?? ctx.parks.map((p) => p.properties.id)).map((id) => placeOf(ctx.parksById.get(id)!));
  const report = suitabilityReport(places, prep, ctx.transport, { sectors, radiusKm: q.radiusKm ?? SUITABILITY_DEFAULTS.radiusKm, weights, region: ctx.focusCities });
  return { ...report, caveats: SUITABILITY_CAVEATS };
}

/** A park as suitability measures it: from its point, or from the visual centre of its area. */
function placeOf(park: ParkFeature): SuitabilityPlace {
  const g = park.geometry;
  const { id, name_zh, name_en, city, area_km2 } = park.properties;
  return { id, name_zh, name_en, city, lonLat: g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : labelPoint(g), areaKm2: area_km2 ?? null };
}
