import type { EllipseQuery } from '../schemas/analytics.ts';
import { deviationalEllipseOf } from './ellipse.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

export const ELLIPSE_DEFAULTS = { groupBy: 'sector' } as const;

const NOT_ENOUGH_POINTS = { zh: '至少需要三个不共线的点才能画出椭圆', en: 'an ellipse needs at least three points not on one line' };

/** /api/analytics/ellipse: one standard deviational ellipse per sector or per city. */
export function* ellipseReport({ selection, query: q }: ReportInput<EllipseQuery>): Progressive<unknown> {
  const groupBy = q.groupBy ?? ELLIPSE_DEFAULTS.groupBy;
  const placed = selection.pointsOnly();
  const { lon, lat } = placed.lonLat();
  const { vocabulary, sectorWords } = placed.columns;
  // Each organisation's groups as numbers (a city code, or the sector codes it lists), members
  // gathered per group into columns by counting first: no object per organisation.
  const names = groupBy === 'sector' ? vocabulary.sectors : vocabulary.cities;
  const cityCodes = groupBy === 'city' ? placed.cityCodes() : undefined;
  const sectorBits = groupBy === 'sector' ? placed.sectorBits() : undefined;
  const groupsOf = (k: number, visit: (group: number) => void) => {
    if (cityCodes) return visit(cityCodes[k]);
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits![k * sectorWords + w];
      while (bits !== 0) {
        visit(w * 32 + (31 - Math.clz32(bits & -bits)));
        bits &= bits - 1;
      }
    }
  };
  const size = new Uint32Array(256 * sectorWords * 32 + 256);
  for (let k = 0; k < placed.size; k++) groupsOf(k, (g) => size[g]++);
  const groups = new Map<string, { lon: Float64Array; lat: Float64Array }>();
  const filled = new Uint32Array(size.length);
  const members: ({ lon: Float64Array; lat: Float64Array } | undefined)[] = Array.from(size, (count, g) => {
    if (count === 0) return undefined;
    const group = { lon: new Float64Array(count), lat: new Float64Array(count) };
    // An imported city outside the vocabulary (code 255) is the group '', as its record reads.
    groups.set(names[g] ?? '', group);
    return group;
  });
  for (let k = 0; k < placed.size; k++) {
    groupsOf(k, (g) => {
      members[g]!.lon[filled[g]] = lon[k];
      members[g]!.lat[filled[g]++] = lat[k];
    });
  }
  const features = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, members]) => {
    const e = deviationalEllipseOf(members.lon, members.lat);
    const centre = e?.centre ?? ([members.lon[0], members.lat[0]] as [number, number]);
    const note = e?.geometry ? undefined : NOT_ENOUGH_POINTS;
    return {
      type: 'Feature' as const,
      geometry: e?.geometry ?? null,
      properties: { group_by: groupBy, group, n: members.lon.length, centre, major_axis_km: e?.majorAxisKm ?? 0, minor_axis_km: e?.minorAxisKm ?? 0, bearing_deg: e?.bearingDeg ?? 0, ...(note ? { note } : {}) }
    };
  });
  return { type: 'FeatureCollection' as const, features };
}
