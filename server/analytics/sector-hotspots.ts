import type { OrganizationFeature } from '../schemas/places.ts';
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
 * For each sector, the cities holding one of its Gi* hot spots: one pass puts every point-placed
 * record in its cell, then each sector's cell counts get Gi*, the normal p and the FDR adjustment.
 */
export function sectorHotSpotCities(organizations: readonly OrganizationFeature[], studyArea: StudyArea, sectors: readonly string[]): Map<string, Set<string>> {
  const records = organizations.filter(isPointPlaced);
  const grid = h3Grid(records.map((o) => o.geometry.coordinates), studyArea, SECTOR_HOTSPOT_RULE.resolution);
  const cells = grid.ids.length;
  const column = new Map(sectors.map((s, k) => [s, k]));
  const counts = sectors.map(() => new Float64Array(cells));
  records.forEach((o, r) => {
    for (const s of o.properties.sectors) {
      const k = column.get(s);
      if (k !== undefined) counts[k][grid.cellOfRecord[r]]++;
    }
  });
  const out = new Map<string, Set<string>>();
  sectors.forEach((sector, k) => {
    const z = giStarZ(counts[k], grid.neighbours);
    const pFdr = benjaminiHochberg(z.map(twoSidedNormalP));
    const cities = new Set<string>();
    records.forEach((o, r) => {
      const cell = grid.cellOfRecord[r];
      if (z[cell] > 0 && pFdr[cell] < 0.05 && o.properties.sectors.includes(sector)) cities.add(o.properties.city);
    });
    out.set(sector, cities);
  });
  return out;
}
