import KDBush from 'kdbush';
import { EARTH_RADIUS_KM } from '../geo/geodesy.ts';

const RAD = Math.PI / 180;
/** Leaf size of the k-d tree: small leaves mean fewer distance tests per query. */
const NODE_SIZE = 16;
/** Lower bounds are shrunk by this much so rounding never prunes a node holding the nearest point. */
const BOUND_SLACK = 1 - 1e-12;
/** Points either side in tree order that seed each search (about half a leaf). */
const SEED_SPAN = 8;

/** Each point's nearest other point: its index, and the great-circle distance to it, km. */
export interface NearestNeighbours {
  distanceKm: Float64Array;
  /** Index of the nearest other point (one of them when several are equally near), or −1 when not searched for. */
  neighbour: Int32Array;
}

/** Each point's great-circle distance to its nearest other point, km; see nearestNeighbours. */
export function nearestNeighbourDistancesKm(lon: Float64Array, lat: Float64Array): Float64Array {
  return nearestNeighbours(lon, lat).distanceKm;
}

/** See nearestNeighbourSearch. */
export interface NearestNeighbourSearch {
  /** Filled in as the searches run; final once `searched()` is `searches`. */
  result: NearestNeighbours;
  /** How many searches there are: one per queried point. */
  searches: number;
  /** Runs the searches not yet run, up to the `end`-th. The tree lives as long as this function does. */
  searchUpTo(end: number): void;
}

/**
 * Each point's nearest other point and the great-circle distance to it, km (Turf's radius; duplicates
 * are 0 apart), from coordinates in degrees. With `queries` (point indices) only those points are
 * searched for (the others keep Infinity and −1), and every point can still be their neighbour.
 * One k-d tree (kdbush's layout) and, per point, a depth-first
 * search in haversine-term space (a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2), which grows with the
 * distance) that skips a subtree when a lower bound of `a` across its splitting line already exceeds
 * the best found: no per-point allocation and no trigonometry per visited node beyond one sine.
 * The distance of the pair found is computed as geodesy's haversineKm computes it.
 */
export function nearestNeighbours(lon: Float64Array, lat: Float64Array, queries?: Uint32Array): NearestNeighbours {
  const search = nearestNeighbourSearch(lon, lat, queries);
  search.searchUpTo(search.searches);
  return search.result;
}

/**
 * nearestNeighbours a part at a time: the tree is built here, and `searchUpTo(end)` runs the searches not yet
 * run up to the `end`-th (of `searches`, in tree order). Each search is independent of the others, so
 * the result, once every search has run, is nearestNeighbours' to the bit, however the searches were split:
 * a worker can prepare it in slices with other work between them.
 */
