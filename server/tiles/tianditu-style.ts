import type { LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { LabelLanguage } from './style.ts';

/**
 * Tianditu (天地图), the national basemap of China, as raster layers: opt-in with the user's own
 * key. Its tiles are CGCS2000, which agrees with WGS-84 to well under a metre here (no GCJ-02
 * offset), so our layers sit on it as they are.
 */
export interface TiandituOptions {
  /** the user's Tianditu browser key (tk) */
  key: string;
  /** 审图号: the map review number Tianditu prints for its current data, shown with the map in public */
  reviewNumber: string;
}

/** Where Tianditu tiles come from: eight host names, as Tianditu asks clients to spread load. */
export const TIANDITU_ORIGINS = Array.from({ length: 8 }, (_, i) => `https://t${i}.tianditu.gov.cn`);

export function tiandituAttribution(reviewNumber: string): string {
  return `© 国家地理信息公共服务平台 天地图 Tianditu · 审图号：${reviewNumber}`;
}

function wmts(layer: string, key: string): string[] {
  // Web Mercator (TILEMATRIXSET=w) tiles of one Tianditu layer, in WMTS KVP form.
  return TIANDITU_ORIGINS.map(
    (origin) =>
      `${origin}/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  );
}

/** The base map (`vec`) and its annotation (`cva` Chinese, `eva` English) as raster sources. */
export function tiandituSources({ key, reviewNumber }: TiandituOptions, lang: LabelLanguage): Record<string, SourceSpecification> {
  const raster = (layer: string, attribution?: string): SourceSpecification => ({
    type: 'raster',
    tiles: wmts(layer, key),
    tileSize: 256,
    minzoom: 1,
    maxzoom: 18,
    ...(attribution ? { attribution } : {})
  });
  return {
    'tianditu-base': raster('vec', tiandituAttribution(reviewNumber)),
    'tianditu-labels': raster(lang === 'en' ? 'eva' : 'cva')
  };
}

export function tiandituLayers(): LayerSpecification[] {
  return [
    { id: 'tianditu-base', type: 'raster', source: 'tianditu-base' },
    { id: 'tianditu-labels', type: 'raster', source: 'tianditu-labels' }
  ];
}
