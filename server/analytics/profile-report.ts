import KDBush from 'kdbush';
import { idOfRow, sectorsOfRow } from '../catalog/organization-columns.ts';
import { parkProfile } from '../catalog/park-profile.ts';
import { rowsWithin } from '../geo/catchment.ts';
import { labelPoint } from '../geo/label-point.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

/**
 * A park's profile (organisations inside it or within 5 km by sector, nearest airport and container
 * port, districts), over every organisation; the caller has checked that the park exists.
 */
export function* profileReport({ selection, query, ctx }: ReportInput<{ park: string }>): Progressive<unknown> {
  const park = ctx.parksById.get(query.park);
  if (!park) throw new RangeError(`no park "${query.park}"`);
  const { columns } = selection;
  const tree = KDBush.from(columns.tree);
  const member = selection.contains();
  const g = park.geometry;
  const from: [number, number] = g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : labelPoint(g);
  yield 0;
  return parkProfile(park, from, {
    catchment: (around, radiusKm, maxIds) => {
      const rows = rowsWithin(tree, (i) => [columns.lon[i], columns.lat[i]], around, radiusKm, member);
      const bySector: Record<string, number> = {};
      for (const row of rows) for (const s of sectorsOfRow(columns, row)) bySector[s] = (bySector[s] ?? 0) + 1;
      return { total: rows.length, bySector, ids: rows.slice(0, maxIds).map((row) => idOfRow(columns, row)) };
    },
    transport: ctx.transport,
    districts: ctx.districts,
    sectors: ctx.sectors
  });
}
