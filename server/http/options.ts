/** How the HTTP layer is configured; every field has a default suited to a booth or a laptop. */
export interface HttpOptions {
  /**
   * Origins allowed to call /api/* from another site: absent or empty → same-origin only,
   * `['*']` → anyone. Map assets (tiles, TileJSON, style, glyphs) are always open to any origin
   * so another MapLibre app can draw our layers.
   */
  corsOrigins?: string[];
  /** Requests one client may make per minute; `false` turns the limit off (benchmarks). */
  rateLimitPerMinute?: number | false;
  /** Directory of the built front end, whose inline boot script the CSP allows by hash. */
  buildDir?: string;
  /** Time a client has to send a whole request (headers and body), ms; past it the server answers 408 and closes the connection. */
  requestTimeoutMs?: number;
  /** Other origins the map may load tiles from (only an opted-in Tianditu basemap); none by default. */
  mapOrigins?: string[];
}

/** Long enough to upload the largest import (20 MB) at ~3 Mbit/s; short enough that slow-body clients cannot pile up. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** A map viewer fetches ~100–300 tiles per view across three sources; a tour at full speed stays well below this. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 20_000;

/** Reads CORS_ORIGINS (comma list or `*`), RATE_LIMIT_PER_MINUTE (a number, or `off`) and REQUEST_TIMEOUT_S (seconds). */
export function httpOptionsFromEnv(env: NodeJS.ProcessEnv): HttpOptions {
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const rate = env.RATE_LIMIT_PER_MINUTE?.trim();
  const perMinute = rate === 'off' ? false : rate && Number.isInteger(Number(rate)) && Number(rate) > 0 ? Number(rate) : DEFAULT_RATE_LIMIT_PER_MINUTE;
  const timeoutS = Number(env.REQUEST_TIMEOUT_S);
  const requestTimeoutMs = Number.isFinite(timeoutS) && timeoutS > 0 ? timeoutS * 1000 : DEFAULT_REQUEST_TIMEOUT_MS;
  return { corsOrigins: origins, rateLimitPerMinute: perMinute, requestTimeoutMs };
}
