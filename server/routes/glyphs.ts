import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badParameter, ErrorBody, notFound } from '../schemas/errors.ts';
import { glyphBundle, labelCharacters, labelCharactersByFont, subsetGlyphRange } from '../tiles/glyph-subset.ts';
import { basemapLayers, parkLayers } from '../tiles/layers.ts';
import { buildStyle } from '../tiles/style.ts';
import { COMPRESSORS, type ContentEncoding } from '../tiles/tile-cache.ts';
import { preferredEncoding } from '../http/encoding.ts';

/**
 * Serves the SDF glyph ranges built into geodata/glyphs, so labels need no font server. Each range is
 * cut to the characters the style's labels can draw (every string of the basemap and park tiles), which
 * takes the first view from megabytes of Chinese glyphs to tens of kilobytes. A new label layer whose
 * text comes from elsewhere must add its texts to `labelCharacters` below, or pass `subset: false`.
 * `labels.pbf` bundles a font's label glyphs of every range into one response (the atlas page splits it
 * back into ranges), so the first view needs one glyph request per font instead of one per range.
 */
export default (async (app, opts: { glyphsDir: string; subset?: boolean }) => {
  const fonts = new Set(existsSync(opts.glyphsDir) ? readdirSync(opts.glyphsDir) : []);
  let characters: Set<number> | null = null;
  const served = new Map<string, Buffer>();
  const subsetOf = (file: string): Buffer => {
    let body = served.get(file);
    if (!body) {
      characters ??= labelCharacters([...basemapLayers(app.catalog), ...parkLayers(app.catalog)]);
      const keep = characters;
      body = subsetGlyphRange(readFileSync(file), (c) => keep.has(c));
      served.set(file, body);
    }
    return body;
  };
  const bundles = new Map<string, Buffer>();
  const bundleOf = (font: string): Buffer => {
    let body = bundles.get(font);
    if (!body) {
      const tileLayers = [...basemapLayers(app.catalog), ...parkLayers(app.catalog)];
      const keep = labelCharactersByFont(buildStyle('').layers, tileLayers).get(font) ?? labelCharacters([]);
      const dir = join(opts.glyphsDir, font);
      const ranges = readdirSync(dir)
        .map((name) => /^(\d+)-\d+\.pbf$/.exec(name))
        .filter((m) => m !== null)
        .sort((a, b) => Number(a[1]) - Number(b[1]))
        .map((m) => readFileSync(join(dir, m[0])));
      body = glyphBundle(ranges, (c) => keep.has(c));
      bundles.set(font, body);
    }
    return body;
  };
  // The bundle is the first view's largest glyph response (~240 KB, a third of that compressed): compressed once per font and encoding.
  const encodedBundles = new Map<string, Buffer>();
  const encodedBundleOf = (font: string, encoding: ContentEncoding): Buffer => {
    const key = `${encoding} ${font}`;
    let body = encodedBundles.get(key);
    if (!body) {
      body = encoding === 'identity' ? bundleOf(font) : COMPRESSORS[encoding](bundleOf(font));
      encodedBundles.set(key, body);
    }
    return body;
  };

  app.get(
    '/glyphs/:fontstack/labels.pbf',
    {
      schema: {
        tags: ['tiles'],
        summary: "Every glyph the style's labels draw in this font stack, all ranges in one glyph PBF (one fontstack message per range)",
        params: Type.Object({ fontstack: Type.String({ maxLength: 300 }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: ErrorBody }
      }
    },
    async (req, reply) => {
      const font = req.params.fontstack.split(',').map((f) => f.trim()).find((f) => fonts.has(f));
      if (!font) throw notFound('font stack', req.params.fontstack);
      // With a street archive's labels the server serves whole ranges: there is no label set to bundle.
      if (opts.subset === false) throw notFound('label glyph bundle', req.params.fontstack);
      const encoding = preferredEncoding(req.headers['accept-encoding']);
      reply.header('vary', 'Accept-Encoding');
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.type('application/x-protobuf').header('cache-control', 'public, max-age=86400').send(encodedBundleOf(font, encoding));
    }
  );

  app.get(
    '/glyphs/:fontstack/:range.pbf',
    {
      schema: {
        tags: ['tiles'],
        summary: 'One 256-glyph SDF range of a font stack (the first font of the stack that we have)',
        params: Type.Object({ fontstack: Type.String({ maxLength: 300 }), range: Type.String({ pattern: '^\\d{1,5}-\\d{1,5}$' }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 400: ErrorBody, 404: ErrorBody }
      }
    },
    async (req, reply) => {
      const [start, end] = req.params.range.split('-').map(Number);
      if (start % 256 !== 0 || end !== start + 255 || end > 65535) {
        throw badParameter('range', `must be a 256-glyph range like 0-255 or 19968-20223; got "${req.params.range}"`);
      }
      const font = req.params.fontstack.split(',').map((f) => f.trim()).find((f) => fonts.has(f));
      if (!font) throw notFound('font stack', req.params.fontstack);
      const file = join(opts.glyphsDir, font, `${start}-${end}.pbf`);
      // A range we ship no glyphs for is an empty, valid glyph set: MapLibre then just draws nothing for it.
      const body = !existsSync(file) ? Buffer.alloc(0) : opts.subset === false ? readFileSync(file) : subsetOf(file);
      return reply.type('application/x-protobuf').header('cache-control', 'public, max-age=86400').send(body);
    }
  );
}) satisfies FastifyPluginAsyncTypebox<{ glyphsDir: string }>;
