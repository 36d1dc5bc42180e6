/**
 * The dataset side of suitability, built once per data change: the organisations sorted into a
 * grid of ~1 km cells with the columns a catchment reads, plus the tallies that do not depend on
 * the request (platform members, sector listings per city). Pure: features in, typed arrays out.
 */
import type { OrganizationFeature } from '../schemas/places.ts';

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

