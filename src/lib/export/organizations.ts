import type { OrganizationFeature } from '$lib/api/client';
import { toCsv } from './csv.ts';

const COLUMNS = ['id', 'name_zh', 'name_en', 'type', 'city', 'district', 'sectors', 'lon', 'lat', 'precision_m', 'source', 'source_date'];

/** The organisations as a CSV table, one row each, sectors joined with "; ". */
export function organizationsCsv(features: OrganizationFeature[]): string {
  return toCsv(
    COLUMNS,
    features.map(({ properties: p, geometry }) => [
      p.id, p.name_zh, p.name_en, p.type, p.city, p.district ?? '', p.sectors.join('; '),
      geometry.coordinates[0], geometry.coordinates[1], p.precision_m, p.source, p.source_date
    ])
  );
}

/** The organisations as a GeoJSON FeatureCollection (RFC 7946, WGS-84), properties as served. */
export function organizationsGeoJson(features: OrganizationFeature[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
}
