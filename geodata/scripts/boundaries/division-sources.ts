/**
 * The newer division sources vendored under geodata/sources/divisions/ (see its README.md): what
 * each file is, its licence, its datum, and how far its outline lies from ours.
 *
 * They are committed, not downloaded, because a build may only reach the npm registry; the
 * exact upstream commits are recorded here and in geodata/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { GEODATA, type Areal } from './config.ts';
import { CoastIndex, median } from './datum.ts';
import { gcoord } from './sources.ts';

const DIR = join(GEODATA, 'sources', 'divisions');

export type SourceDatum = 'WGS84' | 'GCJ02' | 'BD09';

export interface DivisionSource {
  file: string;
  /** Provenance written on every feature built from this file. */
  source: string;
  source_url: string;
  source_date: string;
  datum: SourceDatum;
}

/**
 * Dongguan's 28 towns and 4 subdistricts: eddiehe99/dongguan-map (MIT), whose file is
 * zhangyu9609/echarts-mapJson's `latestCitys/441900.json` (ISC, 2020-04-15) with poi86 ids.
 * Measured BD-09 (Baidu): see geodata/README.md, "Current divisions".
 */
export const DONGGUAN_TOWNS: DivisionSource = {
  file: 'dongguan-towns.geojson',
  source:
    'eddiehe99/dongguan-map 441900.geojson @0140a8a (MIT; geometry of zhangyu9609/echarts-mapJson latestCitys/441900.json, ISC), BD-09 converted to WGS-84 with gcoord 1.0.7',
  source_url: 'https://github.com/eddiehe99/dongguan-map/blob/0140a8a56f9acc5ca437696c00b08919011a6d90/441900.geojson',
  source_date: '2020-04-15',
  datum: 'BD09',
};

/**
 * Songshan Lake's administrative area (松山湖管委会): the first version of the same MIT
 * repository's file, 35 units copied from poi86's AMap outlines (whitespace removed). Only
 * 松山湖管委会 is shipped; the other 34 give the outline its datum is measured on. Measured WGS-84
 * (43 m median from our outline, against 310 m read as GCJ-02): poi86 serves AMap's outlines
 * already converted.
 */
export const SONGSHAN_LAKE: DivisionSource = {
  file: 'dongguan-units-poi86.geojson',
  source:
    'eddiehe99/dongguan-map 441900.geojson @1019abc (MIT; poi86.com copy of the AMap outline of 松山湖管委会, measured WGS-84)',
  source_url: 'https://github.com/eddiehe99/dongguan-map/blob/1019abcf1801fda4736bab6f8346b29580587996/441900.geojson',
  source_date: '2025-10-05',
  datum: 'WGS84',
};

/** Guangming District (440311, 2018): zhangyu9609/echarts-mapJson latestCitys/440300.json (ISC, DataV/AMap format). */
export const GUANGMING: DivisionSource = {
  file: 'shenzhen-guangming.geojson',
  source:
    'zhangyu9609/echarts-mapJson latestCitys/440300.json @ed0575d (ISC; DataV/AMap-format district outline), GCJ-02 converted to WGS-84 with gcoord 1.0.7',
  source_url: 'https://github.com/zhangyu9609/echarts-mapJson/blob/ed0575d54a197f3a85e585fdfac54e5c16581b09/latestCitys/440300.json',
  source_date: '2020-07-14',
  datum: 'GCJ02',
};

/** The datum as the curated records write it (`source_datum`). */
export const DATUM_LABEL: Record<SourceDatum, string> = { WGS84: 'WGS-84', GCJ02: 'GCJ-02', BD09: 'BD-09' };

export function readDivisionSource(src: DivisionSource): FeatureCollection<Areal> {
  return JSON.parse(readFileSync(join(DIR, src.file), 'utf8'));
}

const GCOORD_DATUM = (d: SourceDatum) => (d === 'BD09' ? gcoord.BD09 : d === 'GCJ02' ? gcoord.GCJ02 : gcoord.WGS84);

export function toWgs84<T extends Areal | Position>(g: T, from: SourceDatum): T {
  if (from === 'WGS84') return structuredClone(g);
  // gcoord.transform converts GeoJSON geometries in place; clone first.
  return gcoord.transform(structuredClone(g), GCOORD_DATUM(from), gcoord.WGS84);
}

export interface OutlineOffset {
  datum: SourceDatum;
  vertices: number;
  medianM: number;
  p90M: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

/**
 * How far `vertices` (outline vertices of a source, in its own datum) lie from the boundary of
 * `reference` (our WGS-84 outline), read as each candidate datum: the datum that brings them
 * closest is the source's. Returns one row per candidate. `nearM` keeps only the vertices that
 * lie within it of our boundary in some reading: the parts of a source outline that have no
 * counterpart in ours (Guangming's new line inside the old Bao'an) would measure nothing but
 * their distance from it.
 */
export function outlineOffsets(vertices: Position[], reference: Feature<Areal>[], nearM = Infinity): OutlineOffset[] {
  const index = new CoastIndex({ type: 'FeatureCollection', features: reference });
  const datums = ['WGS84', 'GCJ02', 'BD09'] as const;
  const all = vertices.map((p) => datums.map((datum) => index.distance(toWgs84(p, datum))));
  const kept = all.filter((d) => Math.min(...d) < nearM);
  return datums.map((datum, i) => {
    const d = kept.map((row) => row[i]).sort((a, b) => a - b);
    return { datum, vertices: d.length, medianM: median(d), p90M: quantile(d, 0.9) };
  });
}

/** Refuses a source whose measured datum is not the one it is declared in. */
export function checkDeclaredDatum(name: string, src: DivisionSource, rows: OutlineOffset[]): OutlineOffset {
  console.log(`  ${name}: median / p90 distance of its outline to ours, read as …`);
  for (const r of rows) console.log(`    ${r.datum.padEnd(5)} ${Math.round(r.medianM)} m / ${Math.round(r.p90M)} m (${r.vertices} vertices)`);
  const best = rows.reduce((a, b) => (b.medianM < a.medianM ? b : a));
  if (best.datum !== src.datum) throw new Error(`${name}: declared ${src.datum}, but its outline fits ours best as ${best.datum}`);
  return best;
}
