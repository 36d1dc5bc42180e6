import type { ParkProfileFeature } from '$lib/api/client';
import { PARK_KIND_NAMES, translate } from '$lib/i18n';
import { toCsv } from './csv.ts';
import type { ExportNames } from './organizations.ts';

const CODE_COLUMNS = ['id', 'name_zh', 'name_en', 'city', 'kind', 'sectors'];

/** A park's suitability score and the settings it was computed with (the API query). */
export interface ComparisonScore {
  score: number | null;
  rank: number | null;
  settings: string;
}

/**
 * The side-by-side comparison as CSV, one row per shortlisted park, readable in the interface
 * language, codes after; with scores, the sourced area and three suitability columns at the end.
 */
export function comparisonCsv(parks: ParkProfileFeature[], names: ExportNames, scores?: ReadonlyMap<string, ComparisonScore>): string {
  const lang = names.lang;
  const h = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars);
  const pick = (r: { name_zh: string; name_en: string } | null | undefined) => (r ? (lang === 'zh' ? r.name_zh : r.name_en) : '');
  const headings = [
    h('csvName'), h('csvOtherName'), h('csvCity'), h('csvKind'), h('csvSectors'), h('csvOrgsNearby'), h('csvCatchment'),
    h('csvAirport'), h('csvAirportKm'), h('csvPort'), h('csvPortKm'), h('csvPrecision'), h('csvSource')
  ];
  const extra = scores ? ['area_km2', 'suitability_score', 'suitability_rank', 'suitability_settings'] : [];
  return toCsv(
    [...headings, ...CODE_COLUMNS, ...extra],
    parks.map(({ properties: p }) => [
      pick(p), lang === 'zh' ? p.name_en : p.name_zh, names.cityName(p.city), PARK_KIND_NAMES[p.kind]?.[lang] ?? p.kind,
      p.sectors.map(names.sectorName).join('; '),
      p.profile.organizations.total,
      p.profile.organizations.catchment === 'inside' ? h('csvCatchmentInside') : h('csvCatchmentRadius', { km: p.profile.organizations.radius_km ?? '' }),
      pick(p.profile.nearest_airport), p.profile.nearest_airport?.distance_km.toFixed(1) ?? '',
      pick(p.profile.nearest_container_port), p.profile.nearest_container_port?.distance_km.toFixed(1) ?? '',
      p.precision_m, p.source,
      p.id, p.name_zh, p.name_en, p.city, p.kind, p.sectors.join('; '),
      ...(scores ? [p.area_km2 ?? '', scores.get(p.id)?.score ?? '', scores.get(p.id)?.rank ?? '', scores.get(p.id)?.settings ?? ''] : [])
    ])
  );
}
