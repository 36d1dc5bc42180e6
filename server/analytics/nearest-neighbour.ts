import KDBush from 'kdbush';
import { EARTH_RADIUS_KM } from '../geo/geodesy.ts';

const RAD = Math.PI / 180;
/** Leaf size of the k-d tree: small leaves mean fewer distance tests per query. */
const NODE_SIZE = 16;
/** Lower bounds are shrunk by this much so rounding never prunes a node holding the nearest point. */
const BOUND_SLACK = 1 - 1e-12;

/**
 * Each point's great-circle distance to its nearest other point, km (Turf's radius; duplicates are 0
 * apart), from coordinates in degrees. One k-d tree (kdbush's layout) and, per point, a depth-first
 * search in haversine-term space (a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2), which grows with the
 * distance) that skips a subtree when a lower bound of `a` across its splitting line already exceeds
 * the best found: no per-point allocation and no trigonometry per visited node beyond one sine.
 * The distance of the pair found is computed as geodesy's haversineKm computes it.
 */
export function nearestNeighbourDistancesKm(lon: Float64Array, lat: Float64Array): Float64Array {
  const n = lon.length;
  const out = new Float64Array(n);
  if (n < 2) return out.fill(Infinity);
  let cosMin = 1, minLon = Infinity, maxLon = -Infinity;
  const tree = new KDBush(n, NODE_SIZE, Float64Array);
  for (let i = 0; i < n; i++) {
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
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
  // Nodes to search as (left, right, axis, lower bound of `a` over the node); a depth-first search
  // holds at most two nodes per level plus one, and the tree has fewer than 64 levels.
  const stack = new Float64Array(4 * 160);

  for (let i = 0; i < n; i++) {
    const qLon = coords[2 * i], qLat = coords[2 * i + 1], qLonRad = lonRad[i], qLatRad = latRad[i], qCos = cosLat[i];
    let best = Infinity;
    let sp = 0;
    stack[sp++] = 0; stack[sp++] = n - 1; stack[sp++] = 0; stack[sp++] = 0;
    while (sp > 0) {
      const bound = stack[--sp], axis = stack[--sp], right = stack[--sp], left = stack[--sp];
      if (bound >= best) continue;
      if (right - left <= NODE_SIZE) {
        for (let j = left; j <= right; j++) {
          if (j === i) continue;
          // As geodesy's haversineTerm computes it, so the distance below equals haversineKm's.
          const sinDLat = Math.sin((latRad[j] - qLatRad) / 2);
          const sinDLon = Math.sin((lonRad[j] - qLonRad) / 2);
          const a = sinDLat * sinDLat + qCos * cosLat[j] * sinDLon * sinDLon;
          if (a < best) best = a;
        }
        continue;
      }
      const m = (left + right) >> 1;
      const split = coords[2 * m + axis];
      const q = axis === 0 ? qLon : qLat;
      // Across the split every point is at least |split − q| away along this axis: a lower bound of
      // `a`, with sin x ≥ x − x³/6 (x ≥ 0) instead of a sine.
      const half = (Math.abs(split - q) * RAD) / 2;
      const lowSin = Math.max(0, half - (half * half * half) / 6);
      const across = axis === 1 ? lowSin * lowSin * BOUND_SLACK : lonBounds ? qCos * cosMin * lowSin * lowSin * BOUND_SLACK : 0;
      const nearFirst = q < split;
      const farLeft = nearFirst ? m + 1 : left, farRight = nearFirst ? right : m - 1;
      const nearLeft = nearFirst ? left : m + 1, nearRight = nearFirst ? m - 1 : right;
      // The near side is searched first and tightens `best`; then the middle point, which lies on the
      // split line (so no nearer than `across`), as a one-point leaf; then the far side.
      stack[sp++] = farLeft; stack[sp++] = farRight; stack[sp++] = 1 - axis; stack[sp++] = Math.max(bound, across);
      stack[sp++] = m; stack[sp++] = m; stack[sp++] = axis; stack[sp++] = Math.max(bound, across);
      stack[sp++] = nearLeft; stack[sp++] = nearRight; stack[sp++] = 1 - axis; stack[sp++] = bound;
    }
    out[ids[i]] = 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(best), Math.sqrt(1 - best));
  }
  return out;
}
