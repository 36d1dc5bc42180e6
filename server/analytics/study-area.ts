import { simplify } from '@turf/turf';
import { cellToLatLng, polygonToCells } from 'h3-js';
import { KM_PER_DEG } from '../geo/geodesy.ts';
import { PlanarWindow, type PlanarPolygons } from './planar-window.ts';
import { WindowIntersection } from './window-intersection.ts';

export type AreaGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;
const RAD = Math.PI / 180;

/**
 * Outlines are simplified (Douglas–Peucker) to this tolerance, degrees (~50 m), before use in point
 * statistics: well inside the land layer's stated 200 m precision, and it cuts the edges a
 * distance-to-edge search reads several-fold.
 */
const SIMPLIFY_DEG = 0.0005;
const simplified = (g: AreaGeometry): AreaGeometry => simplify(g, { tolerance: SIMPLIFY_DEG, highQuality: false }) as AreaGeometry;

const polygonsOf = (g: AreaGeometry): GeoJSON.Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

export const STUDY_AREA_RULE = {
  en: "study area: the selected cities' outlines (the city filter, or the cities the selected records are in) intersected with the land layer, so the sea and large inland water are left out; outlines simplified to ~50 m; distances on a local equirectangular plane (km) centred on the area",
  zh: '研究区：所选城市的边界（城市筛选，或所选记录所在的城市）与陆地图层的交集，不含海域和大面积内陆水域；边界简化至约 50 米；距离在以研究区为中心的局部等距圆柱投影平面上计算（km）'
} as const;

/**
 * Where a point-pattern statistic may put points: the selected cities' land. Holds the local plane
 * (km) the pattern statistics work in and the intersected window on it.
 */
export class StudyArea {
  readonly lon0: number;
  readonly lat0: number;
  readonly kmPerDegLon: number;
  /** The cities' land on the local plane, km. */
  readonly window: WindowIntersection;
  private readonly cellsByResolution = new Map<number, string[]>();

  constructor(readonly cities: readonly string[], private readonly cityGeometries: readonly AreaGeometry[], landGeometries: readonly AreaGeometry[]) {
    if (cityGeometries.length === 0) throw new RangeError('the study area needs at least one city');
    let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
    for (const g of cityGeometries) for (const polygon of polygonsOf(g)) for (const [lon, lat] of polygon[0]) {
      minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    }
    this.lon0 = (minLon + maxLon) / 2;
    this.lat0 = (minLat + maxLat) / 2;
    this.kmPerDegLon = KM_PER_DEG * Math.cos(this.lat0 * RAD);
    const planar = (geometries: readonly AreaGeometry[]): PlanarPolygons =>
      geometries.map(simplified).flatMap(polygonsOf).map((rings) => rings.map((ring) => ring.map(([lon, lat]) => this.toPlane(lon, lat))));
    this.window = new WindowIntersection(new PlanarWindow(planar(cityGeometries)), new PlanarWindow(planar(landGeometries)));
  }

  get areaKm2(): number {
    return this.window.areaKm2;
  }

  /** [x, y] on the local plane, km. */
  toPlane(lon: number, lat: number): [number, number] {
    return [(lon - this.lon0) * this.kmPerDegLon, (lat - this.lat0) * KM_PER_DEG];
  }

  containsLonLat(lon: number, lat: number): boolean {
    const [x, y] = this.toPlane(lon, lat);
    return this.window.contains(x, y);
  }

  /** The H3 cells of `resolution` whose centres lie in the study area (in a city and on land); remembered per resolution. */
  h3Cells(resolution: number): string[] {
    const known = this.cellsByResolution.get(resolution);
    if (known) return [...known];
    const cells = new Set<string>();
    for (const g of this.cityGeometries) for (const polygon of polygonsOf(g)) for (const cell of polygonToCells(polygon, resolution, true)) cells.add(cell);
    const inArea = [...cells].filter((cell) => {
      const [lat, lon] = cellToLatLng(cell);
      return this.containsLonLat(lon, lat);
    });
    this.cellsByResolution.set(resolution, inArea);
    return [...inArea];
  }
}

/** Study areas built from a set of city outlines and the land, once per set of cities (building one takes ~0.3 s). */
export class StudyAreas {
  private readonly built = new Map<string, StudyArea>();

  constructor(private readonly cityGeometries: ReadonlyMap<string, AreaGeometry>, private readonly landGeometries: readonly AreaGeometry[]) {}

  of(cityIds: Iterable<string>): StudyArea {
    const cities = [...new Set(cityIds)].sort();
    const key = cities.join(',');
    let area = this.built.get(key);
    if (!area) {
      area = new StudyArea(cities, cities.map((c) => this.cityGeometries.get(c)).filter((g): g is AreaGeometry => g !== undefined), this.landGeometries);
      this.built.set(key, area);
    }
    return area;
  }
}

/** The catalog's cities and land as study areas, built once per city set. */
/** The zoom whose land band makes the study area's land. */
const STUDY_AREA_ZOOM = 10;

export function studyAreasOf(catalog: { cities: readonly { properties: { id: string }; geometry: unknown }[]; land: readonly GeoJSON.Feature[] }): StudyAreas {
  // The basemap ships land once per zoom band, each band the whole region: the bands overlap, so take
  // the one drawn at zoom 10 (~60 m generalisation, near the ~50 m the outlines are simplified to).
  const band = (f: GeoJSON.Feature) => f.properties as { minzoom?: number; maxzoom?: number } | null;
  const banded = catalog.land.some((f) => band(f)?.minzoom !== undefined);
  const landFeatures = banded ? catalog.land.filter((f) => (band(f)?.minzoom ?? 0) <= STUDY_AREA_ZOOM && (band(f)?.maxzoom ?? 99) >= STUDY_AREA_ZOOM) : catalog.land;
  const land = landFeatures.map((f) => f.geometry).filter((g): g is AreaGeometry => g.type === 'Polygon' || g.type === 'MultiPolygon');
  return new StudyAreas(new Map(catalog.cities.map((c) => [c.properties.id, c.geometry as AreaGeometry])), land);
}
