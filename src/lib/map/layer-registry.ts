/**
 * The layer registry: every layer of the atlas is declared once, here, and that one declaration feeds
 * the map (MapLibre visibility/opacity or deck.gl layers), the layer panel, the legend, tooltips and
 * tour steps (a step's `layers` are registry ids).
 *
 * ## Adding a layer
 * 1. Write a `LayerDefinition` in `layers/<your-feature>.ts` (see `layers/base.ts` for MapLibre style
 *    layers, `layers/analytic.ts` for deck.gl layers computed by an `/api/analytics/*` endpoint):
 *    - `id` (kebab-case, stable: it is in share links and tour files), `group`, `name` in zh and en,
 *    - `legend`: swatches or a ramp, with units in both languages,
 *    - `tooltip` (optional): the hover text of one feature,
 *    - `defaultVisible`,
 *    - how it is drawn: `{ engine: 'maplibre', styleLayers }` picking layers of the server's style.json,
 *      or `{ engine: 'deck', data, deckLayers }` where `data.load` fetches through `$lib/api` and
 *      `deckLayers` returns deck.gl layers whose ids are the layer id or start with `${id}:`.
 * 2. Add it to `LAYERS` below (the order is the panel's and the legend's order; deck.gl draws later
 *    entries on top).
 * 3. For tours to accept it, add its id to `TOUR_LAYERS` in `server/schemas/tours.ts`
 *    (`layer-registry.test.ts` fails until you do).
 * Nothing else: no component lists layers by hand.
 */
import type { Layer } from '@deck.gl/core';
import type { Lang } from '$lib/i18n';
import type { FilterState } from '$lib/state/url-state';
import type { Rgba } from './palette.ts';
import { ANALYTIC_LAYERS } from './layers/analytic.ts';
import { BASE_LAYERS } from './layers/base.ts';
import { CONTEXT_LAYERS } from './layers/context.ts';
import { STATISTICS_LAYERS } from './layers/statistics.ts';

export type Bilingual = { zh: string; en: string };

/** Panel sections: reference layers of the map, and analyses computed from the selection. */
export type LayerGroupId = 'reference' | 'analysis';

/** Lookups a legend or a tooltip needs to name things (cities, sectors) in the interface language. */
export interface NameContext {
  lang: Lang;
  cityName: (id: string) => string;
  sectorName: (id: string) => string;
}

export interface LegendItem {
  color: string;
  label: string;
  shape: 'dot' | 'box' | 'line' | 'ring';
}

/** A legend: named swatches, or a colour ramp with its scale; either may depend on the data drawn. */
export type LegendSpec =
  | { kind: 'swatches'; note?: Bilingual; items: (data: unknown, names: NameContext) => LegendItem[] }
  | { kind: 'ramp'; note?: Bilingual; units: Bilingual; colors: Rgba[]; domain: (data: unknown) => [number, number] | null; digits?: number };

/** The analyst's knobs every analytic layer reads (the panel edits them; tours use the defaults). */
export interface AnalyticsParams {
  hexEdgeKm: number;
  extruded: boolean;
  epsKm: number;
  minPoints: number;
  ellipseBy: 'sector' | 'city';
}

export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** What a deck.gl factory gets besides its data: the deck.gl modules (loaded lazily), opacity, labels. */
export interface DeckContext {
  deck: {
    GeoJsonLayer: typeof import('@deck.gl/layers').GeoJsonLayer;
    TextLayer: typeof import('@deck.gl/layers').TextLayer;
    /** Hides labels that would overlap a higher-priority one */
    CollisionFilterExtension: typeof import('@deck.gl/extensions').CollisionFilterExtension;
  };
  /** 0..1, the layer panel's opacity slider */
  alpha: number;
  params: AnalyticsParams;
  names: NameContext;
  /** MapLibre layer the analytics draw under, so names stay readable */
  beforeId: string | undefined;
  /** The font of the page, for deck.gl text in Chinese and English */
  fontFamily: string;
}

interface LayerCommon {
  id: string;
  group: LayerGroupId;
  name: Bilingual;
  legend: LegendSpec;
  defaultVisible: boolean;
  /** Hover text for one drawn feature's properties; absent = no tooltip */
  tooltip?: (properties: Record<string, unknown>, names: NameContext) => string;
}

export interface MapLibreLayerDefinition extends LayerCommon {
  engine: 'maplibre';
  /** The ids of the server style's layers that make up this layer, from all the style's layer ids */
  styleLayers: (allIds: string[]) => string[];
}

export interface DeckLayerDefinition extends LayerCommon {
  engine: 'deck';
  /** Layers sharing a `key` share one request (hexagons and kernel density both come from `density`) */
  data: { key: string; load: (filters: FilterState, params: AnalyticsParams, options: LoadOptions) => Promise<unknown> };
  deckLayers: (data: unknown, ctx: DeckContext) => Layer[];
}

export type LayerDefinition = MapLibreLayerDefinition | DeckLayerDefinition;

/** Every layer, in panel order. */
export const LAYERS: readonly LayerDefinition[] = [...BASE_LAYERS, ...CONTEXT_LAYERS, ...ANALYTIC_LAYERS, ...STATISTICS_LAYERS];

export function layerById(id: string): LayerDefinition | undefined {
  return LAYERS.find((l) => l.id === id);
}

/** The registry layer a deck.gl layer id belongs to (`clusters` and `clusters:labels` → clusters). */
export function layerOfDeckId(deckId: string): LayerDefinition | undefined {
  return layerById(deckId.split(':')[0]);
}

export const DEFAULT_LAYER_IDS: string[] = LAYERS.filter((l) => l.defaultVisible).map((l) => l.id);

export const deckLayers = (): DeckLayerDefinition[] => LAYERS.filter((l): l is DeckLayerDefinition => l.engine === 'deck');
export const mapLibreLayers = (): MapLibreLayerDefinition[] => LAYERS.filter((l): l is MapLibreLayerDefinition => l.engine === 'maplibre');

/** Whether any of `ids` is drawn by deck.gl (so deck.gl and the analytics must load). */
export function needsDeck(ids: readonly string[]): boolean {
  return deckLayers().some((l) => ids.includes(l.id));
}

export const nameIn = (text: Bilingual, lang: Lang): string => text[lang];
