import type { OrganizationFeature } from '$lib/api/client';
import { ORGANIZATION_TYPE_NAMES, translate, type Lang } from '$lib/i18n';
import { toCsv } from './csv.ts';

/** Names of coded values in the export's language. */
export interface ExportNames {
  lang: Lang;
  cityName: (id: string) => string;
  sectorName: (id: string) => string;
}

/** Stable machine-readable columns after the readable ones: ids and codes, for joins and re-imports. */
const CODE_COLUMNS = ['id', 'name_zh', 'name_en', 'type', 'city', 'sectors'];

/**
 * The organisations as a CSV table, one row each: names, type, city and sectors written in the
 * interface language (headings too), then the codes in extra columns; sectors joined with "; ".
 */
export function organizationsCsv(features: OrganizationFeature[], names: ExportNames): string {
  const h = (key: Parameters<typeof translate>[1]) => translate(names.lang, key);
  const zh = names.lang === 'zh';
  const headings = [h('csvName'), h('csvOtherName'), h('csvType'), h('csvCity'), h('csvDistrict'), h('csvSectors'), h('csvLon'), h('csvLat'), h('csvPrecision'), h('csvSource'), h('csvSourceDate')];
  return toCsv(
    [...headings, ...CODE_COLUMNS],
    features.map(({ properties: p, geometry }) => [
      zh ? p.name_zh : p.name_en, zh ? p.name_en : p.name_zh,
      ORGANIZATION_TYPE_NAMES[p.type]?.[names.lang] ?? p.type, names.cityName(p.city), p.district ?? '',
      p.sectors.map(names.sectorName).join('; '),
      geometry.coordinates[0], geometry.coordinates[1], p.precision_m, p.source, p.source_date,
      p.id, p.name_zh, p.name_en, p.type, p.city, p.sectors.join('; ')
    ])
  );
}

/** The organisations as a GeoJSON FeatureCollection (RFC 7946, WGS-84), properties as served. */
export function organizationsGeoJson(features: OrganizationFeature[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
}
