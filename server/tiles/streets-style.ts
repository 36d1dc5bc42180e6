import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { FONT_BOLD, FONT_REGULAR, type LabelLanguage } from './style.ts';

/** The style source name of a user-supplied Protomaps street archive. */
export const STREETS_SOURCE = 'streets';

/** Protomaps' font stacks → the CJK stacks our server has glyphs for (it has no others). */
function ourFont(stack: string): string | undefined {
  if (stack === 'Noto Sans Medium') return FONT_BOLD[0];
  if (stack === 'Noto Sans Regular' || stack === 'Noto Sans Italic' || stack === 'Noto Sans Devanagari Regular v1') return FONT_REGULAR[0];
  return undefined;
}

function withOurFonts(value: unknown): unknown {
  if (typeof value === 'string') return ourFont(value) ?? value;
  if (Array.isArray(value)) return value.map(withOurFonts);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withOurFonts(v)]));
  return value;
}

/**
 * The `@protomaps/basemaps` layers (light flavour) for a street archive, labelled in Chinese or
 * English, with every id prefixed `streets-` so they never clash with ours. We ship no sprite,
 * so icons (POI symbols, road shields, town dots) are left out and their labels stay; fonts are
 * mapped to our glyph stacks. Protomaps' background is dropped: the style has its own.
 */
export function streetsLayers(lang: LabelLanguage): LayerSpecification[] {
  const labels = lang === 'en' ? 'en' : 'zh';
  return protomapsLayers(STREETS_SOURCE, namedFlavor('light'), { lang: labels })
    .filter((layer) => layer.type !== 'background')
    .map((layer) => {
      const out = withOurFonts(structuredClone(layer)) as LayerSpecification & { layout?: Record<string, unknown> };
      if (out.layout && 'icon-image' in out.layout) {
        const { 'icon-image': _icon, 'icon-size': _size, ...layout } = out.layout;
        out.layout = layout;
      }
      return { ...out, id: `streets-${out.id}` } as LayerSpecification;
    });
}
