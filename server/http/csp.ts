import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function hashesOf(html: string): string {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`).join(' ');
}

/**
 * CSP hashes ('sha256-…') of the inline scripts in the built index.html (SvelteKit boots from one),
 * re-read whenever the file changes, so a rebuild under a running server keeps the page working.
 */
export function inlineScriptHashes(buildDir: string | undefined): () => string {
  const file = buildDir ? join(buildDir, 'index.html') : '';
  let seenMtimeMs = -1;
  let hashes = '';
  return () => {
    const mtimeMs = file ? (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) : 0;
    if (mtimeMs !== seenMtimeMs) {
      seenMtimeMs = mtimeMs;
      hashes = mtimeMs ? hashesOf(readFileSync(file, 'utf8')) : '';
    }
    return hashes;
  };
}

/**
 * The Content-Security-Policy directives for the map app and /docs: scripts only from us (plus the
 * boot script's hash); MapLibre needs blob: workers and data:/blob: images; Svelte and MapLibre
 * set inline styles. No upgrade-insecure-requests: the booth serves plain HTTP on a LAN address.
 * `mapOrigins` (an opted-in Tianditu basemap only) may serve images and tiles.
 */
export function cspDirectives(scriptHashes: () => string, mapOrigins: readonly string[] = []) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", scriptHashes],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...mapOrigins],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...mapOrigins],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    upgradeInsecureRequests: null
  };
}
