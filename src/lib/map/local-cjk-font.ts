/**
 * A Chinese font installed on this device, for MapLibre's `localIdeographFontFamily` (`?glyphs=device`):
 * with one, MapLibre draws the CJK characters (Han, CJK punctuation, full-width forms) itself on a canvas
 * and asks the server only for the Latin ranges. Not the default: drawing each glyph with TinySDF on the
 * main thread measured slower than the server's label glyphs in one bundle per font (bench/README.md,
 * First view). Without a font it must not be used: the canvas would draw empty boxes.
 * (MapLibre 5 draws with the style's font name, then `sans-serif`, for a font stack of its own such as
 * ours; the family found here is what tells it a CJK font is there to fall back to.)
 */
const CANDIDATES = [
  'Noto Sans CJK SC',
  'Noto Sans SC',
  'Source Han Sans SC',
  'PingFang SC',
  'Hiragino Sans GB',
  'Microsoft YaHei',
  'WenQuanYi Micro Hei',
  'Droid Sans Fallback'
];

/** Latin and Han together: two different generic fallbacks draw the Latin part at different widths. */
const SAMPLE = '集群地图 Cluster Atlas mmWWii 0123';

/**
 * The first candidate a text measure shows to be installed, as a CSS font-family list; false when none is.
 * A font is installed when text set in it measures the same whichever generic family follows it
 * (the classic check: a missing font leaves each generic fallback to draw the text at its own width).
 */
export function pickLocalCjkFont(measure: (fontFamily: string) => number, candidates: readonly string[] = CANDIDATES): string | false {
  const monospace = measure('monospace');
  const serif = measure('serif');
  if (monospace === serif) return false;
  const found = candidates.find((name) => measure(`"${name}", monospace`) === measure(`"${name}", serif`));
  return found ? `"${found}", sans-serif` : false;
}

/** `pickLocalCjkFont` measured on a canvas of this page; false where there is no canvas. */
export function localCjkFontFamily(): string | false {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return false;
  return pickLocalCjkFont((fontFamily) => {
    context.font = `32px ${fontFamily}`;
    return context.measureText(SAMPLE).width;
  });
}
