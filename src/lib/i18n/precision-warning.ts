import type { Lang, MessageKey } from './dictionary.ts';
import { translate } from './index.ts';

/**
 * The server's precision warnings name the scale they compare by its parameter or an English phrase
 * ("所选尺度（epsKm 1.5 km）…"), in the Chinese text too. The interface names it as its own labels do.
 */
const SCALE_NAMES: [RegExp, MessageKey][] = [
  [/\bepsKm\b/g, 'scaleEps'],
  [/\bedgeKm\b/g, 'scaleHexagonEdge'],
  [/\bbandwidthKm\b/g, 'scaleBandwidth'],
  [/hexagon edge \([^)]*\)/g, 'scaleHexagonEdge'],
  [/observed mean nearest-neighbour distance/g, 'scaleNearestNeighbour']
];

/** A server warning `{ zh, en }` in `lang`, its scale named in the interface's words. */
export function precisionWarning(warning: { zh: string; en: string }, lang: Lang): string {
  if (lang === 'en') return warning.en;
  return SCALE_NAMES.reduce((text, [pattern, key]) => text.replace(pattern, translate('zh', key)), warning.zh);
}
