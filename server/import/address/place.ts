import { haversineKm } from '../../geo/geodesy.ts';
import { labelPoint } from '../../geo/label-point.ts';
import type { AddressMatch } from './parse-address.ts';
import type { Division, DivisionLevel } from './gazetteer.ts';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** An area with a shape in our geodata, keyed by its division code. */
export interface AreaShape {
  code: string;
  name_zh: string;
  level: Exclude<DivisionLevel, 'province'>;
  geometry: Area;
}

/** Where an area-placed record goes: a representative point and the radius the record may be anywhere within. */
export interface AreaPlacement {
  lonLat: [number, number];
  precisionM: number;
  /** The area whose shape gave the point (may be coarser than the division the address named). */
  placedCode: string;
  placedName: string;
  placedLevel: AreaShape['level'];
}

/** Radius from the point to the farthest vertex, rounded up to 100 m: the record is somewhere inside the area. */
function radiusM(lonLat: [number, number], geometry: Area): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let maxKm = 0;
  for (const polygon of polygons) for (const p of polygon[0]) maxKm = Math.max(maxKm, haversineKm(lonLat, p as [number, number]));
  return Math.max(100, Math.ceil((maxKm * 1000) / 100) * 100);
}

/** Places address matches at the smallest named area that has a shape; each area's point is computed once. */
export class AreaPlacer {
  private readonly shapes: Map<string, AreaShape>;
  private readonly placements = new Map<string, AreaPlacement>();

  constructor(shapes: AreaShape[]) {
    this.shapes = new Map(shapes.map((s) => [s.code, s]));
  }

  /** The smallest division of the match (town, then district, then city) that has a shape here. */
  place(match: AddressMatch): AreaPlacement {
    for (const d of [...match.chain].reverse()) {
      const placement = this.placementOf(d);
      if (placement) return placement;
    }
    throw new Error(`no shape for any of ${match.chain.map((d) => d.code).join(', ')}: the city outlines must cover the five cities`);
  }

  private placementOf(d: Division): AreaPlacement | undefined {
    const shape = this.shapes.get(d.code);
    if (!shape) return undefined;
    let placement = this.placements.get(shape.code);
    if (!placement) {
      const lonLat = labelPoint(shape.geometry);
      placement = { lonLat, precisionM: radiusM(lonLat, shape.geometry), placedCode: shape.code, placedName: shape.name_zh, placedLevel: shape.level };
      this.placements.set(shape.code, placement);
    }
    return placement;
  }
}
