import type { ClustersQuery } from '../schemas/analytics.ts';
import { clusterReportOfColumnsSteps, HULL_DEFAULTS } from './clusters.ts';
import { DBSCAN_DEFAULTS } from './dbscan.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

/** epsKm and minPoints of a query, defaults filled in. */
export const dbscanOptions = (q: { epsKm?: number; minPoints?: number }) => ({ epsKm: q.epsKm ?? DBSCAN_DEFAULTS.epsKm, minPoints: q.minPoints ?? DBSCAN_DEFAULTS.minPoints });

/** /api/analytics/clusters: DBSCAN clusters with hulls, sizes, areas, overlapped parks and sector mix. */
export function* clustersReport({ selection, query: q, ctx }: ReportInput<ClustersQuery>): Progressive<unknown> {
  const options = dbscanOptions(q);
  const hull = q.hull === 'concave' ? { hull: 'concave' as const, concavity: q.concavity ?? HULL_DEFAULTS.concavity } : { hull: 'convex' as const };
  const placed = selection.pointsOnly();
  const { vocabulary, sectorWords } = placed.columns;
  const points = { ...placed.lonLat(), city: placed.cityCodes(), cityNames: vocabulary.cities, sectorBits: placed.sectorBits(), sectorWords, sectorNames: vocabulary.sectors };
  const report = yield* clusterReportOfColumnsSteps(points, ctx.parks, { ...options, hull });
  // A "cluster" whose members occupy fewer than 3 distinct locations is records stacked on one or two spots.
  const kinds = report.clusters.map((c) => (c.distinctLocations < 3 ? ('co-located' as const) : ('cluster' as const)));
  return {
    total: report.total,
    ...options,
    precision: selection.precisionReport({ name: 'epsKm', km: options.epsKm }),
    colocatedCount: kinds.filter((k) => k === 'co-located').length,
    clusterCount: report.clusters.length,
    noiseCount: report.noiseCount,
    clusters: {
      type: 'FeatureCollection' as const,
      features: report.clusters.map((c) => ({
        type: 'Feature' as const,
        geometry: c.geometry,
        properties: { id: c.id, kind: kinds[c.id], distinct_locations: c.distinctLocations, member_count: c.memberCount, centre: c.centre, area_km2: c.areaKm2, city: c.city, park_ids: c.parkIds, sectors: c.sectors }
      }))
    }
  };
}
