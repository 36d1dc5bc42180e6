import type { EllipseQuery } from '../schemas/analytics.ts';
import { deviationalEllipse } from './ellipse.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

export const ELLIPSE_DEFAULTS = { groupBy: 'sector' } as const;

const NOT_ENOUGH_POINTS = { zh: '至少需要三个不共线的点才能画出椭圆', en: 'an ellipse needs at least three points not on one line' };

/** /api/analytics/ellipse: one standard deviational ellipse per sector or per city. */
export function* ellipseReport({ selection, query: q }: ReportInput<EllipseQuery>): Progressive<unknown> {
  const groupBy = q.groupBy ?? ELLIPSE_DEFAULTS.groupBy;
  const organizations = selection.pointsOnly().points();
  // Members are pushed onto their group's list: copying the list per member would be quadratic.
  const groups = new Map<string, GeoJSON.Position[]>();
  for (const o of organizations) {
    for (const key of groupBy === 'sector' ? o.properties.sectors : [o.properties.city]) {
      const members = groups.get(key);
      if (members) members.push(o.geometry.coordinates);
      else groups.set(key, [o.geometry.coordinates]);
    }
  }
  const features = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, members]) => {
    const e = deviationalEllipse(members);
    const centre = e?.centre ?? (members[0].slice(0, 2) as [number, number]);
    const note = e?.geometry ? undefined : NOT_ENOUGH_POINTS;
    return {
      type: 'Feature' as const,
      geometry: e?.geometry ?? null,
      properties: { group_by: groupBy, group, n: members.length, centre, major_axis_km: e?.majorAxisKm ?? 0, minor_axis_km: e?.minorAxisKm ?? 0, bearing_deg: e?.bearingDeg ?? 0, ...(note ? { note } : {}) }
    };
  });
  return { type: 'FeatureCollection' as const, features };
}
