/**
 * Site suitability: scores places 0–100 on weighted criteria, with the parts that make up each
 * score and the raw value behind each part. Pure: raw values and weights in, ranking out.
 *
 * Normalisation is min–max across the places compared: for a criterion where more is better,
 * n = (v − min) ÷ (max − min); where less is better (distances), n = (max − v) ÷ (max − min).
 * A place's score is 100 × Σ wᵢnᵢ ÷ Σ wᵢ over the criteria it has values for.
 *  - A missing value (e.g. an unpublished park area) is shown as missing, never as 0: its weight
 *    is shared out among that place's other criteria in proportion to their weights, and the
 *    place is flagged `weight_redistributed`.
 *  - A criterion on which every place compared has the same value ("no spread") cannot tell them
 *    apart: it is left out for everyone (weight 0) and flagged, rather than handing out full or no marks.
 * Each part's points are 100 × wᵢnᵢ ÷ Σ wᵢ; the parts are rounded to 0.1 so that they add up
 * exactly to the rounded score (largest remainder).
 */

/** The criteria an investor weighs, in display order. */
export const CRITERIA = ['organizations', 'research', 'platforms', 'airport', 'port', 'specialisation', 'area'] as const;
export type CriterionId = (typeof CRITERIA)[number];

/** Whether more of a criterion is better or worse. */
export const CRITERION_DIRECTION: Record<CriterionId, 'higher' | 'lower'> = {
  organizations: 'higher',
  research: 'higher',
  platforms: 'higher',
  airport: 'lower',
  port: 'lower',
  specialisation: 'higher',
  area: 'higher'
};

/** Weights run from 0 (ignore) to 5 (decisive). */
export const MAX_WEIGHT = 5;

/** Largest radius accepted: beyond ~100 km a catchment spans the whole Pearl River Delta and says nothing. */
export const MAX_SUITABILITY_RADIUS_KM = 100;
export const SUITABILITY_DEFAULTS = { radiusKm: 10, weight: 1 } as const;

/** The query parameter that carries each criterion's weight (shared by the API and the links the app writes). */
export const WEIGHT_PARAMETERS: Record<CriterionId, string> = {
  organizations: 'weightOrganizations',
  research: 'weightResearch',
  platforms: 'weightPlatforms',
  airport: 'weightAirport',
  port: 'weightPort',
  specialisation: 'weightSpecialisation',
  area: 'weightArea'
};

export type Weights = Record<CriterionId, number>;
export type RawValues = Record<CriterionId, number | null>;

export interface PlaceValues {
  id: string;
  raw: RawValues;
}

export type PartStatus = 'scored' | 'missing' | 'no-spread' | 'unweighted';

export interface ScorePart {
  criterion: CriterionId;
  weight: number;
  raw: number | null;
  /** 0..1 after min–max normalisation and direction; null when missing or not scored. */
  normalised: number | null;
  points: number;
  status: PartStatus;
}

export interface PlaceScore {
  id: string;
  rank: number | null;
  /** 0–100, the sum of `parts[].points`; null when no weighted criterion could be scored. */
  score: number | null;
  weight_redistributed: boolean;
  parts: ScorePart[];
}

export interface CriterionRange {
  criterion: CriterionId;
  direction: 'higher' | 'lower';
  min: number | null;
  max: number | null;
  /** Places with a value. */
  n: number;
  status: 'scored' | 'no-spread' | 'unweighted' | 'all-missing';
}

/** Checks weights: each 0..MAX_WEIGHT and finite, and not all zero; throws a RangeError naming the criterion. */
export function checkWeights(weights: Weights): void {
  for (const c of CRITERIA) {
    const w = weights[c];
    if (!Number.isFinite(w) || w < 0 || w > MAX_WEIGHT) throw new RangeError(`${c}: weight must be a number from 0 to ${MAX_WEIGHT}; got ${w}`);
  }
  if (CRITERIA.every((c) => weights[c] === 0)) throw new RangeError('all weights are zero: give at least one criterion a weight above 0');
}

/** Rounds `values` to 0.1 so that they add up exactly to `total` rounded to 0.1 (largest remainder). */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const tenths = values.map((v) => v * 10);
  const floors = tenths.map(Math.floor);
  let left = Math.round(total * 10) - floors.reduce((s, v) => s + v, 0);
  const order = tenths.map((v, i) => ({ i, rest: v - floors[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) floors[order[k].i] += 1;
  return floors.map((v) => v / 10);
}

/** The min–max range of each criterion across the places, and whether it can be scored. */
export function criterionRanges(places: readonly PlaceValues[], weights: Weights): CriterionRange[] {
  return CRITERIA.map((criterion) => {
    const values = places.map((p) => p.raw[criterion]).filter((v): v is number => v !== null && Number.isFinite(v));
    const min = values.length ? Math.min(...values) : null;
    const max = values.length ? Math.max(...values) : null;
    const status = weights[criterion] === 0 ? 'unweighted' : values.length === 0 ? 'all-missing' : min === max ? 'no-spread' : 'scored';
    return { criterion, direction: CRITERION_DIRECTION[criterion], min, max, n: values.length, status };
  });
}

/** Scores and ranks the places (best first; ties share a rank; unscorable places last). */
export function scorePlaces(places: readonly PlaceValues[], weights: Weights): { ranges: CriterionRange[]; places: PlaceScore[] } {
  checkWeights(weights);
  const ranges = criterionRanges(places, weights);
  const scored = places.map((place): PlaceScore => {
    const parts = ranges.map(({ criterion, direction, min, max, status }): ScorePart => {
      const raw = place.raw[criterion];
      const weight = weights[criterion];
      if (status === 'unweighted') return { criterion, weight, raw, normalised: null, points: 0, status };
      if (raw === null || !Number.isFinite(raw)) return { criterion, weight, raw: null, normalised: null, points: 0, status: 'missing' };
      if (status !== 'scored') return { criterion, weight, raw, normalised: null, points: 0, status: 'no-spread' };
      const n = direction === 'higher' ? (raw - min!) / (max! - min!) : (max! - raw) / (max! - min!);
      return { criterion, weight, raw, normalised: n, points: 0, status: 'scored' };
    });
    const counted = parts.filter((p) => p.status === 'scored');
    const weightSum = counted.reduce((s, p) => s + p.weight, 0);
    if (weightSum === 0) return { id: place.id, rank: null, score: null, weight_redistributed: false, parts };
    const exact = counted.map((p) => (100 * p.weight * p.normalised!) / weightSum);
    const total = exact.reduce((s, v) => s + v, 0);
    const rounded = roundToTotal(exact, total);
    counted.forEach((p, i) => (p.points = rounded[i]));
    const score = Math.round(total * 10) / 10;
    const redistributed = parts.some((p) => p.status === 'missing' && p.weight > 0);
    return { id: place.id, rank: null, score, weight_redistributed: redistributed, parts };
  });
  const order = [...scored].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.id.localeCompare(b.id));
  order.forEach((p, i) => {
    if (p.score === null) return;
    const previous = order[i - 1];
    p.rank = previous && previous.score === p.score ? previous.rank : i + 1;
  });
  return { ranges, places: order };
}
