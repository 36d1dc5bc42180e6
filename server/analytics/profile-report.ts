import { parkProfile } from '../catalog/park-profile.ts';
import { labelPoint } from '../geo/label-point.ts';
import { profileCatchment } from './park-catchment.ts';
import { buildEveryTime, keptParkCatchment } from './per-dataset.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

/**
 * A park's profile (organisations inside it or within 5 km by sector, nearest airport and container
 * port, districts), over every organisation; the caller has checked that the park exists. Over every
 * organisation (the route's case) the counts are kept per data version, and prepared before any
 * request asks (per-dataset.ts); a filtered selection is counted anew.
 */
export function* profileReport({ selection, query, ctx, perDataset = buildEveryTime }: ReportInput<{ park: string }>): Progressive<unknown> {
  const park = ctx.parksById.get(query.park);
  if (!park) throw new RangeError(`no park "${query.park}"`);
  const { columns } = selection;
  const g = park.geometry;
  const from: [number, number] = g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : labelPoint(g);
  yield 0;
  return parkProfile(park, from, {
    // parkProfile asks for catchmentOfPark(park), which is what the kept counts are of.
    catchment: (around, radiusKm, maxIds) =>
      selection.ids === null ? keptParkCatchment(perDataset, columns, park) : profileCatchment(columns, around, radiusKm, maxIds, selection.contains()),
    transport: ctx.transport,
    districts: ctx.districts,
    sectors: ctx.sectors
  });
}
