import { bbox as turfBbox } from '@turf/turf';
import type { Catalog } from '../catalog/catalog.ts';
import { parseFilters, type Bbox, type Filters } from '../schemas/filters.ts';
import type { ExtraFilter, ItemsQuery } from './items-query.ts';

/** OGC's name for WGS-84 longitude/latitude (axis order lon, lat), the only CRS served. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** A GeoJSON feature as OGC serves it: the record id also at the top level (§7.16.2). */
export interface OgcFeature {
  type: 'Feature';
  id: string;
  geometry: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon;
  properties: Record<string, unknown>;
}

export interface ItemsPage {
  features: OgcFeature[];
  numberMatched: number;
}

/** One feature collection of the atlas, as the /ogc routes serve it. */
export interface OgcCollectionSource {
  id: string;
  title: string;
  description: string;
  /** The shared filters this collection takes as extra query parameters. */
  extras: readonly ExtraFilter[];
  extent(): Bbox;
  page(query: ItemsQuery): ItemsPage | Promise<ItemsPage>;
  item(id: string): OgcFeature | undefined;
}

function asOgc(feature: { geometry: OgcFeature['geometry']; properties: object }, id: string): OgcFeature {
  return { type: 'Feature', id, geometry: feature.geometry, properties: feature.properties as Record<string, unknown> };
}

function union(boxes: Bbox[]): Bbox {
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

function filtersOf(query: ItemsQuery, catalog: Catalog): Filters {
  return parseFilters({ ...query.filters, bbox: query.bbox?.join(','), limit: query.limit, offset: query.offset }, catalog.vocabulary);
}

/** Areas (cities, districts) filtered by city and bbox in memory: there are at most a hundred. */
function areaSource(
  meta: Pick<OgcCollectionSource, 'id' | 'title' | 'description'>,
  features: readonly { type: 'Feature'; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; properties: { id: string; city?: string } }[],
  catalog: Catalog,
  cityOf: (p: { id: string; city?: string }) => string
): OgcCollectionSource {
  const boxes = features.map((f) => turfBbox(f as GeoJSON.Feature) as Bbox);
  const byId = new Map(features.map((f) => [f.properties.id, f]));
  const extent = union(boxes);
  return {
    ...meta,
    extras: ['city'],
    extent: () => extent,
    page(query) {
      const filters = filtersOf(query, catalog);
      const matches = features.filter((f, i) => {
        if (filters.cities && !filters.cities.has(cityOf(f.properties))) return false;
        const b = boxes[i];
        return !filters.bbox || (b[0] <= filters.bbox[2] && b[2] >= filters.bbox[0] && b[1] <= filters.bbox[3] && b[3] >= filters.bbox[1]);
      });
      return { numberMatched: matches.length, features: matches.slice(query.offset, query.offset + query.limit).map((f) => asOgc(f, f.properties.id)) };
    },
    item(id) {
      const f = byId.get(id);
      return f && asOgc(f, id);
    }
  };
}

/** The four collections of /ogc over the live catalog (imported organisations included). */
export function ogcCollections(catalog: Catalog): OgcCollectionSource[] {
  const parkBoxes = catalog.parks.map((p) => turfBbox(p) as Bbox);
  const parkExtent = union(parkBoxes);
  // Organisation extents and ids change with every import; both are rebuilt on first use after one.
  let orgExtent: { version: number; bbox: Bbox } | undefined;

  const parks: OgcCollectionSource = {
    id: 'parks',
    title: 'AI parks and clusters of the plan · 规划中的人工智能园区与集聚区',
    description: 'The twelve places named in section 三(四) of the Guangdong AI action plan 2018–2020, as points or district unions, with precision and provenance.',
    extras: ['city', 'sector', 'kind', 'q'],
    extent: () => parkExtent,
    page(query) {
      const page = catalog.parksMatching(filtersOf(query, catalog));
      return { numberMatched: page.total, features: page.features.map((f) => asOgc(f, f.properties.id)) };
    },
    item(id) {
      const park = catalog.park(id);
      return park && asOgc(park, id);
    }
  };

  const organizations: OgcCollectionSource = {
    id: 'organizations',
    title: 'Organisations · 机构',
    description: 'Firms, universities, labs, institutes and platforms: the curated list and every imported dataset. Points; precision_m gives each location’s uncertainty.',
    extras: ['city', 'sector', 'type', 'q'],
    extent() {
      if (orgExtent?.version !== catalog.version) {
        const { lon, lat } = catalog.organizationPoints;
        let box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
        for (let i = 0; i < lon.length; i++) box = [Math.min(box[0], lon[i]), Math.min(box[1], lat[i]), Math.max(box[2], lon[i]), Math.max(box[3], lat[i])];
        orgExtent = { version: catalog.version, bbox: lon.length ? box : parkExtent };
      }
      return orgExtent.bbox;
    },
    async page(query) {
      // Pages by position in the index; GeoJSON is built for the page's features only.
      const filters = filtersOf(query, catalog);
      if (!filters.cities && !filters.sectors && !filters.types && !filters.q && !filters.bbox) {
        const count = catalog.organizationCount;
        const rows = Array.from({ length: Math.max(0, Math.min(count, query.offset + query.limit) - query.offset) }, (_, k) => query.offset + k);
        return { numberMatched: count, features: rows.map((row) => catalog.organization(row)).map((f) => asOgc(f, f.properties.id)) };
      }
      const page = await catalog.organizationsMatching(filters);
      return { numberMatched: page.total, features: page.features.map((f) => asOgc(f, f.properties.id)) };
    },
    item(id) {
      const found = catalog.organizationById(id);
      return found && asOgc(found, id);
    }
  };

  return [
    parks,
    organizations,
    areaSource(
      { id: 'districts', title: 'Districts · 区县', description: 'County-level districts with GB/T 2260 codes (id = code); city = the city slug.' },
      catalog.districts,
      catalog,
      (p) => p.city ?? ''
    ),
    areaSource(
      { id: 'cities', title: 'Cities · 城市', description: 'The five focus cities and their context cities (id = slug); focus tells which.' },
      catalog.cities,
      catalog,
      (p) => p.id
    )
  ];
}
