import type { Catalog } from '../catalog/catalog.ts';
import { labelPoint } from '../geo/label-point.ts';
import type { TownFeature } from '../schemas/towns.ts';
import type { LayerSource } from './tileset.ts';

function point(coords: [number, number], properties: Record<string, unknown>): GeoJSON.Feature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: coords }, properties };
}

/** MVT properties are scalars: lists travel comma-joined. */
function flat(properties: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(properties)) {
    if (v === null || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
  return out;
}

/**
 * One source per zoom band: land and water are shipped generalised once per band (features with
 * `minzoom`/`maxzoom`); the deepest band also serves every deeper (overzoomed) request. Features
 * without a band serve every zoom.
 */
export function zoomBandSources(name: string, features: readonly GeoJSON.Feature[]): LayerSource[] {
  const bands = new Map<string, { minZoom?: number; maxZoom?: number; features: GeoJSON.Feature[] }>();
  for (const f of features) {
    const min = f.properties?.minzoom as number | undefined;
    const max = f.properties?.maxzoom as number | undefined;
    const key = `${min}-${max}`;
    if (!bands.has(key)) bands.set(key, { minZoom: min, maxZoom: max, features: [] });
    bands.get(key)!.features.push({ ...f, properties: {} });
  }
  const deepest = Math.max(...[...bands.values()].map((b) => b.maxZoom ?? Infinity));
  return [...bands.values()].map((b) => ({
    name,
    features: b.features,
    minZoom: b.minZoom,
    maxZoom: b.maxZoom === deepest ? undefined : b.maxZoom
  }));
}

const townTileFields = ({ id, code, name_zh, name_en, city, level }: TownFeature['properties']) => ({ id, code, name_zh, name_en, city, level });

/** Land, city, district and town outlines, their label points, and airports/ports. */
export function basemapLayers(catalog: Catalog): LayerSource[] {
  const cityName = (id: string) => catalog.cities.find((c) => c.properties.id === id)?.properties;
  return [
    ...zoomBandSources('land', catalog.land),
    ...zoomBandSources('water', catalog.water),
    { name: 'city', features: catalog.cities as GeoJSON.Feature[] },
    { name: 'district', features: catalog.districts as GeoJSON.Feature[] },
    {
      name: 'city_label',
      features: catalog.cities.map((c) => point(labelPoint(c.geometry), { ...c.properties }))
    },
    {
      name: 'district_label',
      features: catalog.districts.map((d) =>
        point(labelPoint(d.geometry), { ...d.properties, focus: cityName(d.properties.city)?.focus ?? false })
      )
    },
    // Towns and areas: outlines (Binhaiwan, a label point only, is left out) and one label each,
    // with only the fields the style and tooltips read (provenance stays in the API).
    {
      name: 'town',
      features: catalog.towns.filter((t) => t.geometry.type !== 'Point').map((t) => ({ ...t, properties: townTileFields(t.properties) }) as GeoJSON.Feature)
    },
    {
      name: 'town_label',
      features: catalog.towns.map((t) =>
        point(t.geometry.type === 'Point' ? (t.geometry.coordinates as [number, number]) : labelPoint(t.geometry), townTileFields(t.properties))
      )
    },
    {
      name: 'transport',
      features: catalog.transport.map((t) => ({ ...t, properties: flat(t.properties) }) as GeoJSON.Feature)
    }
  ];
}

const PARK_TILE_FIELDS = ['id', 'name_zh', 'name_en', 'city', 'kind', 'sectors', 'precision_m', 'geometry_kind'] as const;
const CONTEXT_TILE_FIELDS = [
  'id',
  'name_zh',
  'name_en',
  'city',
  'kind',
  'precision_m',
  'source',
  'context',
  'ai_activity',
  'ai_activity_zh',
  'zone_plan_en',
  'zone_plan_zh',
  'zone_plan_year',
  'area_km2',
  'geometry_kind'
] as const;

/**
 * Parks as drawn (points and the district-made areas) plus one label point per park, and the context (Hong Kong / Macau
 * places, cooperation zones) in a layer of their own — a zone made of districts as its outline plus one marker point,
 * so every record has one point to click and label (the map keeps the layer off by default; it is never counted with
 * the organisations).
 */
export function parkLayers(catalog: Catalog): LayerSource[] {
  const slim = (p: Record<string, unknown>) => flat(Object.fromEntries(PARK_TILE_FIELDS.map((k) => [k, p[k]])));
  const slimContext = (p: Record<string, unknown>) => flat(Object.fromEntries(CONTEXT_TILE_FIELDS.map((k) => [k, p[k]])));
  return [
    {
      name: 'context',
      features: catalog.context.flatMap((f) => {
        const properties = slimContext(f.properties);
        if (f.geometry.type === 'Point') return [{ ...f, properties } as GeoJSON.Feature];
        return [{ ...f, properties } as GeoJSON.Feature, point(labelPoint(f.geometry), properties)];
      })
    },
    { name: 'parks', features: catalog.parks.map((f) => ({ ...f, properties: slim(f.properties) }) as GeoJSON.Feature) },
    {
      name: 'park_label',
      features: catalog.parks.map((f) =>
        point(f.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : labelPoint(f.geometry), slim(f.properties))
      )
    }
  ];
}

const NAMES = { name_zh: 'String', name_en: 'String' };

export const BASEMAP_LAYER_DESCRIPTIONS = [
  { id: 'land', description: 'Land (GSHHG full coast + reclaimed land from OSM), generalised once per zoom band', fields: {} },
  { id: 'water', description: 'Sea, channels and lakes inside the region (region minus that zoom band\'s land)', fields: {} },
  { id: 'city', description: 'City outlines', fields: { id: 'String', code: 'String', focus: 'Boolean', ...NAMES } },
  { id: 'district', description: 'County-level district outlines', fields: { id: 'String', code: 'String', city: 'String', ...NAMES } },
  { id: 'city_label', description: 'One label point per city', fields: { id: 'String', focus: 'Boolean', ...NAMES } },
  { id: 'district_label', description: 'One label point per district', fields: { id: 'String', city: 'String', focus: 'Boolean', ...NAMES } },
  {
    id: 'town',
    description: "Dongguan's towns and subdistricts (level town / subdistrict) and functional areas drawn over them (level area)",
    fields: { id: 'String', code: 'String', city: 'String', level: 'String', ...NAMES }
  },
  { id: 'town_label', description: 'One label point per town, subdistrict or area', fields: { id: 'String', city: 'String', level: 'String', ...NAMES } },
  { id: 'transport', description: 'Airports and container ports', fields: { id: 'String', kind: 'String', iata: 'String', ...NAMES } }
];

export const PARK_LAYER_DESCRIPTIONS = [
  {
    id: 'parks',
    description: 'The twelve places of plan section 三(四): points, or areas made of whole districts',
    fields: { id: 'String', city: 'String', kind: 'String', sectors: 'String (comma list)', precision_m: 'Number', geometry_kind: 'String', ...NAMES }
  },
  { id: 'park_label', description: 'One label point per park', fields: { id: 'String', kind: 'String', ...NAMES } },
  {
    id: 'context',
    description:
      "Context never counted with the organisations: Hong Kong and Macau universities and science parks, and the cooperation zones with Hong Kong / Macau (a zone made of districts: its outline plus one marker point)",
    fields: {
      id: 'String',
      city: 'String',
      kind: 'String (university, science-park, cooperation-zone)',
      precision_m: 'Number',
      source: 'String',
      context: 'Boolean',
      ai_activity: 'String',
      ai_activity_zh: 'String',
      zone_plan_en: 'String',
      zone_plan_zh: 'String',
      zone_plan_year: 'Number',
      area_km2: 'Number',
      geometry_kind: 'String',
      ...NAMES
    }
  }
];
