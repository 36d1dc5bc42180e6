import { quickselect } from 'simple-statistics';

type Bilingual = { zh: string; en: string };

/** What a point statistic needs of a record: where it is, how exactly, and how it was placed. */
export interface PlacedRecord {
  geometry: { coordinates: GeoJSON.Position };
  properties: { precision_m: number; located_by?: string };
}

export interface PrecisionReport {
  /** Records the statistic used (placed as points). */
  used: number;
  /** Records placed only to an administrative area: left out of point statistics, counted in area statistics. */
  areaPlaced: number;
  /** Used records that share their exact coordinate with another used record. */
  sharingCoordinate: number;
  distinctLocations: number;
  /** Median precision_m of the used records, metres (null with none). */
  medianPrecisionM: number | null;
  /** The scale asked for, km, and what it is called (eps, bandwidth, cell size, r). */
  scale: { name: string; km: number };
  /** Warnings in both languages; empty when the data can support the scale. */
  warnings: Bilingual[];
}

/** Whether a record is placed as a point (records placed only to an administrative area are not). */
export const isPointPlaced = (record: PlacedRecord): boolean => record.properties.located_by !== 'admin-area';

/** How many distinct coordinates the positions occupy. */
export function distinctLocationCount(positions: readonly GeoJSON.Position[]): number {
  const sharing = new CoordinateSharing(positions.length);
  for (const [lon, lat] of positions) sharing.add(lon, lat);
  return sharing.result().distinctLocations;
}

/** distinctLocationCount of points given as longitude and latitude columns. */
export function distinctLocationCountOf(lon: Float64Array, lat: Float64Array): number {
  const sharing = new CoordinateSharing(lon.length);
  for (let i = 0; i < lon.length; i++) sharing.add(lon[i], lat[i]);
  return sharing.result().distinctLocations;
}

/** The median of `values`, reordering them (quickselect, no sort). */
function medianOf(values: Float64Array): number {
  const n = values.length, upper = Math.floor(n / 2);
  quickselect(values as unknown as number[], upper);
  if (n % 2) return values[upper];
  // The lower middle is the largest value left of the upper one after the selection.
  let lower = -Infinity;
  for (let i = 0; i < upper; i++) lower = Math.max(lower, values[i]);
  return (lower + values[upper]) / 2;
}

/**
 * Distinct coordinates and how many records share theirs with another, over up to millions of
 * records: coordinates on a 1e-7° lattice (~1 cm, finer than any source's precision) in an
 * open-addressing hash table of typed arrays, since string or float keys in a Map take seconds there.
 */
class CoordinateSharing {
  private readonly mask: number;
  /** Per slot: lon key, lat key, count, unused: one slot is one 16-byte run, so a probe touches one cache line. */
  private readonly slots: Uint32Array;
  private distinct = 0;

  constructor(capacity: number) {
    let size = 1024;
    while (size < 2 * capacity) size *= 2;
    this.mask = size - 1;
    this.slots = new Uint32Array(4 * size);
  }

  add(lon: number, lat: number): void {
    const x = Math.round((lon + 180) * 1e7) >>> 0, y = Math.round((lat + 90) * 1e7) >>> 0;
    const { slots, mask } = this;
    let slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & mask;
    while (slots[4 * slot + 2] !== 0 && (slots[4 * slot] !== x || slots[4 * slot + 1] !== y)) slot = (slot + 1) & mask;
    if (slots[4 * slot + 2] === 0) {
      slots[4 * slot] = x;
      slots[4 * slot + 1] = y;
      this.distinct++;
    }
    slots[4 * slot + 2]++;
  }

  result(): { distinctLocations: number; sharingCoordinate: number } {
    let sharingCoordinate = 0;
    for (let at = 2; at < this.slots.length; at += 4) if (this.slots[at] > 1) sharingCoordinate += this.slots[at];
    return { distinctLocations: this.distinct, sharingCoordinate };
  }
}

