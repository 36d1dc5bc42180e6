/** How each suitability criterion is shown: colour, label, raw value with its unit. */
import { CRITERIA, type CriterionId } from '$server/analytics/suitability.ts';
import { t } from '$lib/state/locale.svelte';
import type { MessageKey } from '$lib/i18n';

export { CRITERIA };

/** Colour-blind-safe categorical palette (Okabe–Ito), one per criterion. */
export const CRITERION_COLORS: Record<CriterionId, string> = {
  organizations: '#0072B2',
  research: '#E69F00',
  platforms: '#CC79A7',
  airport: '#56B4E9',
  port: '#009E73',
  specialisation: '#D55E00',
  area: '#999999'
};

const LABEL_KEYS: Record<CriterionId, MessageKey> = {
  organizations: 'criterionOrganizations',
  research: 'criterionResearch',
  platforms: 'criterionPlatforms',
  airport: 'criterionAirport',
  port: 'criterionPort',
  specialisation: 'criterionSpecialisation',
  area: 'criterionArea'
};

export function criterionLabel(c: CriterionId): string {
  return t(LABEL_KEYS[c]);
}

/** A raw value with its unit; null reads as missing. */
export function formatRaw(c: CriterionId, raw: number | null): string {
  if (raw === null) return t('missing');
  if (c === 'airport' || c === 'port') return t('kmAway', { km: raw.toFixed(1) });
  if (c === 'area') return t('areaValue', { km2: raw.toLocaleString() });
  if (c === 'specialisation') return `LQ ${raw.toFixed(2)}`;
  if (c === 'organizations') return raw.toFixed(1);
  return String(raw);
}
