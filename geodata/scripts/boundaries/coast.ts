/**
 * The land surface of the basemap: GSHHG full (detailed channels, but older than the region's
 * reclamation) plus the reclaimed land that today's OSM-derived land holds and GSHHG does not.
 *
 * OSM land minus GSHHG land has two kinds of pieces: reclamation (Qianhai, Shenzhen airport,
 * Chek Lap Kok, Cotai, Nansha: kilometre-sized blobs) and the corner-cutting of the generalised
 * OSM polygon (~860 m median edge) across channels and bays (long thin slivers). A morphological
 * opening — erode by OPENING_RADIUS_M, dilate back, keep what lies inside the piece — keeps the
 * first and drops the second, so the channels GSHHG draws stay open.
 *
 * GSHHG has no small lakes (Songshan Lake, the reservoirs); the OSM package draws them as holes
 * of 3–30 vertices about a kilometre apart (Songshan Lake is a 5-vertex rhombus). Holes of at
 * least OSM_LAKE_MIN_KM2 are kept as water, smoothed (Chaikin, turf `polygonSmooth`) so a lake
 * reads as a lake; their outline is no better than the source's (~1 km vertices), as the
 * README states.
 */
import { buffer, flatten, intersect, featureCollection, area as turfArea, centroid, polygon, polygonSmooth } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { REGION_BBOX, type Areal } from './config.ts';
import { CoastIndex, median } from './datum.ts';
import { runMapshaper } from './mapshaper.ts';

/** Pieces narrower than twice this (m) are corner-cutting, not reclamation. */
export const OPENING_RADIUS_M = 250;
/** OSM inland-water holes at least this big (km²) are kept as lakes; smaller ones are fish ponds drawn as triangles. */
export const OSM_LAKE_MIN_KM2 = 1;
const LAKE_SMOOTHING_ITERATIONS = 3;

/** The OSM package's inland water (holes of its land) of at least OSM_LAKE_MIN_KM2, smoothed. */
function osmLakes(osm: FeatureCollection<Areal>): Feature<Polygon>[] {
  const lakes: Feature<Polygon>[] = [];
  for (const f of osm.features) {
    if (!f.geometry) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const hole of polys.flatMap((p) => p.slice(1))) {
      const lake = polygon([[...hole].reverse()]);
      if (turfArea(lake) / 1e6 < OSM_LAKE_MIN_KM2) continue;
      lakes.push(polygonSmooth(lake, { iterations: LAKE_SMOOTHING_ITERATIONS }).features[0] as Feature<Polygon>);
    }
  }
  return lakes;
}

export interface ReclaimedPiece {
  areaKm2: number;
  center: [number, number];
}

const fc = <G extends Areal>(features: Feature<G>[]): FeatureCollection<G> => ({ type: 'FeatureCollection', features });

/** The opening of one polygon by `radiusM`, clipped to the polygon; null when nothing is wider. */
function opening(piece: Feature<Polygon>, radiusM: number): Feature<Areal> | null {
  const eroded = buffer(piece, -radiusM / 1000, { units: 'kilometers', steps: 4 });
  if (!eroded?.geometry || turfArea(eroded) === 0) return null;
  const dilated = buffer(eroded, radiusM / 1000, { units: 'kilometers', steps: 4 });
  if (!dilated) return null;
  return intersect(featureCollection<Areal>([dilated as Feature<Areal>, piece]));
}

/**
 * GSHHG land ∪ opening(OSM land − GSHHG land with its lakes filled): the combined, unsimplified
 * land surface. The OSM-derived package has no inland water at all, so only what it adds in
 * GSHHG's sea can be reclamation; GSHHG's lakes and river-lakes stay water.
 */
export async function combineLand(gshhg: { land: FeatureCollection<Areal>; withLakes: FeatureCollection<Areal> }, osm: FeatureCollection<Areal>) {
  const diff = await runMapshaper(
    '-i osm.json -erase gshhg.json -explode -o extra.json format=geojson geojson-type=FeatureCollection precision=0.00001',
    { 'osm.json': osm, 'gshhg.json': gshhg.withLakes },
  );
  const pieces = flatten(fc((diff['extra.json'] as FeatureCollection<Areal>).features.filter((f) => f.geometry))).features;
  const kept: Feature<Areal>[] = [];
  const reclaimed: ReclaimedPiece[] = [];
  let droppedKm2 = 0;
  for (const piece of pieces) {
    const open = opening(piece, OPENING_RADIUS_M);
    const pieceKm2 = turfArea(piece) / 1e6;
    if (!open) {
      droppedKm2 += pieceKm2;
      continue;
    }
    const keptKm2 = turfArea(open) / 1e6;
    droppedKm2 += pieceKm2 - keptKm2;
    kept.push({ ...open, properties: {} });
    reclaimed.push({ areaKm2: keptKm2, center: centroid(open).geometry.coordinates as [number, number] });
  }
  const lakes = osmLakes(osm);
  const merged = await runMapshaper(
    [
      '-i gshhg.json extra.json lakes.json combine-files',
      '-merge-layers target=gshhg,extra force name=land',
      '-dissolve2 target=land',
      '-dissolve2 target=lakes',
      '-erase lakes target=land',
      '-o target=land format=geojson geojson-type=FeatureCollection precision=0.00001',
    ].join(' '),
    { 'gshhg.json': gshhg.land, 'extra.json': fc(kept), 'lakes.json': fc(lakes) },
  );
  reclaimed.sort((a, b) => b.areaKm2 - a.areaKm2);
  const lakesKm2 = lakes.reduce((sum, l) => sum + turfArea(l) / 1e6, 0);
  return { land: merged['land.json'] as FeatureCollection<Areal>, reclaimed, droppedKm2, candidatePieces: pieces.length, lakes: lakes.length, lakesKm2 };
}

export interface CoastAgreement {
  vertices: number;
  medianM: number;
  p90M: number;
}

/**
 * How far the vertices of `coast`'s sea coast (outer rings; lakes left out) lie from the outline
 * of `reference` (m, median and 90th percentile), bbox edges excluded: the error of one
 * coastline measured against another.
 */
export function coastAgreement(coast: FeatureCollection<Areal>, reference: FeatureCollection<Areal>): CoastAgreement {
  const index = new CoastIndex(reference);
  const [w, s, e, n] = REGION_BBOX;
  const distances: number[] = [];
  for (const f of coast.features) {
    if (!f.geometry) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const [ring] of polys) {
      for (const [x, y] of ring.slice(0, -1)) {
        if (x === w || x === e || y === s || y === n) continue;
        distances.push(index.distance([x, y]));
      }
    }
  }
  distances.sort((a, b) => a - b);
  return { vertices: distances.length, medianM: median(distances), p90M: distances[Math.floor(distances.length * 0.9)] };
}
