import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { etagMatches, preferredEncoding } from './encoding.ts';

/** Headers that belong to one exchange, not to the stored response. */
const PER_EXCHANGE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
const isPerExchange = (name: string) => PER_EXCHANGE.has(name) || name.startsWith('x-ratelimit') || name === 'retry-after';

interface Recorded {
  /** 204 for an empty tile (answered with head304, no body and no ETag). */
  status: 200 | 204;
  /** Flat [name, value, …] lists, the cheapest form for writeHead: with and without a body. */
  head200: string[];
  head304: string[];
  body: Buffer;
  etag: string;
}

/** The request headers the replay reads, straight from rawHeaders (building `req.headers` costs more). */
function replayHeaders(raw: string[]): { origin: boolean; acceptEncoding?: string; ifNoneMatch?: string } {
  const out: { origin: boolean; acceptEncoding?: string; ifNoneMatch?: string } = { origin: false };
  for (let i = 0; i < raw.length; i += 2) {
    const len = raw[i].length;
    // Compare lengths first: most headers are ruled out without lower-casing.
    if (len === 6 && raw[i].toLowerCase() === 'origin') out.origin = true;
    else if (len === 15 && raw[i].toLowerCase() === 'accept-encoding') out.acceptEncoding = raw[i + 1];
    else if (len === 13 && raw[i].toLowerCase() === 'if-none-match') out.ifNoneMatch = raw[i + 1];
  }
  return out;
}

function flat(headers: OutgoingHttpHeaders): string[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)]
  );
}

/**
 * Replays responses Fastify already made for tile URLs, straight from the HTTP server, before
 * routing, validation and hooks: a cached tile is then about as cheap to serve as a static
 * file. Only plain same-origin GETs take this path (no Origin header, so CORS cannot differ);
 * everything else, and every first request, goes through Fastify, which records what it sent.
 * Replayed requests skip the rate limit: answering one costs less than refusing it.
 */
export class ResponseReplay {
  private readonly cache: LRUCache<string, Recorded>;

  constructor(maxBytes: number) {
    this.cache = new LRUCache({ maxSize: maxBytes, sizeCalculation: (r) => r.body.byteLength + 512 });
  }

  private static key(url: string, acceptEncoding: string | undefined): string {
    return `${preferredEncoding(acceptEncoding)} ${url}`;
  }

  /** Keeps a 200 answer to a GET of `url` (as sent: headers and the exact body bytes). */
  record(url: string, acceptEncoding: string | undefined, headers: OutgoingHttpHeaders, body: Buffer): void {
    const etag = headers.etag;
    if (typeof etag !== 'string') return;
    const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !isPerExchange(name)));
    this.cache.set(ResponseReplay.key(url, acceptEncoding), {
      status: 200,
      head200: flat({ ...kept, 'content-length': body.byteLength }),
      head304: flat(kept),
      body,
      etag
    });
  }

  /**
   * Keeps a 204 answer (an empty tile) to a GET of `url`. A map asks for many empty tiles (sea,
   * beyond the region); replaying them keeps them from using up a client's rate limit.
   */
  recordEmpty(url: string, acceptEncoding: string | undefined, headers: OutgoingHttpHeaders): void {
    const kept = flat(Object.fromEntries(Object.entries(headers).filter(([name]) => !isPerExchange(name) && name !== 'content-type')));
    this.cache.set(ResponseReplay.key(url, acceptEncoding), { status: 204, head200: kept, head304: kept, body: Buffer.alloc(0), etag: '' });
  }

  /** Answers `req` from a recording and returns true, or returns false and leaves it alone. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || !req.url?.startsWith('/tiles/')) return false;
    const h = replayHeaders(req.rawHeaders);
    if (h.origin) return false;
    const hit = this.cache.get(ResponseReplay.key(req.url, h.acceptEncoding));
    if (!hit) return false;
    if (hit.status === 204) {
      res.writeHead(204, hit.head304).end();
      return true;
    }
    if (etagMatches(h.ifNoneMatch, hit.etag)) {
      res.writeHead(304, hit.head304).end();
      return true;
    }
    res.writeHead(200, hit.head200).end(hit.body);
    return true;
  }

  /** Forgets every recording (after a data change). */
  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}
