import { describe, expect, test } from 'vitest';
import { pickLocalCjkFont } from './local-cjk-font';

/** A fake text measure: installed fonts have their own width, a missing one leaves the generic fallback's width. */
function measureWith(installed: Record<string, number>) {
  const generic: Record<string, number> = { monospace: 600, serif: 520 };
  return (fontFamily: string) => {
    const [first, fallback] = fontFamily.split(',').map((s) => s.trim().replace(/"/g, ''));
    if (fallback === undefined) return generic[first];
    return installed[first] ?? generic[fallback];
  };
}

describe('choosing a local Chinese font for map labels', () => {
  test('the first installed candidate is chosen, as a CSS font-family list', () => {
    expect(pickLocalCjkFont(measureWith({ 'PingFang SC': 500, 'Microsoft YaHei': 480 }), ['Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei'])).toBe('"PingFang SC", sans-serif');
  });

  test('with no candidate installed the map keeps the server glyphs', () => {
    expect(pickLocalCjkFont(measureWith({ Arial: 510 }), ['Noto Sans CJK SC', 'PingFang SC'])).toBe(false);
  });

  test('a page where every font measures alike (no real text measure) keeps the server glyphs', () => {
    expect(pickLocalCjkFont(() => 0, ['Noto Sans CJK SC'])).toBe(false);
  });
});
