import type { OrganizationFeature } from '../schemas/places.ts';
import type { ClusterPoints } from './clusters.ts';
import { giStarZ, twoSidedNormalP } from './getis-ord.ts';
import { h3Grid } from './hotspots-report.ts';
import { benjaminiHochberg } from './multiple-testing.ts';
import { isPointPlaced } from './point-precision.ts';
import type { StudyArea } from './study-area.ts';

/** The grid and test behind the cards' "hot spot in the city". */
export const SECTOR_HOTSPOT_RULE = {
  resolution: 7,
  en: "a sector's hot spot: an H3 resolution-7 cell of the region's land where Gi* of that sector's records is positive with a Benjamini–Hochberg adjusted analytic p < 0.05 (no permutations, so the table stays instant); it lies in the cities of the sector's records in that cell",
  zh: '行业热点：区域陆地上的 H3 第 7 级单元，该行业记录的 Gi* 为正且经 Benjamini–Hochberg 校正的解析 p < 0.05（不做置换，以便表格即时显示）；热点所在城市为该单元中该行业记录所在的城市'
} as const;

/**
 * Point-placed records as columns: ClusterPoints without names for the sector bits (bit k names
 * `sectors[k]` of sectorHotSpotCitiesOf).
 */
export type SectorRecords = Omit<ClusterPoints, 'sectorNames'>;

/** For each sector, the cities holding one of its Gi* hot spots (see sectorHotSpotCitiesOf), from features. */
export function sectorHotSpotCities(organizations: readonly OrganizationFeature[], studyArea: StudyArea, sectors: readonly string[]): Map<string, Set<string>> {
  const records = organizations.filter(isPointPlaced);
  const cityNames = [...new Set(records.map((o) => o.properties.city))];
  const cityNumber = new Map(cityNames.map((c, k) => [c, k]));
  const column = new Map(sectors.map((s, k) => [s, k]));
  const sectorWords = Math.max(1, Math.ceil(sectors.length / 32));
  const sectorBits = new Uint32Array(records.length * sectorWords);
  records.forEach((o, r) => {
    for (const s of o.properties.sectors) {
      const k = column.get(s);
      if (k !== undefined) sectorBits[r * sectorWords + (k >> 5)] |= 1 << (k & 31);
    }
  });
  const lon = Float64Array.from(records, (o) => o.geometry.coordinates[0]), lat = Float64Array.from(records, (o) => o.geometry.coordinates[1]);
  const city = Uint8Array.from(records, (o) => cityNumber.get(o.properties.city)!);
  return sectorHotSpotCitiesOf({ lon, lat, city, cityNames, sectorBits, sectorWords }, studyArea, sectors);
}

/**
 * For each sector, the cities holding one of its Gi* hot spots: one pass puts every record in its
 * cell and counts its sectors there, then each sector's cell counts get Gi*, the normal p and the
 * FDR adjustment, and one more pass names the cities of the records in each sector's hot cells
 * (in record order, as the sets list them).
 */
export function sectorHotSpotCitiesOf(records: SectorRecords, studyArea: StudyArea, sectors: readonly string[]): Map<string, Set<string>> {
  const { lon, lat, city, cityNames, sectorBits, sectorWords } = records;
  const grid = h3Grid({ lon, lat }, studyArea, SECTOR_HOTSPOT_RULE.resolution);
  const cells = grid.ids.length;
  const counts = sectors.map(() => new Float64Array(cells));
  for (let r = 0; r < lon.length; r++) {
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits[r * sectorWords + w];
      while (bits !== 0) {
        const k = w * 32 + (31 - Math.clz32(bits & -bits));
        if (k < sectors.length) counts[k][grid.cellOfRecord[r]]++;
        bits &= bits - 1;
      }
    }
  }
  // hot[k × cells + cell]: the cell is a hot spot of sector k.
  const hot = new Uint8Array(sectors.length * cells);
  let anyHot = false;
  sectors.forEach((_, k) => {
    const z = giStarZ(counts[k], grid.neighbours);
    const pFdr = benjaminiHochberg(z.map(twoSidedNormalP));
    for (let cell = 0; cell < cells; cell++) if (z[cell] > 0 && pFdr[cell] < 0.05) {
      hot[k * cells + cell] = 1;
      anyHot = true;
    }
  });
  const found = sectors.map(() => new Set<string>());
  if (anyHot) {
    for (let r = 0; r < lon.length; r++) {
      const cell = grid.cellOfRecord[r];
      for (let w = 0; w < sectorWords; w++) {
        let bits = sectorBits[r * sectorWords + w];
        while (bits !== 0) {
          const k = w * 32 + (31 - Math.clz32(bits & -bits));
          if (k < sectors.length && hot[k * cells + cell] === 1) found[k].add(cityNames[city[r]] ?? '');
          bits &= bits - 1;
        }
      }
    }
  }
  return new Map(sectors.map((sector, k) => [sector, found[k]]));
}
