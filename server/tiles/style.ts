import type { StyleSpecification, ExpressionSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { STREETS_SOURCE, streetsLayers } from './streets-style.ts';
import { tiandituLayers, tiandituSources, type TiandituOptions } from './tianditu-style.ts';
import { ATTRIBUTION, REGION_CENTER } from './tilejson.ts';

export type LabelLanguage = 'zh' | 'en' | 'both';

export const FONT_REGULAR = ['Noto Sans CJK SC Regular'];
export const FONT_BOLD = ['Noto Sans CJK SC Bold'];

/** The text a label shows in each language; `both` stacks Chinese over English. */
export function labelText(lang: LabelLanguage): ExpressionSpecification {
  if (lang === 'zh') return ['get', 'name_zh'];
  if (lang === 'en') return ['get', 'name_en'];
  return ['format', ['get', 'name_zh'], {}, '\n', {}, ['get', 'name_en'], { 'font-scale': 0.8 }];
}

export const PARK_KIND_COLORS: Record<string, string> = {
  'value-innovation-park': '#d9480f',
  'science-city': '#c2255c',
  'knowledge-city': '#9c36b5',
  'tech-park': '#1971c2',
  'high-tech-zone': '#0c8599',
  'new-area': '#2f9e44',
  'test-field': '#1864ab',
  'industry-park': '#e67700',
  'innovation-cluster': '#a61e4d'
};

/** Airports and container ports differ in colour, so the legend can tell them apart. */
export const TRANSPORT_COLORS = { airport: '#1c7ed6', 'container-port': '#0b7285' } as const;
/** Hong Kong and Macau context: a muted grey-brown, hollow, so it never reads as one of the plan's organisations. */
export const CONTEXT_COLOR = '#8d6e63';
/** Cooperation zones with Hong Kong / Macau (context inside the focus cities): a muted teal, filled, so they read apart from both. */
export const COOPERATION_ZONE_COLOR = '#3d7f86';

const parkColor: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  ...Object.entries(PARK_KIND_COLORS).flat(),
  '#495057'
] as unknown as ExpressionSpecification;

/**
 * What the map is drawn on. Default: our own land, water and city fills from the shipped data.
 * `streets`: a user-supplied Protomaps archive served by this server (BASEMAP_PMTILES).
 * `tianditu`: the national basemap's raster tiles, fetched by the browser from Tianditu with the
 * user's key — the one configuration in which the map requests anything outside this server.
 */
export interface StyleBasemap {
  streets?: { attribution: string };
  tianditu?: TiandituOptions;
}

/** Our land, water and city fills: drawn only when no other basemap lies under our layers. */
function ownBaseLayers(): LayerSpecification[] {
  return [
    { id: 'land', type: 'fill', source: 'basemap', 'source-layer': 'land', paint: { 'fill-color': '#f3efe6' } },
    {
      id: 'city-fill',
      type: 'fill',
      source: 'basemap',
      'source-layer': 'city',
      paint: { 'fill-color': ['case', ['get', 'focus'], '#fff8ec', '#ece8df'], 'fill-opacity': 0.9 }
    },
    { id: 'water', type: 'fill', source: 'basemap', 'source-layer': 'water', paint: { 'fill-color': '#b9d3e6' } }
  ];
}

function baseSources(origin: string, lang: LabelLanguage, basemap: StyleBasemap): Record<string, SourceSpecification> {
  if (basemap.tianditu) return tiandituSources(basemap.tianditu, lang);
  if (basemap.streets) return { [STREETS_SOURCE]: { type: 'vector', url: `${origin}/tiles/${STREETS_SOURCE}.json`, attribution: basemap.streets.attribution } };
  return {};
}

function baseLayers(lang: LabelLanguage, basemap: StyleBasemap): LayerSpecification[] {
  if (basemap.tianditu) return tiandituLayers();
  if (basemap.streets) return streetsLayers(lang);
  return ownBaseLayers();
}

/**
 * The product's MapLibre style. Every source, glyph and tile URL points at `origin`, so it works
 * offline — unless Tianditu is configured (see StyleBasemap).
 */
