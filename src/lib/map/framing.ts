/**
 * Which part of the map a reader actually sees, and whether named places fall inside it. Pure: screen
 * rectangles and [lon, lat] in, plain objects out (the map-side half is frame-points.ts).
 */

/** Pixels of the map covered on each side (MapLibre's `padding` shape). */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A screen rectangle in CSS pixels. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/**
 * How far each of `covers` (a caption, a sheet, a panel laid over the map) eats into `map`, as insets:
 * a cover is taken off the side it is nearest to (a full-width caption at the bottom → a bottom inset).
 * Covers that do not overlap the map count for nothing.
 */
export function coveredInsets(map: Rect, covers: Rect[]): Insets {
  const insets = { ...NO_INSETS };
  for (const c of covers) {
    const left = Math.max(map.left, c.left);
    const right = Math.min(map.right, c.right);
    const top = Math.max(map.top, c.top);
    const bottom = Math.min(map.bottom, c.bottom);
    if (right <= left || bottom <= top) continue;
    // A cover sits on the side it reaches in from the least (a full-width caption at the bottom is a bottom inset).
    const depths: [keyof Insets, number][] = [
      ['top', bottom - map.top],
      ['bottom', map.bottom - top],
      ['left', right - map.left],
      ['right', map.right - left]
    ];
    const [side, depth] = depths.reduce((a, b) => (b[1] < a[1] ? b : a));
    insets[side] = Math.max(insets[side], depth);
  }
  return insets;
}

/** The part of a `width` × `height` map that is not covered, shrunk by `marginPx` on every side. */
export function visibleRect(width: number, height: number, insets: Insets, marginPx: number): Rect {
  return { left: insets.left + marginPx, top: insets.top + marginPx, right: width - insets.right - marginPx, bottom: height - insets.bottom - marginPx };
}

export function insideRect(point: { x: number; y: number }, rect: Rect): boolean {
  return point.x >= rect.left && point.x <= rect.right && point.y >= rect.top && point.y <= rect.bottom;
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const latitudeOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

/** The middle of the points' bounding box as the map draws it (Web Mercator, so not the mean latitude). */
export function mercatorMiddle(points: [number, number][]): [number, number] {
  if (points.length === 0) throw new RangeError('need at least one point');
  const lons = points.map(([lon]) => lon);
  const ys = points.map(([, lat]) => mercatorY(lat));
  return [(Math.min(...lons) + Math.max(...lons)) / 2, latitudeOf((Math.min(...ys) + Math.max(...ys)) / 2)];
}

/**
 * Zoom levels to try, from `fromZoom` (the author's) out to `minZoom` in `stepZoom` steps: the first at
 * which everything fits is the closest view that still shows all of it.
 */
export function zoomsOutFrom(fromZoom: number, minZoom: number, stepZoom = 0.05): number[] {
  const zooms: number[] = [];
  for (let z = fromZoom; z > minZoom; z -= stepZoom) zooms.push(Number(z.toFixed(4)));
  zooms.push(minZoom);
  return zooms;
}
