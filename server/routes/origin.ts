import type { FastifyRequest } from 'fastify';

/**
 * The origin written into style.json and TileJSON URLs: PUBLIC_URL when it is set (e.g.
 * `https://atlas.example.org`), else none, so the URLs are paths on whatever host served them.
 * Never the request's Host header: a cache in front would keep and serve a style pointing at
 * whatever host a client made up.
 */
export function publicOrigin(publicUrl: string | undefined): string {
  if (!publicUrl) return '';
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL such as https://atlas.example.org; got "${publicUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must start with http:// or https://; got "${publicUrl}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]+$/;

/**
 * The origin the client reached us at, for documents whose clients need absolute links (OGC API –
 * Features: GDAL follows `next` only as an absolute URL) when PUBLIC_URL is not set. A Host header
 * unfit for a URL falls back to the socket's own address; set PUBLIC_URL behind a shared cache.
 */
export function requestOrigin(req: FastifyRequest): string {
  const local = req.socket.localAddress ? `${req.socket.localAddress}:${req.socket.localPort}` : '127.0.0.1';
  const host = SAFE_HOST.test(req.host) ? req.host : local;
  return `${req.protocol}://${host}`;
}
