/**
 * What suitability needs from the dataset rather than the request (a cell grid over the
 * organisations, research flags, city listings), built from the shared organisation columns once
 * per data version (the analytics worker keeps it between requests).
 */
import type { OrganizationColumns } from '../catalog/organization-columns.ts';
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

/** An organisation taking part in a plan platform, with the sector that platform serves. */
export interface PlatformMember {
  lonLat: [number, number];
  sector: string | null;
}

/** The platform members among `features` (only curated records carry a platform; imports do not). */
export function platformMembersOf(features: readonly OrganizationFeature[]): PlatformMember[] {
  return features.flatMap(({ geometry, properties: p }) =>
    p.platform ? [{ lonLat: [geometry.coordinates[0], geometry.coordinates[1]] as [number, number], sector: PLATFORM_SECTORS[p.platform.platform] ?? null }] : []
  );
}

const RESEARCH_TYPES = new Set(['university', 'lab', 'institute']);
const RAD = Math.PI / 180;

/**
 * The points are sorted into a grid of ~1 km cells (row-major, compressed-row layout): a catchment
 * query then reads, row by row, one contiguous run of each array. At 1M points the query is bound by
 * memory access, and a KD-tree's result ids scatter those reads; the grid keeps them sequential.
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
  platformMembers: readonly PlatformMember[];
  /** Sector listings per city (a listing = one organisation × one sector it lists). */
  listings: Map<string, Map<string, number>>;
}

const CELL_DEG = 0.01;
const MAX_CELLS = 4_000_000; // a dataset spread wider gets coarser cells rather than a huge offsets table
const POSITIONS = 2 ** 22; // sort key = cell × 2^22 + position: exact in a double for < 4M points

/** Builds the grid and tallies over every row of `columns` (sector bits keep the columns' vocabulary order). */
export function prepareSuitability(columns: OrganizationColumns, platformMembers: readonly PlatformMember[]): SuitabilityPrep {
  const { size: n, sectorWords: words, vocabulary } = columns;
  if (n >= POSITIONS) throw new RangeError(`suitability handles fewer than ${POSITIONS} organisations; got ${n}`);
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = columns.lon[i], y = columns.lat[i];
    if (x < minLon) minLon = x;
    if (x > maxLon) maxLon = x;
    if (y < minLat) minLat = y;
    if (y > maxLat) maxLat = y;
  }
  if (n === 0) minLon = minLat = maxLon = maxLat = 0;
  let cellDeg = CELL_DEG;
  const size = () => [Math.floor((maxLon - minLon) / cellDeg) + 1, Math.floor((maxLat - minLat) / cellDeg) + 1];
  while (size()[0] * size()[1] > MAX_CELLS) cellDeg *= 2;
  const [cols, rows] = size();
  // One typed sort orders the rows by cell: the key packs the cell with the row.
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (Math.floor((columns.lat[i] - minLat) / cellDeg) * cols + Math.floor((columns.lon[i] - minLon) / cellDeg)) * POSITIONS + i;
  keys.sort();
  const researchCode = Uint8Array.from({ length: 256 }, (_, code) => (RESEARCH_TYPES.has(vocabulary.types[code]) ? 1 : 0));
  // Listings are tallied per city code and sector code, then named.
  const tally = new Float64Array(256 * vocabulary.sectors.length);
  const cellStart = new Uint32Array(cols * rows + 1);
  const lon = new Float64Array(n), lat = new Float64Array(n), cosLat = new Float64Array(n);
  const sectorBits = new Uint32Array(n * words);
  const research = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const cell = Math.floor(keys[k] / POSITIONS);
    const i = keys[k] - cell * POSITIONS;
    lon[k] = columns.lon[i];
    lat[k] = columns.lat[i];
    cosLat[k] = Math.cos(lat[k] * RAD);
    research[k] = researchCode[columns.typeCode[i]];
    const city = columns.cityCode[i] * vocabulary.sectors.length;
    for (let w = 0; w < words; w++) {
      let bits = (sectorBits[k * words + w] = columns.sectorBits[i * words + w]);
      while (bits !== 0) {
        tally[city + w * 32 + (31 - Math.clz32(bits & -bits))]++;
        bits &= bits - 1;
      }
    }
    cellStart[cell + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
  const listings = new Map<string, Map<string, number>>();
  vocabulary.cities.forEach((cityId, code) => {
    const city = new Map<string, number>();
    vocabulary.sectors.forEach((s, c) => {
      const count = tally[code * vocabulary.sectors.length + c];
      if (count > 0) city.set(s, count);
    });
    if (city.size > 0) listings.set(cityId, city);
  });
  return { grid: { minLon, minLat, cellDeg, cols, rows, cellStart }, lon, lat, cosLat, sectorBits, words, sectorIds: vocabulary.sectors, research, platformMembers, listings };
}
