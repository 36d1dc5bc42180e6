import { splitGlyphBundle } from '$server/tiles/glyph-pbf.ts';

/**
 * Label glyphs in one request per font. MapLibre asks for glyphs one 256-character range at a time:
 * the first view's Chinese labels touch ~80 ranges, so ~80 requests. The server also serves each
 * font's label glyphs of all ranges as one PBF (`/glyphs/{font}/labels.pbf`); the map's glyph requests
 * are pointed at this page's `atlas-glyphs://` protocol, which fetches that bundle once and hands
 * MapLibre each range from it. A range the bundle lacks (a character no label uses) and a server
 * without bundles (street archive: whole ranges) fall back to the ordinary range request.
 */
export const GLYPH_PROTOCOL = 'atlas-glyphs';
const PREFIX = `${GLYPH_PROTOCOL}://`;
const RANGE_URL = /^(.*\/glyphs\/[^/]+\/)(\d+)-\d+\.pbf$/;

/** The protocol URL for a glyph range URL (absolute); other URLs stay as they are. */
export function bundledGlyphUrl(url: string): string {
  return RANGE_URL.test(url) ? PREFIX + url : url;
}

type Fetcher = (url: string) => Promise<{ ok: boolean; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * The loader behind the protocol: for an `atlas-glyphs://` URL, the bytes of that range, from its
 * font's bundle (fetched once per font) or, failing that, from the range URL itself.
 */
export function glyphRangeLoader(fetcher: Fetcher): (protocolUrl: string) => Promise<ArrayBuffer> {
  const bundles = new Map<string, Promise<Map<number, Uint8Array> | null>>();
  const bundle = (url: string) => {
    let ranges = bundles.get(url);
    if (!ranges) {
      ranges = fetcher(url)
        .then(async (res) => (res.ok ? splitGlyphBundle(new Uint8Array(await res.arrayBuffer())) : null))
        .catch(() => null);
      bundles.set(url, ranges);
    }
    return ranges;
  };
  return async (protocolUrl) => {
    const url = protocolUrl.startsWith(PREFIX) ? protocolUrl.slice(PREFIX.length) : protocolUrl;
    const match = RANGE_URL.exec(url);
    const part = match ? (await bundle(`${match[1]}labels.pbf`))?.get(Number(match[2])) : undefined;
    if (part) return part.slice().buffer;
    const res = await fetcher(url);
    if (!res.ok) throw new Error(`glyph range ${url}: HTTP error`);
    return res.arrayBuffer();
  };
}
