import { median } from 'simple-statistics';

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
  return new Set(positions.map((p) => `${p[0]},${p[1]}`)).size;
}

/**
 * The precision and duplicate report every point statistic carries: records used and left out, how
 * many share a coordinate, their median precision, and a warning when the scale asked for is finer
 * than the records' median precision (no structure at that scale can be read from them).
 */
export function precisionReport(records: readonly PlacedRecord[], scale: { name: string; km: number }): PrecisionReport {
  const used = records.filter(isPointPlaced);
  const perCoordinate = new Map<string, number>();
  for (const r of used) {
    const key = `${r.geometry.coordinates[0]},${r.geometry.coordinates[1]}`;
    perCoordinate.set(key, (perCoordinate.get(key) ?? 0) + 1);
  }
  let sharingCoordinate = 0;
  for (const n of perCoordinate.values()) if (n > 1) sharingCoordinate += n;
  const medianPrecisionM = used.length ? median(used.map((r) => r.properties.precision_m)) : null;
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
  return { used: used.length, areaPlaced: records.length - used.length, sharingCoordinate, distinctLocations: perCoordinate.size, medianPrecisionM, scale, warnings };
}

const formatKm = (km: number) => (km >= 10 ? km.toFixed(0) : km >= 1 ? km.toFixed(1) : km.toFixed(2));
