import KDBush from 'kdbush';
import { idOfRow, type OrganizationColumns } from '../catalog/organization-columns.ts';
import type { ProfileCatchment } from '../catalog/park-profile.ts';
import { rowsWithin } from '../geo/catchment.ts';

type Around = [number, number] | GeoJSON.Polygon | GeoJSON.MultiPolygon;

/**
 * The organisations a park profile counts: those inside an area (radiusKm 0) or within radiusKm of
 * a point, that `accept` passes, as a total, a count per sector and the ids of the first `maxIds`
 * (dataset order). Sectors are counted from the rows' sector bits, with no list per organisation.
 */
export function profileCatchment(columns: OrganizationColumns, around: Around, radiusKm: number, maxIds: number, accept?: (row: number) => boolean): ProfileCatchment {
  const rows = rowsWithin(KDBush.from(columns.tree), (i) => [columns.lon[i], columns.lat[i]], around, radiusKm, accept);
  const { sectorBits, sectorWords, vocabulary } = columns;
  const perSector = new Uint32Array(sectorWords * 32);
  for (const row of rows) {
    for (let w = 0; w < sectorWords; w++) {
      for (let bits = sectorBits[row * sectorWords + w]; bits !== 0; bits &= bits - 1) perSector[w * 32 + (31 - Math.clz32(bits & -bits))]++;
    }
  }
  const bySector: Record<string, number> = {};
  perSector.forEach((count, code) => {
    if (count > 0) bySector[vocabulary.sectors[code]] = count;
  });
  return { total: rows.length, bySector, ids: rows.slice(0, maxIds).map((row) => idOfRow(columns, row)) };
}
