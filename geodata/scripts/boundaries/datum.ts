/**
 * The datum: GCJ-02 → WGS-84 conversion (gcoord), and the check that it applies. The check
 * measures how far the source's own outlines of Zhuhai, Macau and Hong Kong lie from the OSM
 * coastline, as shipped and after conversion (geodata/README.md, "Measured datum offset").
 */
import Flatbush from 'flatbush';
import type { FeatureCollection, Position } from 'geojson';
import { CITIES, DISTRICT_PRECISION_M, REGION_BBOX, type Areal, type CityDef } from './config.ts';
import { echartsFile, gcoord } from './sources.ts';

function gcj02ToWgs84(p: Position): Position {
  return gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84);
}

export function convertGeometry(g: Areal): Areal {
  // gcoord.transform converts GeoJSON geometries in place; clone first.
  return gcoord.transform(structuredClone(g), gcoord.GCJ02, gcoord.WGS84);
}

/** Cities whose outlines are compared with the OSM coastline (all three are mostly coast). */
const DATUM_CHECK_CITIES = ['zhuhai', 'macau', 'hongkong'];


/** Local equirectangular metres around the region centre: good to < 0.5 % over 3° of latitude. */
const LAT0 = 22.9;
const M_PER_DEG_Y = 110_700;
const M_PER_DEG_X = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const toXY = ([lon, lat]: Position): [number, number] => [lon * M_PER_DEG_X, lat * M_PER_DEG_Y];

/** Coastline segments (land polygon boundaries) in a flatbush index, metres. */
export class CoastIndex {
  private segs: Float64Array;
  private index: Flatbush;

  constructor(land: FeatureCollection<Areal>) {
    const [w, s, e, n] = REGION_BBOX;
    // Segments lying on the bbox edge are artefacts of the clip, not coastline.
    const onEdge = (a: Position, b: Position) =>
      (a[0] === b[0] && (a[0] === w || a[0] === e)) || (a[1] === b[1] && (a[1] === s || a[1] === n));
    const coords: number[] = [];
    for (const f of land.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polys.flat()) {
        for (let i = 0; i + 1 < ring.length; i++) {
          if (onEdge(ring[i], ring[i + 1])) continue;
          coords.push(...toXY(ring[i]), ...toXY(ring[i + 1]));
        }
      }
    }
    this.segs = Float64Array.from(coords);
    const count = this.segs.length / 4;
    this.index = new Flatbush(count);
    for (let i = 0; i < count; i++) {
      const [x1, y1, x2, y2] = this.segs.subarray(i * 4, i * 4 + 4);
      this.index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
    }
    this.index.finish();
  }

  /**
   * Exact distance (m) to the nearest segment. Flatbush orders candidates by bbox distance,
   * a lower bound of the segment distance, so we widen k until the k-th bbox is farther than
   * the best exact distance found.
   */
  distance(p: Position): number {
    const [px, py] = toXY(p);
    for (let k = 8; ; k *= 4) {
      const ids = this.index.neighbors(px, py, k);
      let best = Infinity;
      for (const id of ids) best = Math.min(best, this.segmentDistance(id, px, py));
      const last = ids[ids.length - 1];
      if (ids.length < k || this.bboxDistance(last, px, py) >= best) return best;
    }
  }

  private segmentDistance(id: number, px: number, py: number): number {
    const [x1, y1, x2, y2] = this.segs.subarray(id * 4, id * 4 + 4);
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
    return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
  }

  private bboxDistance(id: number, px: number, py: number): number {
    const [x1, y1, x2, y2] = this.segs.subarray(id * 4, id * 4 + 4);
    const dx = Math.max(Math.min(x1, x2) - px, 0, px - Math.max(x1, x2));
    const dy = Math.max(Math.min(y1, y2) - py, 0, py - Math.max(y1, y2));
    return Math.hypot(dx, dy);
  }
}

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Distinct outline vertices (closing vertex dropped) of a city's source outline. */
function outlineVertices(city: CityDef): Position[] {
  const fc = echartsFile('shape-only', city.file);
  const out: Position[] = [];
  for (const f of fc.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const ring of polys.flat()) out.push(...ring.slice(0, -1));
  }
  return out;
}

interface DatumRow {
  city: string;
  vertices: number;
  asShippedM: number;
  convertedM: number;
}

/** Median vertex-to-coastline distance per city and pooled, as shipped vs. after GCJ-02 → WGS-84. */
function measureDatumOffset(coast: CoastIndex): DatumRow[] {
  const rows: DatumRow[] = [];
  const all = { raw: [] as number[], conv: [] as number[] };
  for (const id of DATUM_CHECK_CITIES) {
    const city = CITIES.find((c) => c.id === id)!;
    const pts = outlineVertices(city);
    const raw = pts.map((p) => coast.distance(p));
    const conv = pts.map((p) => coast.distance(gcj02ToWgs84(p)));
    all.raw.push(...raw);
    all.conv.push(...conv);
    rows.push({ city: id, vertices: pts.length, asShippedM: median(raw), convertedM: median(conv) });
  }
  rows.push({ city: 'all three', vertices: all.raw.length, asShippedM: median(all.raw), convertedM: median(all.conv) });
  return rows;
}

function printDatumTable(rows: DatumRow[]): void {
  console.log('\nDatum check: median distance of outline vertices to the OSM coastline');
  console.log('| city | vertices | as shipped (GCJ-02) | after gcoord GCJ-02 → WGS-84 |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.city} | ${r.vertices} | ${Math.round(r.asShippedM)} m | ${Math.round(r.convertedM)} m |`);
  }
  console.log('');
}

/**
 * Measures and prints the datum offset against the coastline of `land` (dissolved, unsimplified,
 * bbox-clipped), and refuses to continue if converting does not bring the outlines closer (the
 * datum assumption would be wrong) or leaves more than the stated precision.
 */
export function checkDatumOffset(land: FeatureCollection<Areal>): void {
  const rows = measureDatumOffset(new CoastIndex(land));
  printDatumTable(rows);
  const pooled = rows[rows.length - 1];
  if (!(pooled.convertedM < pooled.asShippedM)) {
    throw new Error('GCJ-02 → WGS-84 conversion did not bring the outlines closer to the OSM coastline: check the datum');
  }
  if (pooled.convertedM > DISTRICT_PRECISION_M) {
    throw new Error(`residual offset ${pooled.convertedM} m exceeds the stated precision_m ${DISTRICT_PRECISION_M}`);
  }
}
