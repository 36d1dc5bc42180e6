/**
 * GSHHG full-resolution shorelines (Debian `gmt-gshhg-full`, LGPL-3, WGS-84) read through GMT,
 * and turned into land polygons of the region.
 *
 * GMT 6.4's `gmt coast -M` dumps shorelines only as line pieces cut at its storage bins, so the
 * polygons are rebuilt here: mapshaper `-polygons` turns the shoreline pieces plus the bbox edges
 * into faces, and `gmt select` (point-in-polygon against the same GSHHG data) says which faces are
 * land. Level 1 is the land/ocean shoreline, level 2 lakes and river-lakes, level 3 islands in lakes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Polygon, Position } from 'geojson';
import { booleanPointInPolygon, polygon } from '@turf/turf';
import { REGION_BBOX, type Areal } from './config.ts';
import { runMapshaper } from './mapshaper.ts';

const REGION_ARG = `-R${REGION_BBOX[0]}/${REGION_BBOX[2]}/${REGION_BBOX[1]}/${REGION_BBOX[3]}`;

function gmt(args: string[], input?: string): string {
  try {
    // GMT leaves a gmt.history file in its working directory: give it a scratch one.
    const cwd = mkdtempSync(join(tmpdir(), 'gmt-'));
    try {
      return execFileSync('gmt', args, { cwd, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('GMT is not installed: the basemap build needs `apt-get install -y gmt gmt-gshhg-full` (Debian)');
    }
    throw new Error(`gmt ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

/** The GSHHG version GMT reads (printed into provenance). */
export function gshhgVersion(): string {
  // `gmt coast` does not print it; the Debian package's version is the data version.
  const out = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'gmt-gshhg-full'], { encoding: 'utf8' });
  return out.split('-')[0];
}

/**
 * Full-resolution shorelines in the region bbox, every level, as GeoJSON lines: GMT's pieces
 * (cut at its storage bins) joined end to end into rings, or into chains cut at the bbox.
 */
export function readShorelines(): FeatureCollection<LineString> {
  const pieces = readShorelinePieces();
  const levels = [...new Set(pieces.map((p) => p.level))];
  return {
    type: 'FeatureCollection',
    features: levels.flatMap((level) =>
      joinPieces(pieces.filter((p) => p.level === level).map((p) => p.coordinates)).map((coordinates) => ({
        type: 'Feature' as const,
        properties: { level },
        geometry: { type: 'LineString' as const, coordinates },
      })),
    ),
  };
}

const keyOf = (p: Position) => `${p[0]},${p[1]}`;

/** Joins lines that share an end point (in either direction) until no two share one. */
export function joinPieces(lines: Position[][]): Position[][] {
  const chains = lines.map((l) => [...l]);
  const alive = new Set(chains.map((_, i) => i));
  const ends = new Map<string, Set<number>>();
  const addEnds = (i: number) => {
    for (const p of [chains[i][0], chains[i][chains[i].length - 1]]) {
      if (!ends.has(keyOf(p))) ends.set(keyOf(p), new Set());
      ends.get(keyOf(p))!.add(i);
    }
  };
  const dropEnds = (i: number) => {
    for (const p of [chains[i][0], chains[i][chains[i].length - 1]]) ends.get(keyOf(p))?.delete(i);
  };
  chains.forEach((_, i) => addEnds(i));
  for (const i of [...alive]) {
    if (!alive.has(i)) continue;
    for (;;) {
      const c = chains[i];
      if (keyOf(c[0]) === keyOf(c[c.length - 1])) break;
      const tail = keyOf(c[c.length - 1]);
      const j = [...(ends.get(tail) ?? [])].find((k) => k !== i);
      if (j === undefined) {
        // Nothing continues the tail: turn round once and try to grow the head instead.
        const head = keyOf(c[0]);
        if (![...(ends.get(head) ?? [])].some((k) => k !== i)) break;
        dropEnds(i);
        c.reverse();
        addEnds(i);
        continue;
      }
      dropEnds(i);
      dropEnds(j);
      const next = keyOf(chains[j][0]) === tail ? chains[j] : [...chains[j]].reverse();
      chains[i] = [...c, ...next.slice(1)];
      alive.delete(j);
      addEnds(i);
    }
  }
  return [...alive].map((i) => chains[i]);
}

function readShorelinePieces(): { level: number; coordinates: Position[] }[] {
  const text = gmt(['coast', REGION_ARG, '-Df', '-W', '-M']);
  const pieces: { level: number; coordinates: Position[] }[] = [];
  let current: Position[] | null = null;
  let level = 0;
  const flush = () => {
    if (current && current.length >= 2) pieces.push({ level, coordinates: current });
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      flush();
      current = [];
      level = Number(/Level (\d)/.exec(line)?.[1] ?? 0);
    } else if (line.trim() && current) {
      const [lon, lat] = line.trim().split(/\s+/).map(Number);
      current.push([lon, lat]);
    }
  }
  flush();
  return pieces;
}

/** Position along the bbox outline, counter-clockwise from the south-west corner; null when off it. */
function alongFrame([x, y]: Position): number | null {
  const [w, s, e, n] = REGION_BBOX;
  const eps = 1e-7;
  if (Math.abs(y - s) < eps) return x - w;
  if (Math.abs(x - e) < eps) return e - w + (y - s);
  if (Math.abs(y - n) < eps) return e - w + (n - s) + (e - x);
  if (Math.abs(x - w) < eps) return 2 * (e - w) + (n - s) + (n - y);
  return null;
}

