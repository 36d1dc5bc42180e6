/**
 * The investor's suitability settings (sectors, radius, weights, shortlist only) as plain data,
 * and their round trip through a shared link and the API query. Pure: no DOM, no stores.
 */
import { CRITERIA, MAX_WEIGHT, WEIGHT_PARAMETERS, type CriterionId, type Weights } from '$server/analytics/suitability.ts';

export { CRITERIA, MAX_WEIGHT, type CriterionId };

export interface SuitabilitySettings {
  sectors: string[];
  radiusKm: number;
  weights: Weights;
  shortlistOnly: boolean;
}

export const DEFAULT_RADIUS_KM = 10;
export const MAX_RADIUS_KM = 50;

export function defaultSuitability(): SuitabilitySettings {
  return { sectors: [], radiusKm: DEFAULT_RADIUS_KM, weights: Object.fromEntries(CRITERIA.map((c) => [c, 1])) as Weights, shortlistOnly: false };
}

/** True when the settings can be scored: a sector chosen and a weight above zero. */
export function isScorable(s: SuitabilitySettings): boolean {
  return s.sectors.length > 0 && CRITERIA.some((c) => s.weights[c] > 0);
}

/**
 * Link form: `suit=<sectors, comma list>` `suitR=<km>` `suitW=<7 weights in CRITERIA order>`
 * `suitShort=1`; nothing when no sector is chosen, so links without a score stay short.
 */
export function writeSuitability(p: URLSearchParams, s: SuitabilitySettings | null): void {
  if (!s || s.sectors.length === 0) return;
  p.set('suit', s.sectors.join(','));
  if (s.radiusKm !== DEFAULT_RADIUS_KM) p.set('suitR', String(s.radiusKm));
  const w = CRITERIA.map((c) => s.weights[c]);
  if (w.some((v) => v !== 1)) p.set('suitW', w.join(','));
  if (s.shortlistOnly) p.set('suitShort', '1');
}

/** Reads the settings back; malformed parts fall back to their defaults, and no `suit` means none. */
export function readSuitability(query: URLSearchParams): SuitabilitySettings | null {
  const sectors = (query.get('suit') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (sectors.length === 0) return null;
  const s = defaultSuitability();
  s.sectors = sectors;
  const r = Number(query.get('suitR'));
  if (query.has('suitR') && Number.isFinite(r) && r > 0 && r <= MAX_RADIUS_KM) s.radiusKm = r;
  const w = (query.get('suitW') ?? '').split(',').map(Number);
  if (w.length === CRITERIA.length && w.every((v) => Number.isFinite(v) && v >= 0 && v <= MAX_WEIGHT)) {
    CRITERIA.forEach((c, i) => (s.weights[c] = w[i]));
  }
  s.shortlistOnly = query.get('suitShort') === '1';
  return s;
}

/** The API query for the settings (parks limited to the shortlist when asked and one is given). */
export function suitabilityQuery(s: SuitabilitySettings, shortlist: readonly string[] = []): URLSearchParams {
  const p = new URLSearchParams({ sector: s.sectors.join(','), radiusKm: String(s.radiusKm) });
  for (const c of CRITERIA) p.set(WEIGHT_PARAMETERS[c], String(s.weights[c]));
  if (s.shortlistOnly && shortlist.length) p.set('park', shortlist.join(','));
  return p;
}
