import { sectorsOfRow, type OrganizationColumns } from '../catalog/organization-columns.ts';
import type { OrganizationPoint } from './organization-point.ts';
import { precisionReportOfStats, precisionStatsOfRows, type PrecisionReport } from './point-precision.ts';
import type { ReportInput } from './report.ts';

/**
 * The organisations one request selected: rows `ids` (ascending) of the shared columns, or every
 * row when `ids` is null. Arrays the kernels take are built on first use and kept for the request.
 */
export class Selection {
  readonly size: number;
  private positionList?: GeoJSON.Position[];
  private pointList?: OrganizationPoint[];
  private lonLatColumns?: { lon: Float64Array; lat: Float64Array };

  constructor(
    readonly columns: OrganizationColumns,
    readonly ids: Uint32Array | null,
    /** Where what is found about every row is kept for the data version (the worker's); the precision counts of an unfiltered selection are. */
    private readonly perDataset?: ReportInput<never>['perDataset']
  ) {
    this.size = ids ? ids.length : columns.size;
  }

  /** The column row of the k-th selected organisation. */
  row(k: number): number {
    return this.ids ? this.ids[k] : k;
  }

  /** [lon, lat] of each selected organisation. */
  positions(): GeoJSON.Position[] {
    if (!this.positionList) {
      const { lon, lat } = this.columns;
      this.positionList = new Array(this.size);
      for (let k = 0; k < this.size; k++) {
        const i = this.row(k);
        this.positionList[k] = [lon[i], lat[i]];
      }
    }
    return this.positionList;
  }

  /** Longitude and latitude of each selected organisation, degrees, as columns (read-only: unfiltered, they are the shared columns themselves). */
  lonLat(): { lon: Float64Array; lat: Float64Array } {
    if (!this.lonLatColumns && !this.ids) this.lonLatColumns = { lon: this.columns.lon.subarray(0, this.size), lat: this.columns.lat.subarray(0, this.size) };
    if (!this.lonLatColumns) {
      const lon = new Float64Array(this.size), lat = new Float64Array(this.size);
      for (let k = 0; k < this.size; k++) {
        const i = this.row(k);
        lon[k] = this.columns.lon[i];
        lat[k] = this.columns.lat[i];
      }
      this.lonLatColumns = { lon, lat };
    }
    return this.lonLatColumns;
  }

  /** City code (index into vocabulary.cities) of each selected organisation (read-only). */
  cityCodes(): Uint8Array {
    const { cityCode } = this.columns;
    if (!this.ids) return cityCode.subarray(0, this.size);
    const out = new Uint8Array(this.size);
    for (let k = 0; k < this.size; k++) out[k] = cityCode[this.ids[k]];
    return out;
  }

  /** Sector bits of each selected organisation, `columns.sectorWords` words each, as in the columns (read-only). */
  sectorBits(): Uint32Array {
    const { sectorBits, sectorWords } = this.columns;
    if (!this.ids) return sectorBits.subarray(0, this.size * sectorWords);
    const out = new Uint32Array(this.size * sectorWords);
    for (let k = 0; k < this.size; k++) for (let w = 0; w < sectorWords; w++) out[k * sectorWords + w] = sectorBits[this.ids[k] * sectorWords + w];
    return out;
  }

  /** The selected organisations that list `sector` (none for a sector outside the vocabulary). */
  withSector(sector: string): Selection {
    const code = this.columns.vocabulary.sectors.indexOf(sector);
    const rows: number[] = [];
    if (code >= 0) {
      const { sectorBits, sectorWords } = this.columns;
      const word = code >> 5, bit = 1 << (code & 31);
      for (let k = 0; k < this.size; k++) {
        const i = this.row(k);
        if ((sectorBits[i * sectorWords + word] & bit) !== 0) rows.push(i);
      }
    }
    return new Selection(this.columns, Uint32Array.from(rows));
  }

  /** Position, city, sectors and high-tech flag of each selected organisation. */
  points(): OrganizationPoint[] {
    if (!this.pointList) {
      const positions = this.positions();
      const { cityCode, typeCode, highTech, sectorBits, sectorWords, vocabulary } = this.columns;
      // Organisations with the same sector bits share one (read-only) list: a register has a few
      // hundred sector combinations, not a million, and each list less is one allocation less.
      const listOfBits = new Map<string | number, string[]>();
      this.pointList = new Array(this.size);
      for (let k = 0; k < this.size; k++) {
        const i = this.row(k);
        const bits = sectorWords === 1 ? sectorBits[i] : sectorBits.subarray(i * sectorWords, (i + 1) * sectorWords).join(',');
        let sectors = listOfBits.get(bits);
        if (!sectors) listOfBits.set(bits, (sectors = sectorsOfRow(this.columns, i)));
        this.pointList[k] = {
          geometry: { coordinates: positions[k] },
          properties: { city: vocabulary.cities[cityCode[i]] ?? '', type: vocabulary.types[typeCode[i]] ?? '', sectors, high_tech_enterprise: highTech[i] === 1 ? true : highTech[i] === 2 ? false : null }
        };
      }
    }
    return this.pointList;
  }

  /**
   * The records placed as points: those placed only to an administrative area (their point stands
   * for the area) are left out of every point statistic and counted in area statistics instead.
   */
  pointsOnly(): Selection {
    const { areaPlaced } = this.columns;
    let any = false;
    for (let k = 0; k < this.size && !any; k++) any = areaPlaced[this.row(k)] === 1;
    if (!any) return this;
    const rows: number[] = [];
    for (let k = 0; k < this.size; k++) if (areaPlaced[this.row(k)] === 0) rows.push(this.row(k));
    return new Selection(this.columns, Uint32Array.from(rows));
  }

  /** The precision and duplicate report of the selected records, read from the columns (no per-record objects). */
  precisionReport(scale: { name: string; km: number }): PrecisionReport {
    const count = () => precisionStatsOfRows(this.columns, this.ids, this.size);
    return precisionReportOfStats(!this.ids && this.perDataset ? this.perDataset('precision-of-all-rows', count) : count(), scale);
  }

  /** The ids of the cities the selected records are in, in vocabulary order. */
  cityIds(): string[] {
    const { cityCode, vocabulary } = this.columns;
    const seen = new Uint8Array(256);
    for (let k = 0; k < this.size; k++) seen[cityCode[this.row(k)]] = 1;
    return vocabulary.cities.filter((_, code) => seen[code] === 1);
  }

  /** A membership test over column rows (every row passes when nothing was filtered). */
  contains(): (row: number) => boolean {
    if (!this.ids) return () => true;
    const member = new Uint8Array(this.columns.size);
    for (const i of this.ids) member[i] = 1;
    return (row) => member[row] === 1;
  }
}