/** The bbox corners passed walking counter-clockwise along the outline from `from` to `to`. */
function cornersBetween(from: number, to: number): Position[] {
  const [w, s, e, n] = REGION_BBOX;
  const corners: [number, Position][] = [[0, [w, s]], [e - w, [e, s]], [e - w + (n - s), [e, n]], [2 * (e - w) + (n - s), [w, n]]];
  const perimeter = 2 * (e - w + n - s);
  const span = (to - from + perimeter) % perimeter;
  return corners
    .map(([t, p]) => [(t - from + perimeter) % perimeter, p] as [number, Position])
    .filter(([d]) => d > 0 && d < span)
    .sort((a, b) => a[0] - b[0])
    .map(([, p]) => p);
}

/** A point just left of the middle segment of `line` (a thousandth of the segment's length away). */
function leftOf(line: Position[]): Position {
  const mid = Math.floor((line.length - 1) / 2);
  const [a, b] = [line[mid], line[mid + 1]];
  return [(a[0] + b[0]) / 2 - (b[1] - a[1]) * 1e-3, (a[1] + b[1]) / 2 + (b[0] - a[0]) * 1e-3];
}

/**
 * A shoreline that GMT cut at the bbox closed into a ring: along the piece, then back along the
 * bbox outline, counter-clockwise or clockwise: whichever ring holds the piece's left side when
 * `leftIsInside` (as GSHHG says for a point there), else the other.
 */
function closeAlongFrame(line: Position[], leftIsInside: boolean): Position[] {
  const tStart = alongFrame(line[0]);
  const tEnd = alongFrame(line[line.length - 1]);
  if (tStart === null || tEnd === null) throw new Error(`GSHHG shoreline piece ends inside the bbox at ${line[0]} / ${line[line.length - 1]}`);
  const ccw = [...line, ...cornersBetween(tEnd, tStart), line[0]];
  const cw = [...line, ...cornersBetween(tStart, tEnd).reverse(), line[0]];
  const holdsLeft = booleanPointInPolygon(leftOf(line), polygon([ccw]));
  return holdsLeft === leftIsInside ? ccw : cw;
}

/**
 * Which of `points` lie on GSHHG land: level 1 or 3, not in the ocean, a lake or a pond; with
 * `lakesAsLand`, everything that is not ocean.
 */
function onGshhgLand(points: Position[], lakesAsLand: boolean): boolean[] {
  const input = points.map(([lon, lat], i) => `${lon}\t${lat}\t${i}`).join('\n') + '\n';
  const kept = gmt(['select', REGION_ARG, '-Df', lakesAsLand ? '-Ns/k/k/k/k' : '-Ns/k/s/k/s', '-fi0x,1y'], input);
  const land = new Array<boolean>(points.length).fill(false);
  for (const line of kept.split('\n')) {
    const id = line.trim().split(/\s+/)[2];
    if (id !== undefined) land[Number(id)] = true;
  }
  return land;
}

/**
 * GSHHG land in the region as one dissolved, unsimplified surface: level-1 polygons minus lakes
 * and river-lakes (level 2) plus islands in lakes (level 3). `withLakes` is level 1 alone, with
 * its lakes filled (everything that is not sea), which tells reclamation from the sea apart from
 * GSHHG's lakes.
 */
export async function buildGshhgLand(): Promise<{ land: FeatureCollection<Areal>; withLakes: FeatureCollection<Areal> }> {
  const shorelines = readShorelines();
  const byLevel = new Map<number, Feature<Polygon>[]>();
  const open = shorelines.features.filter((f) => !samePoint(f.geometry.coordinates[0], f.geometry.coordinates.at(-1)!));
  // The side of a cut piece that is land (level 1) or lake (level 2): test a point just left of it.
  const lefts = open.map((f) => leftOf(f.geometry.coordinates));
  const notSea = onGshhgLand(lefts, true);
  const dry = onGshhgLand(lefts, false);
  for (const f of shorelines.features) {
    const c = f.geometry.coordinates;
    const level = f.properties?.level as number;
    let ring: Position[];
    const i = open.indexOf(f);
    if (i < 0) ring = c;
    else ring = closeAlongFrame(c, level % 2 === 1 ? notSea[i] : notSea[i] && !dry[i]);
    if (!byLevel.has(level)) byLevel.set(level, []);
    byLevel.get(level)!.push(polygon([ring]));
  }
  const layer = (level: number): FeatureCollection<Polygon> => ({ type: 'FeatureCollection', features: byLevel.get(level) ?? [] });
  console.log(`  GSHHG full: ${shorelines.features.length} shoreline rings (${open.length} cut at the bbox): ${[1, 2, 3, 4].map((l) => `level ${l} × ${layer(l).features.length}`).join(', ')}`);
  const OUT = 'format=geojson geojson-type=FeatureCollection precision=0.00001';
  // mapshaper cannot erase with (or merge) an empty layer, so steps for absent levels are left out.
  const has = (level: number) => layer(level).features.length > 0;
  const inputs = [1, 2, 3, 4].filter(has);
  const out = await runMapshaper(
    [
      `-i ${inputs.map((l) => `l${l}.json`).join(' ')} combine-files`,
      '-dissolve2 target=l1 + name=with_lakes',
      '-dissolve2 target=l1 name=land',
      has(2) ? '-erase l2 target=land' : '',
      has(3) ? '-merge-layers target=land,l3 force name=land -dissolve2 target=land' : '',
      has(4) ? '-erase l4 target=land' : '',
      `-o target=land,with_lakes ${OUT}`,
    ].join(' '),
    Object.fromEntries(inputs.map((l) => [`l${l}.json`, layer(l)])),
  );
  return { land: out['land.json'] as FeatureCollection<Areal>, withLakes: out['with_lakes.json'] as FeatureCollection<Areal> };
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}
