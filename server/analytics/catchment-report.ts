import KDBush from 'kdbush';
import { sectorsOfRow } from '../catalog/organization-columns.ts';
import type { CatchmentQuery } from '../schemas/analytics.ts';
import { parseFilters } from '../schemas/filters.ts';
import { rowsWithin } from '../geo/catchment.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import { sectorTally } from './sector-tally.ts';

export const CATCHMENT_DEFAULTS = { radiusKm: 5 } as const;

/** The catchment answer before its page of organisations is made into GeoJSON (by the caller, which holds the features). */
export interface CatchmentReport {
  park?: string;
  centre?: [number, number];
  radiusKm: number;
  total: number;
  bySector: { sector: string; count: number }[];
  organizations: { rows: number[]; total: number; limit: number; offset: number };
}

/**
 * /api/analytics/catchment: the selected organisations inside a park or within radiusKm of it (or
 * of lon/lat), by sector, with the requested page as column rows. The caller has checked that the
 * park exists and that exactly one of park or lon/lat is given.
 */
export function* catchmentReport({ selection: every, query: q, ctx }: ReportInput<CatchmentQuery>): Progressive<CatchmentReport> {
  // Records placed only to an area have no location to be near.
  const selection = every.pointsOnly();
  const { columns } = selection;
  const radiusKm = q.radiusKm ?? CATCHMENT_DEFAULTS.radiusKm;
  const park = q.park === undefined ? undefined : ctx.parksById.get(q.park);
  if (q.park !== undefined && !park) throw new RangeError(`no park "${q.park}"`);
  const around = park ? (park.geometry.type === 'Point' ? (park.geometry.coordinates.slice(0, 2) as [number, number]) : park.geometry) : ([q.lon!, q.lat!] as [number, number]);
  const rows = rowsWithin(KDBush.from(columns.tree), (i) => [columns.lon[i], columns.lat[i]], around, radiusKm, selection.contains());
  yield 0.9;
  const { limit, offset } = parseFilters(q, ctx.vocabulary);
  return {
    ...(park ? { park: park.properties.id } : { centre: [q.lon!, q.lat!] as [number, number] }),
    radiusKm,
    total: rows.length,
    bySector: sectorTally(rows.map((i) => sectorsOfRow(columns, i))),
    organizations: { rows: rows.slice(offset, offset + limit), total: rows.length, limit, offset }
  };
}