export function nearestNeighbourSearch(lon: Float64Array, lat: Float64Array, queries?: Uint32Array): NearestNeighbourSearch {
  const n = lon.length;
  const out = new Float64Array(n).fill(Infinity);
  const neighbourOf = new Int32Array(n).fill(-1);
  const result = { distanceKm: out, neighbour: neighbourOf };
  if (n < 2) return { result, searches: 0, searchUpTo: () => undefined };
  let cosMin = 1, minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  const tree = new KDBush(n, NODE_SIZE, Float64Array);
  for (let i = 0; i < n; i++) {
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
    tree.add(lon[i], lat[i]);
  }
  tree.finish();
  const { ids, coords } = tree;
  // Everything is read in tree order, and points are queried in tree order too: neighbours in the
  // tree are neighbours in memory, so a million searches stay in cache instead of jumping around.
  const lonRad = new Float64Array(n), latRad = new Float64Array(n), cosLat = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    lonRad[k] = coords[2 * k] * RAD;
    latRad[k] = coords[2 * k + 1] * RAD;
    cosLat[k] = Math.cos(latRad[k]);
    if (cosLat[k] < cosMin) cosMin = cosLat[k];
  }
  cosMin = Math.max(0, cosMin);
  // sin²(Δλ/2) grows with Δλ only up to 180°: with points spread wider than that (across the
  // antimeridian) a gap in longitude bounds nothing, and only latitude prunes.
  const lonBounds = maxLon - minLon <= 180;
  // A leaf point is first rated without trigonometry: with t = Δ/2, sin²t ≤ t² and sin²t ≥ t²(1 − t²/3)
  // (sin t ≥ t − t³/6), so p = (Δφ/2)² + cos φ1 cos φ2 (Δλ/2)² bounds `a` from above and p·(1 − ε)
  // from below, with ε from the widest half-difference T the data allow (ε = T²/3, plus far more than
  // rounding). Only a point whose lower bound beats the best so far gets the exact `a` (two sines),
  // so the nearest point and its distance are exactly those of computing `a` for every leaf point.
  const widestHalf = (Math.max(maxLat - minLat, maxLon - minLon) * RAD) / 2;
  const keep = Math.max(0, 1 - (widestHalf * widestHalf) / 3 - 1e-9);
  // Nodes to search as (left, right, axis, lower bound of `a` over the node); a depth-first search
  // holds at most two nodes per level plus one, and the tree has fewer than 64 levels.
  const stack = new Float64Array(4 * 160);

  // The point being searched for (set per point below).
  let qLonRad = 0, qLatRad = 0, qCos = 0;
  // The nearest point so far (tree position) and its `a`.
  let best = Infinity, bestJ = -1;
  // Point j becomes the best when its `a` beats it; `a` is computed only when j may beat it (see `keep`).
  const rate = (j: number): void => {
      const halfDLat = (latRad[j] - qLatRad) / 2, halfDLon = (lonRad[j] - qLonRad) / 2;
      if ((halfDLat * halfDLat + qCos * cosLat[j] * halfDLon * halfDLon) * keep >= best) return;
      // As geodesy's haversineTerm computes it, so the distance below equals haversineKm's.
      const sinDLat = Math.sin(halfDLat);
      const sinDLon = Math.sin(halfDLon);
      const a = sinDLat * sinDLat + qCos * cosLat[j] * sinDLon * sinDLon;
      if (a < best) {
        best = a;
        bestJ = j;
      }
  };

  // The queried points in tree order (neighbours in memory, as above), or every point.
  let order: Int32Array | null = null;
  if (queries) {
    const positionOf = new Int32Array(n);
    for (let k = 0; k < n; k++) positionOf[ids[k]] = k;
    order = Int32Array.from(queries, (q) => positionOf[q]).sort();
  }
  const searches = order ? order.length : n;
  let next = 0;

  const searchUpTo = (end: number): void => {
    for (let s = next; s < Math.min(end, searches); s++) {
      const i = order ? order[s] : s;
      const qLon = coords[2 * i], qLat = coords[2 * i + 1];
      qLonRad = lonRad[i]; qLatRad = latRad[i]; qCos = cosLat[i];
      // Seeded with the points next to it in tree order (mostly its own leaf, so near): with a good
      // `best` from the start, the search below leaves most far sides off the stack.
      best = Infinity;
      bestJ = -1;
      for (let j = Math.max(0, i - SEED_SPAN); j <= Math.min(n - 1, i + SEED_SPAN); j++) if (j !== i) rate(j);
      let sp = 0;
      stack[sp++] = 0; stack[sp++] = n - 1; stack[sp++] = 0; stack[sp++] = 0;
      while (sp > 0) {
        const bound = stack[--sp];
        let axis = stack[--sp], right = stack[--sp], left = stack[--sp];
        if (bound >= best) continue;
        // Down the near side without the stack: each level leaves its far side on the stack and rates
        // its middle point (which lies on the split line) on the way.
        while (right - left > NODE_SIZE) {
          const m = (left + right) >> 1;
          const split = coords[2 * m + axis];
          const q = axis === 0 ? qLon : qLat;
          // Across the split every point is at least |split − q| away along this axis: a lower bound of
          // `a`, with sin x ≥ x − x³/6 (x ≥ 0) instead of a sine.
          const half = (Math.abs(split - q) * RAD) / 2;
          const lowSin = Math.max(0, half - (half * half * half) / 6);
          const across = Math.max(bound, axis === 1 ? lowSin * lowSin * BOUND_SLACK : lonBounds ? qCos * cosMin * lowSin * lowSin * BOUND_SLACK : 0);
          const nearFirst = q < split;
          if (across < best) {
            stack[sp++] = nearFirst ? m + 1 : left; stack[sp++] = nearFirst ? right : m - 1; stack[sp++] = 1 - axis; stack[sp++] = across;
            if (m !== i) rate(m);
          }
          if (nearFirst) right = m - 1;
          else left = m + 1;
          axis = 1 - axis;
        }
        for (let j = left; j <= right; j++) if (j !== i) rate(j);
      }
      out[ids[i]] = 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(best), Math.sqrt(1 - best));
      neighbourOf[ids[i]] = ids[bestJ];
    }
    next = Math.max(next, Math.min(end, searches));
  };
  return { result, searches, searchUpTo };
}
