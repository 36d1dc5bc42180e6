/**
 * Measures the raw value of every suitability criterion for each place, then scores them
 * (suitability.ts). Pure: the places, an indexed organisation set and the transport points in,
 * a ranked report out. Organisations are found through a grid of ~1 km cells (a box per place), so
 * the cost grows with the organisations near the places, not with all of them.
 */
import type { OrganizationFeature, TransportFeature } from '../schemas/places.ts';
import { EARTH_RADIUS_KM, haversineKm, haversineTerm, haversineTermOfKm, KM_PER_DEG } from '../geo/geodesy.ts';
import { CRITERIA, MAX_SUITABILITY_RADIUS_KM, scorePlaces, type CriterionId, type CriterionRange, type RawValues, type ScorePart, type Weights } from './suitability.ts';

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

/**
 * What depends only on the dataset (not on the request); build once per data change. The points
 * are sorted into a grid of ~1 km cells (row-major, compressed-row layout): a catchment query then
 * reads, row by row, one contiguous run of each array. At 1M points the query is bound by memory
 * access, and a KD-tree's result ids scatter those reads; the grid keeps them sequential.
 */
export interface SuitabilityPrep {
  grid: { minLon: number; minLat: number; cellDeg: number; cols: number; rows: number; cellStart: Uint32Array };
  lon: Float64Array;
  lat: Float64Array;
  cosLat: Float64Array;
  /** Sector bits per point, `words` 32-bit words each, bit k = sectorIds[k]. */
  sectorBits: Uint32Array;
  words: number;
  sectorIds: readonly string[];
  research: Uint8Array;
  /** Organisations taking part in a plan platform, with the sector that platform serves. */
  platformMembers: { lonLat: [number, number]; sector: string | null }[];
  /** Sector listings per city (a listing = one organisation × one sector it lists). */
  listings: Map<string, Map<string, number>>;
}

const CELL_DEG = 0.01;
const MAX_CELLS = 4_000_000; // a dataset spread wider gets coarser cells rather than a huge offsets table
const POSITIONS = 2 ** 22; // sort key = cell × 2^22 + position: exact in a double for < 4M points

export function prepareSuitability(features: readonly OrganizationFeature[], sectorIds: readonly string[]): SuitabilityPrep {
  const n = features.length;
  if (n >= POSITIONS) throw new RangeError(`suitability handles fewer than ${POSITIONS} organisations; got ${n}`);
  const words = Math.max(1, Math.ceil(sectorIds.length / 32));
  const code = new Map(sectorIds.map((s, i) => [s, i]));
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (const f of features) {
    const [x, y] = f.geometry.coordinates;
    minLon = Math.min(minLon, x);
    maxLon = Math.max(maxLon, x);
    minLat = Math.min(minLat, y);
    maxLat = Math.max(maxLat, y);
  }
  if (n === 0) minLon = minLat = maxLon = maxLat = 0;
  let cellDeg = CELL_DEG;
  const size = () => [Math.floor((maxLon - minLon) / cellDeg) + 1, Math.floor((maxLat - minLat) / cellDeg) + 1];
  while (size()[0] * size()[1] > MAX_CELLS) cellDeg *= 2;
  const [cols, rows] = size();
  const cellOf = (x: number, y: number) => Math.floor((y - minLat) / cellDeg) * cols + Math.floor((x - minLon) / cellDeg);
  // Pass 1, in input order (the feature objects are read once, where they lie in memory): columns,
  // tallies and a sort key that packs the cell with the position, so one typed sort orders them.
  const lon0 = new Float64Array(n), lat0 = new Float64Array(n);
  const bits0 = new Uint32Array(n * words);
  const research0 = new Uint8Array(n);
  const keys = new Float64Array(n);
  const platformMembers: SuitabilityPrep['platformMembers'] = [];
  const listings = new Map<string, Map<string, number>>();
  for (let i = 0; i < n; i++) {
    const { geometry, properties: p } = features[i];
    const x = (lon0[i] = geometry.coordinates[0]);
    const y = (lat0[i] = geometry.coordinates[1]);
    keys[i] = cellOf(x, y) * POSITIONS + i;
    if (RESEARCH_TYPES.has(p.type)) research0[i] = 1;
    if (p.platform) platformMembers.push({ lonLat: [x, y], sector: PLATFORM_SECTORS[p.platform.platform] ?? null });
    let city = listings.get(p.city);
    if (!city) listings.set(p.city, (city = new Map()));
    for (const s of p.sectors) {
      city.set(s, (city.get(s) ?? 0) + 1);
      const c = code.get(s);
      if (c !== undefined) bits0[i * words + (c >> 5)] |= 1 << (c & 31);
    }
  }
  keys.sort();
  // Pass 2: gather the columns into cell order and count points per cell.
  const cellStart = new Uint32Array(cols * rows + 1);
  const lon = new Float64Array(n), lat = new Float64Array(n), cosLat = new Float64Array(n);
  const sectorBits = new Uint32Array(n * words);
  const research = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const cell = Math.floor(keys[k] / POSITIONS);
    const i = keys[k] - cell * POSITIONS;
    lon[k] = lon0[i];
    lat[k] = lat0[i];
    cosLat[k] = Math.cos(lat[k] * RAD);
    research[k] = research0[i];
    for (let w = 0; w < words; w++) sectorBits[k * words + w] = bits0[i * words + w];
    cellStart[cell + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
  return { grid: { minLon, minLat, cellDeg, cols, rows, cellStart }, lon, lat, cosLat, sectorBits, words, sectorIds, research, platformMembers, listings };
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
