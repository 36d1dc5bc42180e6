/** Colours shared by the map, the legend and the layer panel, so the legend shows exactly what is drawn. */

export type Rgba = [number, number, number, number];

/** ColorBrewer YlOrRd without its palest step, which vanishes on the cream land colour. */
export const HEX_RAMP: Rgba[] = [
  [254, 217, 118, 255], [254, 178, 76, 255], [253, 141, 60, 255], [252, 78, 42, 255], [227, 26, 28, 255], [177, 0, 38, 255]
];

/** ColorBrewer YlGnBu from its third step: every band, the lowest included, stands out from the cream land. */
export const KERNEL_RAMP: Rgba[] = [
  [199, 233, 180, 255], [127, 205, 187, 255], [65, 182, 196, 255], [29, 145, 192, 255], [34, 94, 168, 255], [12, 44, 132, 255]
];

/** Tableau 10: ten categories that stay apart from each other and from the basemap. */
export const CATEGORICAL: Rgba[] = [
  [78, 121, 167, 255], [242, 142, 43, 255], [225, 87, 89, 255], [118, 183, 178, 255], [89, 161, 79, 255],
  [237, 201, 72, 255], [176, 122, 161, 255], [255, 157, 167, 255], [156, 117, 95, 255], [186, 176, 172, 255]
];

/** The ramp colour for `value` within 0..max, with alpha 0..1. */
export function rampColor(ramp: Rgba[], value: number, max: number, alpha = 1): Rgba {
  const i = max <= 0 ? 0 : Math.max(0, Math.min(ramp.length - 1, Math.floor((value / max) * ramp.length)));
  const [r, g, b] = ramp[i];
  return [r, g, b, Math.round(255 * alpha)];
}

/** The category colour of `key`: its place in `keys` (sorted, so a key keeps its colour across filters). */
export function categoryColor(key: string, keys: readonly string[], alpha = 1): Rgba {
  const sorted = [...new Set(keys)].sort();
  const i = Math.max(0, sorted.indexOf(key));
  const [r, g, b] = CATEGORICAL[i % CATEGORICAL.length];
  return [r, g, b, Math.round(255 * alpha)];
}

export const cssColor = ([r, g, b, a]: Rgba): string => `rgb(${r} ${g} ${b}${a < 255 ? ` / ${(a / 255).toFixed(2)}` : ''})`;

/** The ramp as a CSS gradient. */
export function rampCss(ramp: Rgba[]): string {
  return `linear-gradient(90deg, ${ramp.map((c) => cssColor(c)).join(', ')})`;
}
