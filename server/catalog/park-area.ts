/** Filtering and ordering parks by their sourced area (`area_km2`, null when no source gives one). */

export interface AreaQuery {
  minAreaKm2?: number;
  maxAreaKm2?: number;
  /** `area`: smallest first; `-area`: largest first. Parks of unknown area always come last. */
  sort?: 'area' | '-area';
}

interface WithArea {
  properties: { id: string; area_km2?: number | null };
}

/**
 * The parks within [minAreaKm2, maxAreaKm2], in the requested order. An area bound excludes
 * parks of unknown area (nothing says they qualify); without bounds they stay. The sort is stable.
 */
export function parksByArea<P extends WithArea>(parks: readonly P[], { minAreaKm2, maxAreaKm2, sort }: AreaQuery): P[] {
  const bounded = minAreaKm2 !== undefined || maxAreaKm2 !== undefined;
  const kept = parks.filter((p) => {
    const a = p.properties.area_km2 ?? null;
    if (a === null) return !bounded;
    return (minAreaKm2 === undefined || a >= minAreaKm2) && (maxAreaKm2 === undefined || a <= maxAreaKm2);
  });
  if (!sort) return kept;
  const sign = sort === 'area' ? 1 : -1;
  return kept
    .map((p, i) => ({ p, i }))
    .sort((x, y) => {
      const a = x.p.properties.area_km2 ?? null, b = y.p.properties.area_km2 ?? null;
      if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0) || x.i - y.i;
      return sign * (a - b) || x.i - y.i;
    })
    .map(({ p }) => p);
}