export function buildStyle(origin: string, lang: LabelLanguage = 'both', basemap: StyleBasemap = {}): StyleSpecification {
  const text = labelText(lang);
  return {
    version: 8,
    name: 'Cluster Atlas',
    metadata: { 'cluster-atlas:lang': lang, 'cluster-atlas:basemap': basemap.tianditu ? 'tianditu' : basemap.streets ? 'streets' : 'own' },
    center: [REGION_CENTER[0], REGION_CENTER[1]],
    zoom: REGION_CENTER[2],
    glyphs: `${origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      ...baseSources(origin, lang, basemap),
      basemap: { type: 'vector', url: `${origin}/tiles/basemap.json`, attribution: ATTRIBUTION },
      parks: { type: 'vector', url: `${origin}/tiles/parks.json` },
      organizations: { type: 'vector', url: `${origin}/tiles/organizations.json` }
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#b9d3e6' } },
      ...baseLayers(lang, basemap),
      {
        id: 'district-line',
        type: 'line',
        source: 'basemap',
        'source-layer': 'district',
        minzoom: 7,
        paint: { 'line-color': '#a39e93', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.4, 12, 1.2], 'line-dasharray': [3, 2] }
      },
      // Dongguan governs towns directly: their lines show from the zoom a town fills a few
      // hundred pixels; functional areas (Songshan Lake) are drawn over them in their own colour.
      {
        id: 'town-line',
        type: 'line',
        source: 'basemap',
        'source-layer': 'town',
        minzoom: 9,
        filter: ['!=', ['get', 'level'], 'area'],
        paint: { 'line-color': '#9a9488', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.7, 13, 1.3], 'line-dasharray': [2, 2] }
      },
      {
        id: 'town-area-line',
        type: 'line',
        source: 'basemap',
        'source-layer': 'town',
        minzoom: 9,
        filter: ['==', ['get', 'level'], 'area'],
        paint: { 'line-color': '#5b8a72', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 13, 2], 'line-dasharray': [4, 2] }
      },
      {
        id: 'city-line',
        type: 'line',
        source: 'basemap',
        'source-layer': 'city',
        paint: {
          'line-color': ['case', ['get', 'focus'], '#7a5c3a', '#8c8c8c'],
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, ['case', ['get', 'focus'], 1.4, 0.8], 12, ['case', ['get', 'focus'], 3, 1.5]]
        }
      },
      // Organisations sit under every park layer so the twelve places stay on top.
      {
        id: 'organization-cluster',
        type: 'circle',
        source: 'organizations',
        'source-layer': 'organizations',
        filter: ['==', ['get', 'cluster'], true],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 7, 100, 13, 10000, 22],
          'circle-color': '#5f3dc4',
          'circle-opacity': 0.55,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1
        }
      },
      {
        id: 'organization-cluster-count',
        type: 'symbol',
        source: 'organizations',
        'source-layer': 'organizations',
        filter: ['==', ['get', 'cluster'], true],
        layout: { 'text-field': ['to-string', ['get', 'point_count_abbreviated']], 'text-font': FONT_BOLD, 'text-size': 11, 'text-allow-overlap': true },
        paint: { 'text-color': '#ffffff' }
      },
      {
        id: 'organization-point',
        type: 'circle',
        source: 'organizations',
        'source-layer': 'organizations',
        filter: ['!=', ['get', 'cluster'], true],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 3, 14, 6],
          'circle-color': '#7048e8',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1
        }
      },
      {
        id: 'park-area',
        type: 'fill',
        source: 'parks',
        'source-layer': 'parks',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': parkColor, 'fill-opacity': 0.18 }
      },
      {
        id: 'park-area-line',
        type: 'line',
        source: 'parks',
        'source-layer': 'parks',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'line-color': parkColor, 'line-width': 2, 'line-opacity': 0.8 }
      },
      {
        id: 'transport',
        type: 'circle',
        source: 'basemap',
        'source-layer': 'transport',
        minzoom: 7,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 4, 12, 7],
          'circle-color': '#ffffff',
          'circle-stroke-color': ['match', ['get', 'kind'], 'airport', TRANSPORT_COLORS.airport, TRANSPORT_COLORS['container-port']],
          'circle-stroke-width': 2.5
        }
      },
      {
        id: 'district-label',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'district_label',
        minzoom: 8.5,
        layout: { 'text-field': text, 'text-font': FONT_REGULAR, 'text-size': 11, 'text-max-width': 8 },
        paint: { 'text-color': '#7d776c', 'text-halo-color': '#f7f4ee', 'text-halo-width': 1.2 }
      },
      {
        id: 'town-label',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'town_label',
        // Areas (Songshan Lake, Binhaiwan) are named a zoom earlier than the 32 towns.
        minzoom: 9.5,
        filter: ['any', ['==', ['get', 'level'], 'area'], ['>=', ['zoom'], 10.5]],
        layout: { 'text-field': text, 'text-font': FONT_REGULAR, 'text-size': ['case', ['==', ['get', 'level'], 'area'], 11, 10], 'text-max-width': 7 },
        paint: {
          'text-color': ['case', ['==', ['get', 'level'], 'area'], '#3f6e57', '#8a8478'],
          'text-halo-color': '#f7f4ee',
          'text-halo-width': 1.2
        }
      },
      {
        id: 'transport-label',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'transport',
        minzoom: 7.5,
        layout: { 'text-field': text, 'text-font': FONT_REGULAR, 'text-size': 11, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-optional': true },
        paint: {
          'text-color': ['match', ['get', 'kind'], 'airport', TRANSPORT_COLORS.airport, TRANSPORT_COLORS['container-port']],
          'text-halo-color': '#ffffff',
          'text-halo-width': 1.4
        }
      },
      {
        // A cooperation zone made of whole districts (Nansha): its outline, faintly filled and dashed.
        id: 'context-area',
        type: 'fill',
        source: 'parks',
        'source-layer': 'context',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'fill-color': COOPERATION_ZONE_COLOR, 'fill-opacity': 0.1 }
      },
      {
        id: 'context-area-outline',
        type: 'line',
        source: 'parks',
        'source-layer': 'context',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': COOPERATION_ZONE_COLOR, 'line-width': 1.6, 'line-dasharray': [3, 2] }
      },
      {
        // Cooperation zones: larger filled teal markers, in a layer under the rings (the Hetao Shenzhen park faces the
        // Loop's science park across the river), so draw order needs no sort key.
        id: 'context-zone-point',
        type: 'circle',
        source: 'parks',
        'source-layer': 'context',
        filter: ['all', ['==', ['geometry-type'], 'Point'], ['==', ['get', 'kind'], 'cooperation-zone']],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 6, 12, 11],
          'circle-color': COOPERATION_ZONE_COLOR,
          'circle-opacity': 0.45,
          'circle-stroke-color': COOPERATION_ZONE_COLOR,
          'circle-stroke-width': 2.5
        }
      },
      {
        // Universities and science parks: hollow rings.
        id: 'context-point',
        type: 'circle',
        source: 'parks',
        'source-layer': 'context',
        filter: ['all', ['==', ['geometry-type'], 'Point'], ['!=', ['get', 'kind'], 'cooperation-zone']],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 4, 12, 8],
          'circle-color': '#ffffff',
          'circle-stroke-color': CONTEXT_COLOR,
          'circle-stroke-width': 2.5
        }
      },
      {
        id: 'context-label',
        type: 'symbol',
        source: 'parks',
        'source-layer': 'context',
        filter: ['==', ['geometry-type'], 'Point'],
        minzoom: 8,
        layout: { 'text-field': text, 'text-font': FONT_REGULAR, 'text-size': 11, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-optional': true, 'text-max-width': 9 },
        paint: {
          'text-color': ['match', ['get', 'kind'], 'cooperation-zone', COOPERATION_ZONE_COLOR, CONTEXT_COLOR],
          'text-halo-color': '#ffffff',
          'text-halo-width': 1.4
        }
      },
      {
        id: 'park-point',
        type: 'circle',
        source: 'parks',
        'source-layer': 'parks',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 5, 12, 9],
          'circle-color': parkColor,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2
        }
      },
      {
        id: 'park-label',
        type: 'symbol',
        source: 'parks',
        'source-layer': 'park_label',
        minzoom: 7.5,
        layout: {
          'text-field': text,
          'text-font': FONT_REGULAR,
          'text-size': 12,
          'text-max-width': 9,
          'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
          'text-radial-offset': 0.9,
          'text-justify': 'auto'
        },
        paint: { 'text-color': '#2b2118', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 }
      },
      // City names come last: MapLibre places the topmost layer's labels first, so they always show.
      {
        id: 'city-label',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'city_label',
        layout: {
          'text-field': text,
          'text-font': FONT_BOLD,
          'text-size': ['interpolate', ['linear'], ['zoom'], 6, ['case', ['get', 'focus'], 14, 11], 10, ['case', ['get', 'focus'], 20, 15]],
          'text-max-width': 10,
          'symbol-sort-key': ['case', ['get', 'focus'], 0, 1]
        },
        paint: {
          'text-color': ['case', ['get', 'focus'], '#4a3520', '#6b6b6b'],
          'text-halo-color': '#ffffff',
          'text-halo-width': 1.6
        }
      }
    ]
  };
}
