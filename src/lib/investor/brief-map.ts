/**
 * The small vector map of the one-page brief: a local equirectangular projection (x scaled by
 * cos φ₀, so shapes are true near the park) into an SVG box, and a "nice" scale bar. Pure.
 */

export interface BriefView {
  /** [lon, lat] of the centre. */
  centre: [number, number];
  /** Half the width of the view, km. */
  halfWidthKm: number;
  /** SVG size, px (square). */
  size: number;
}

const KM_PER_DEG = 111.195;

/** [lon, lat] → [x, y] in the SVG box (y down). */
export function projector({ centre: [lon0, lat0], halfWidthKm, size }: BriefView): (p: GeoJSON.Position) => [number, number] {
  const pxPerKm = size / 2 / halfWidthKm;
  const cos0 = Math.cos((lat0 * Math.PI) / 180);
  return ([lon, lat]) => [size / 2 + (lon - lon0) * cos0 * KM_PER_DEG * pxPerKm, size / 2 - (lat - lat0) * KM_PER_DEG * pxPerKm];
}

/** An SVG path for a Polygon or MultiPolygon (rings closed, even-odd fill). */
export function areaPath(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, project: (p: GeoJSON.Position) => [number, number]): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons
    .flatMap((rings) => rings.map((ring) => `M${ring.map((p) => project(p).map((v) => v.toFixed(1)).join(',')).join('L')}Z`))
    .join('');
}

/** The largest 1-2-5 × 10ⁿ km length not over a quarter of the view's width, with its length in px. */
export function scaleBar({ halfWidthKm, size }: BriefView): { km: number; px: number } {
  const target = (halfWidthKm * 2) / 4;
  const power = 10 ** Math.floor(Math.log10(target));
  const km = [5, 2, 1].map((m) => m * power).find((v) => v <= target) ?? power;
  return { km, px: (km / (halfWidthKm * 2)) * size };
}

/** The half-width (km) that shows a catchment of radiusKm with a margin, or an area's bbox. */
export function viewHalfWidthKm(centre: [number, number], radiusKm: number, bbox?: [number, number, number, number]): number {
  if (!bbox) return Math.max(2, radiusKm * 1.6);
  const cos0 = Math.cos((centre[1] * Math.PI) / 180);
  const dx = Math.max(Math.abs(bbox[0] - centre[0]), Math.abs(bbox[2] - centre[0])) * cos0 * KM_PER_DEG;
  const dy = Math.max(Math.abs(bbox[1] - centre[1]), Math.abs(bbox[3] - centre[1])) * KM_PER_DEG;
  return Math.max(dx, dy) * 1.08;
}
