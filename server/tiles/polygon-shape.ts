import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/**
 * The shape of the polygons of one MVT layer, in screen pixels of a 256-px tile: what a reader
 * would see as a shard or a sliver. Edges that lie on the tile's clip boundary (the tile edge
 * plus its buffer) are not counted in the perimeter: there the polygon goes on in the next tile.
 */
export interface PolygonShape {
  /** area in px² (outer ring minus holes) */
  areaPx2: number;
  /** perimeter in px, without the edges on the clip boundary */
  perimeterPx: number;
  /** mean width 2·area / perimeter, px: a strip w px wide and much longer scores ≈ w */
  widthPx: number;
  /** whether part of the outline is the clip boundary (the polygon continues beyond the tile) */
  clipped: boolean;
  /** a vertex of the outer ring, tile pixels, to find it again */
  at: [number, number];
  /** whether any of it lies in the tile itself (not only in the buffer shared with neighbours) */
  visible: boolean;
}

type Ring = { x: number; y: number }[];

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
  return sum / 2;
}

/** MVT 2.1 §4.3.4.4: an exterior ring is followed by its interior rings (opposite winding). */
function groupRings(rings: Ring[]): Ring[][] {
  const polygons: Ring[][] = [];
  let outerSign = 0;
  for (const ring of rings) {
    const a = signedArea(ring);
    if (a === 0) continue;
    if (outerSign === 0) outerSign = Math.sign(a);
    if (Math.sign(a) === outerSign) polygons.push([ring]);
    else polygons[polygons.length - 1]?.push(ring);
  }
  return polygons;
}

/** The shapes of every polygon in `layer` of an encoded tile (none when the layer is absent). */
export function polygonShapes(tile: Uint8Array, layer: string, bufferPx: number): PolygonShape[] {
  const decoded = new VectorTile(new PbfReader(tile)).layers[layer];
  if (!decoded) return [];
  const px = 256 / decoded.extent;
  const lo = -bufferPx / px;
  const hi = decoded.extent + bufferPx / px;
  const onBoundary = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    (a.x === b.x && (a.x <= lo || a.x >= hi)) || (a.y === b.y && (a.y <= lo || a.y >= hi));
  const shapes: PolygonShape[] = [];
  for (let i = 0; i < decoded.length; i++) {
    const feature = decoded.feature(i);
    if (feature.type !== 3) continue;
    for (const polygon of groupRings(feature.loadGeometry())) {
      let area = 0;
      let perimeter = 0;
      let clipped = false;
      const [minX, minY, maxX, maxY] = polygon[0].reduce(
        ([a, b, c, d], p) => [Math.min(a, p.x), Math.min(b, p.y), Math.max(c, p.x), Math.max(d, p.y)],
        [Infinity, Infinity, -Infinity, -Infinity]
      );
      polygon.forEach((ring, r) => {
        area += (r === 0 ? 1 : -1) * Math.abs(signedArea(ring));
        for (let k = 0; k + 1 < ring.length; k++) {
          if (onBoundary(ring[k], ring[k + 1])) clipped = true;
          else perimeter += Math.hypot(ring[k + 1].x - ring[k].x, ring[k + 1].y - ring[k].y);
        }
      });
      const areaPx2 = area * px * px;
      const perimeterPx = perimeter * px;
      shapes.push({
        areaPx2,
        perimeterPx,
        widthPx: perimeterPx > 0 ? (2 * areaPx2) / perimeterPx : Infinity,
        clipped,
        at: [polygon[0][0].x * px, polygon[0][0].y * px],
        visible: maxX > 0 && maxY > 0 && minX < decoded.extent && minY < decoded.extent
      });
    }
  }
  return shapes;
}
