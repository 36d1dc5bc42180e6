/**
 * Dongguan's towns and subdistricts fitted to our city outline, so that together they cover it
 * exactly once: no overlaps between neighbours, no gaps, nothing outside the city.
 *
 * The source towns were drawn one by one, so they leave ~1,200 small gaps between each other and
 * do not follow our (different-source) city edge exactly. mapshaper's `-clean` fills the gaps
 * between towns and resolves overlaps, each gap going to the neighbour with the longest shared
 * border; `-clip` cuts what lies outside the city. What is then left of the city outside every
 * town (thin strips along the edge) goes, piece by piece, to the town it shares the longest
 * border with — the same rule, applied here because mapshaper would give edge strips to
 * "outside".
 */
import { area } from '@turf/turf';
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { Areal } from './config.ts';
import { CoastIndex } from './datum.ts';
import { runMapshaper } from './mapshaper.ts';

const PRECISION = 0.00001;
/** Gaps between source towns larger than this stay gaps for the edge pass (none do: the largest is < 1 km²). */
const GAP_FILL_KM2 = 5;

type Unit = Feature<Areal, { code: string }>;

const fc = <T extends Feature>(features: T[]): FeatureCollection => ({ type: 'FeatureCollection', features });

function rings(g: Areal): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Metres of local equirectangular length (good to < 0.5 % over the city). */
function segmentM(a: Position, b: Position): number {
  const kx = 111_320 * Math.cos((23 * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110_700);
}

/** A piece edge whose midpoint lies this close to a town's boundary runs along it. */
const ON_BORDER_M = 2;

/**
 * The unit sharing the longest border with `piece` (summed length of the piece's edges that run
 * along the unit's boundary); a piece touching none (a speck left by rounding) goes to the
 * nearest unit.
 */
function longestBorderNeighbour(piece: Areal, borders: CoastIndex[]): number {
  const shared = borders.map(() => 0);
  for (const ring of rings(piece)) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const mid = [(ring[i][0] + ring[i + 1][0]) / 2, (ring[i][1] + ring[i + 1][1]) / 2];
      borders.forEach((b, u) => {
        if (b.distance(mid) < ON_BORDER_M) shared[u] += segmentM(ring[i], ring[i + 1]);
      });
    }
  }
  const best = shared.indexOf(Math.max(...shared));
  if (shared[best] > 0) return best;
  const first = rings(piece)[0][0];
  const d = borders.map((b) => b.distance(first));
  return d.indexOf(Math.min(...d));
}

export interface FittedTowns {
  towns: FeatureCollection<Areal>;
  /** km² moved: gaps between source towns filled, and edge strips assigned. */
  gapsFilledKm2: number;
  edgePieces: number;
  edgeKm2: number;
  /** km² of source towns outside our city outline, cut off. */
  outsideKm2: number;
}

/** `towns`: WGS-84 polygons with a `code`; `city`: our outline. */
export async function fitTownsToCity(towns: Unit[], city: Feature<Areal>): Promise<FittedTowns> {
  const cityFc = fc([{ ...city, properties: { code: 'city' } }]);
  const cleaned = await runMapshaper(
    [
      '-i towns.json snap',
      `-clean gap-fill-area=${GAP_FILL_KM2}km2`,
      '-each "area_before_clip = this.area"',
      '-clip city.json',
      `-o towns.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'towns.json': fc(towns), 'city.json': cityFc },
  );
  const inCity = cleaned['towns.json'].features as Unit[];
  const residual = await runMapshaper(
    [
      '-i city.json',
      '-erase towns.json',
      '-explode',
      '-each "area = this.area"',
      `-o residual.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'city.json': cityFc, 'towns.json': fc(inCity) },
  );
  const pieces = residual['residual.json'].features as Feature<Areal, { area: number }>[];
  const borders = inCity.map((t) => new CoastIndex({ type: 'FeatureCollection', features: [t] }));
  const assigned: Unit[] = [];
  for (const piece of pieces) {
    const u = longestBorderNeighbour(piece.geometry, borders);
    assigned.push({ type: 'Feature', properties: { code: inCity[u].properties.code }, geometry: piece.geometry });
  }
  // Dissolving each town with its strips, then a final clean on the rounded coordinates
  // (rounding can pinch rings < 1 m apart).
  const merged = await runMapshaper(
    [
      '-i towns.json snap',
      '-dissolve2 code',
      '-clean',
      `-o towns.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'towns.json': fc([...inCity, ...assigned]) },
  );
  const sourceKm2 = towns.reduce((s, t) => s + areaKm2(t.geometry), 0);
  const clippedKm2 = inCity.reduce((s, t) => s + areaKm2(t.geometry), 0);
  const beforeClipKm2 = inCity.reduce((s, t) => s + ((t.properties as { area_before_clip?: number }).area_before_clip ?? 0), 0) / 1e6;
  const edgeKm2 = pieces.reduce((s, p) => s + p.properties.area, 0) / 1e6;
  return {
    towns: merged['towns.json'] as FeatureCollection<Areal>,
    gapsFilledKm2: Math.max(0, beforeClipKm2 - sourceKm2),
    edgePieces: pieces.length,
    edgeKm2,
    outsideKm2: Math.max(0, beforeClipKm2 - clippedKm2),
  };
}

export const areaKm2 = (g: Areal): number => area(g) / 1e6;
