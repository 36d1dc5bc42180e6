import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Seeded [lon, lat] points for tests: `count` uniform points in a box, optionally gathered round a few centres. */
export function seededPositions(count: number, seed: number, box: [number, number, number, number], options: { centres?: number; spreadDeg?: number } = {}): [number, number][] {
  const rng = xoroshiro128plus(seed);
  const random = () => uniformFloat64(rng);
  const [minLon, minLat, maxLon, maxLat] = box;
  const uniform = (): [number, number] => [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)];
  const centres = Array.from({ length: options.centres ?? 0 }, uniform);
  const spread = options.spreadDeg ?? 0.02;
  return Array.from({ length: count }, (_, i) => {
    if (centres.length === 0 || i % 4 === 0) return uniform();
    const [lon, lat] = centres[i % centres.length];
    return [lon + (random() - 0.5) * spread, lat + (random() - 0.5) * spread];
  });
}

/** A regular grid of `side`×`side` points `stepDeg` apart, starting at [lon, lat]. */
export function gridPositions(side: number, stepDeg: number, [lon, lat]: [number, number] = [113, 23]): [number, number][] {
  return Array.from({ length: side * side }, (_, i) => [lon + (i % side) * stepDeg, lat + Math.floor(i / side) * stepDeg]);
}
