/**
 * Measures the raw value of every suitability criterion for each place, then scores them
 * (suitability.ts). Pure: the places, an indexed organisation set and the transport points in,
 * a ranked report out. Organisations are found with the KD-tree (a box query per place), so the
 * cost grows with the organisations near the places, not with all of them.
 */
import type KDBush from 'kdbush';
import type { OrganizationFeature, TransportFeature } from '../schemas/places.ts';
import { EARTH_RADIUS_KM, haversineKm, haversineTerm, haversineTermOfKm, KM_PER_DEG } from './geodesy.ts';
import { CRITERIA, scorePlaces, type CriterionId, type CriterionRange, type RawValues, type ScorePart, type Weights } from './suitability.ts';

/** Largest radius accepted: beyond ~100 km a catchment spans the whole Pearl River Delta and says nothing. */
export const MAX_SUITABILITY_RADIUS_KM = 100;
export const SUITABILITY_DEFAULTS = { radiusKm: 10, weight: 1 } as const;

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

/** The plan's open innovation platforms (三(二)) and the sector each serves. */
export const PLATFORM_SECTORS: Record<string, string> = {
  'medical-imaging': 'medical-ai',
  'intelligent-voice': 'voice-nlp',
  'autonomous-unmanned-systems': 'drones',
  'smart-manufacturing': 'smart-manufacturing',
  'smart-home': 'smart-home',
  'smart-marine-manufacturing': 'marine-engineering'
};

const RESEARCH_TYPES = new Set(['university', 'lab', 'institute']);
const RAD = Math.PI / 180;

/** Organisations with their KD-tree; tree item i is features[i] at (lon[i], lat[i]). */
export interface IndexedOrganizations {
  tree: KDBush;
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  features: readonly OrganizationFeature[];
}

/** What depends only on the dataset (not on the request); build once per data version. */
export interface SuitabilityPrep {
  research: Uint8Array;
  /** Positions of organisations taking part in a plan platform, with the sector that platform serves. */
  platformMembers: { index: number; sector: string | null }[];
  /** Sector listings per city (a listing = one organisation × one sector it lists). */
  listings: Map<string, Map<string, number>>;
}

export function prepareSuitability(features: readonly OrganizationFeature[]): SuitabilityPrep {
  const research = new Uint8Array(features.length);
  const platformMembers: SuitabilityPrep['platformMembers'] = [];
  const listings = new Map<string, Map<string, number>>();
  for (let i = 0; i < features.length; i++) {
    const p = features[i].properties;
    if (RESEARCH_TYPES.has(p.type)) research[i] = 1;
    if (p.platform) platformMembers.push({ index: i, sector: PLATFORM_SECTORS[p.platform.platform] ?? null });
    let city = listings.get(p.city);
    if (!city) listings.set(p.city, (city = new Map()));
    for (const s of p.sectors) city.set(s, (city.get(s) ?? 0) + 1);
  }
  return { research, platformMembers, listings };
}

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

/** Decay-weighted, research and platform counts within radiusKm of one point, via one box query. */
function catchment(from: [number, number], radiusKm: number, orgs: IndexedOrganizations, inSectors: (i: number) => boolean, prep: SuitabilityPrep, sectors: ReadonlySet<string>) {
  const [lon, lat] = from;
  const dLat = radiusKm / KM_PER_DEG;
  const dLon = radiusKm / (KM_PER_DEG * Math.max(0.01, Math.cos(Math.min(89, Math.abs(lat) + dLat) * RAD)));
  const lonRad = lon * RAD, latRad = lat * RAD, cosLat = Math.cos(latRad);
  const maxTerm = haversineTermOfKm(radiusKm);
  let weighted = 0, count = 0, research = 0;
  for (const i of orgs.tree.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
    if (i >= orgs.features.length) continue;
    const pLat = orgs.lat[i] * RAD;
    const term = haversineTerm(lonRad, latRad, cosLat, orgs.lon[i] * RAD, pLat, Math.cos(pLat));
    if (term > maxTerm) continue;
    if (prep.research[i]) research++;
    if (inSectors(i)) {
      const d = 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(term));
      const u = d / radiusKm;
      weighted += (1 - u * u) * (1 - u * u);
      count++;
    }
  }
  let platforms = 0;
  for (const m of prep.platformMembers) {
    if (m.sector === null || !sectors.has(m.sector)) continue;
    if (haversineKm(from, [orgs.lon[m.index], orgs.lat[m.index]]) <= radiusKm) platforms++;
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

/** Measures every criterion for every place and ranks them. `inSectors(i)` says whether organisation i lists one of the sectors. */
export function suitabilityReport(
  places: readonly SuitabilityPlace[],
  orgs: IndexedOrganizations,
  inSectors: (i: number) => boolean,
  prep: SuitabilityPrep,
  transport: readonly TransportFeature[],
  request: SuitabilityRequest
): SuitabilityReport {
  const { sectors, radiusKm, weights, region } = request;
  if (!(radiusKm > 0) || radiusKm > MAX_SUITABILITY_RADIUS_KM) throw new RangeError(`radiusKm must be > 0 and ≤ ${MAX_SUITABILITY_RADIUS_KM}; got ${radiusKm}`);
  const measured = places.map((place) => {
    const c = catchment(place.lonLat, radiusKm, orgs, inSectors, prep, sectors);
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
