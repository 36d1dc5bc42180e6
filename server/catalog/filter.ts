import { booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import { haversineKm } from '../geo/geodesy.ts';
import type { Bbox, Filters, Near } from '../schemas/filters.ts';

/** What the filters look at, precomputed once per feature. */
export interface Filterable {
  city: string;
  sectors: readonly string[];
  /** park kind or organisation type */
  category: string;
  /** lower-cased, NFKC-normalised names and id, joined */
  searchText: string;
  bbox: Bbox;
  geometry: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

/** Great-circle km from `near`'s centre to a point, or to an area's edge (0 inside it). */
export function distanceToGeometryKm(geometry: Filterable['geometry'], lonLat: [number, number]): number {
  if (geometry.type === 'Point') return haversineKm(geometry.coordinates, lonLat);
  if (booleanPointInPolygon(lonLat, geometry)) return 0;
  return pointToPolygonDistance(lonLat, geometry, { units: 'kilometers', method: 'geodesic' });
}

function isNear(item: Filterable, near: Near): boolean {
  return distanceToGeometryKm(item.geometry, near.lonLat) <= near.radiusKm;
}

/** Lower-case + NFKC so that full-width letters, case and compatibility forms all match. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function searchTextOf(...names: (string | undefined)[]): string {
  return normalizeForSearch(names.filter(Boolean).join(' | '));
}

function bboxesIntersect(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** True when one feature passes every filter that is set; `categoryFilter` picks kinds (parks) or types (organisations). */
export function matchesFilters(item: Filterable, filters: Filters, categoryFilter: ReadonlySet<string> | undefined): boolean {
  if (filters.cities && !filters.cities.has(item.city)) return false;
  if (filters.sectors && !item.sectors.some((s) => filters.sectors!.has(s))) return false;
  if (categoryFilter && !categoryFilter.has(item.category)) return false;
  if (filters.bbox && !bboxesIntersect(item.bbox, filters.bbox)) return false;
  if (filters.near && !isNear(item, filters.near)) return false;
  if (filters.q) {
    const terms = normalizeForSearch(filters.q).split(' ');
    if (!terms.every((t) => item.searchText.includes(t))) return false;
  }
  return true;
}
