import type { ParkProfileFeature } from '$lib/api/client';
import { toCsv } from './csv.ts';

const COLUMNS = [
  'id', 'name_zh', 'name_en', 'city', 'kind', 'sectors', 'organizations_nearby', 'catchment',
  'nearest_airport', 'airport_km', 'nearest_container_port', 'port_km', 'precision_m', 'source'
];

/** A park's suitability score and the settings it was computed with (the API query). */
export interface ComparisonScore {
  score: number | null;
  rank: number | null;
  settings: string;
}

/** The side-by-side comparison as CSV, one row per shortlisted park; with scores, three suitability columns and the facts' area. */
export function comparisonCsv(parks: ParkProfileFeature[], scores?: ReadonlyMap<string, ComparisonScore>): string {
  const extra = scores ? ['area_km2', 'suitability_score', 'suitability_rank', 'suitability_settings'] : [];
  return toCsv(
    [...COLUMNS, ...extra],
    parks.map(({ properties: p }) => [
      p.id, p.name_zh, p.name_en, p.city, p.kind, p.sectors.join('; '),
      p.profile.organizations.total,
      p.profile.organizations.catchment === 'inside' ? 'inside' : `${p.profile.organizations.radius_km} km`,
      p.profile.nearest_airport?.name_en ?? '', p.profile.nearest_airport?.distance_km.toFixed(1) ?? '',
      p.profile.nearest_container_port?.name_en ?? '', p.profile.nearest_container_port?.distance_km.toFixed(1) ?? '',
      p.precision_m, p.source,
      ...(scores ? [p.area_km2 ?? '', scores.get(p.id)?.score ?? '', scores.get(p.id)?.rank ?? '', scores.get(p.id)?.settings ?? ''] : [])
    ])
  );
}