/**
 * The precision and duplicate report every point statistic carries: records used and left out, how
 * many share a coordinate, their median precision, and a warning when the scale asked for is finer
 * than the records' median precision (no structure at that scale can be read from them).
 */
export function precisionReport(records: readonly PlacedRecord[], scale: { name: string; km: number }): PrecisionReport {
  // One pass, no per-record allocation: this runs over up to a million records on every point statistic.
  const sharing = new CoordinateSharing(records.length);
  const precisions = new Float64Array(records.length);
  let count = 0;
  for (const r of records) {
    if (!isPointPlaced(r)) continue;
    precisions[count++] = r.properties.precision_m;
    sharing.add(r.geometry.coordinates[0], r.geometry.coordinates[1]);
  }
  return precisionReportOfStats(statsOf(records.length, count, sharing, precisions), scale);
}

/** What precisionReportOfRows reads: the organisation columns' positions, precision and placing. */
export interface PlacedColumns {
  lon: Float64Array;
  lat: Float64Array;
  precisionM: Float32Array;
  /** 1 for a record placed only to an administrative area. */
  areaPlaced: Uint8Array;
}

/** precisionReport over rows of the organisation columns (every row when `rows` is null), read in place. */
export function precisionReportOfRows(columns: PlacedColumns, rows: Uint32Array | null, size: number, scale: { name: string; km: number }): PrecisionReport {
  return precisionReportOfStats(precisionStatsOfRows(columns, rows, size), scale);
}

/** What a precision report counts, before a scale is asked for: the same for every scale. */
export type PrecisionStats = Omit<PrecisionReport, 'scale' | 'warnings'>;

/** The counts of precisionReportOfRows, which do not depend on the scale (so they can be kept per data version). */
export function precisionStatsOfRows(columns: PlacedColumns, rows: Uint32Array | null, size: number): PrecisionStats {
  const { lon, lat, precisionM, areaPlaced } = columns;
  const sharing = new CoordinateSharing(size);
  const precisions = new Float64Array(size);
  let count = 0;
  for (let k = 0; k < size; k++) {
    const i = rows ? rows[k] : k;
    if (areaPlaced[i] === 1) continue;
    precisions[count++] = precisionM[i];
    sharing.add(lon[i], lat[i]);
  }
  return statsOf(size, count, sharing, precisions);
}

function statsOf(records: number, count: number, sharing: CoordinateSharing, precisions: Float64Array): PrecisionStats {
  const { distinctLocations, sharingCoordinate } = sharing.result();
  return { used: count, areaPlaced: records - count, sharingCoordinate, distinctLocations, medianPrecisionM: count === 0 ? null : medianOf(precisions.subarray(0, count)) };
}

/** The precision report of counted records at the scale asked for: the counts, and the warnings they call for. */
export function precisionReportOfStats(stats: PrecisionStats, scale: { name: string; km: number }): PrecisionReport {
  const { used, areaPlaced, sharingCoordinate, distinctLocations, medianPrecisionM } = stats;
  const warnings: Bilingual[] = [];
  if (medianPrecisionM !== null && scale.km * 1000 < medianPrecisionM) {
    const asked = `${scale.name} ${formatKm(scale.km)} km`, precision = formatKm(medianPrecisionM / 1000);
    warnings.push({
      zh: `所选尺度（${asked}）小于记录位置的中位精度（${precision} km）：在此尺度上看到的结构不能由这些数据支撑`,
      en: `the scale asked for (${asked}) is finer than the records' median location precision (${precision} km): no structure at this scale can be read from these data`
    });
  }
  if (sharingCoordinate > 0) {
    warnings.push({
      zh: `${sharingCoordinate} 条记录与其他记录坐标完全相同（多为按同一地址或园区中心定位）`,
      en: `${sharingCoordinate} records share their exact coordinate with another (often placed at one address or park centre)`
    });
  }
  return { used, areaPlaced, sharingCoordinate, distinctLocations, medianPrecisionM, scale, warnings };
}

const formatKm = (km: number) => (km >= 10 ? km.toFixed(0) : km >= 1 ? km.toFixed(1) : km.toFixed(2));
