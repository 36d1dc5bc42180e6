/** Each sector's nearest-neighbour distances among its own members (the per-sector part of /api/analytics/nni). */
import { nearestNeighbours, type NearestNeighbours } from './nearest-neighbour.ts';
import type { Selection } from './selection.ts';

/** The selection's members of each sector code, in selection order: one pass over the sector bits. */
export function membersBySector(selection: Selection): number[][] {
  const { sectorBits, sectorWords } = selection.columns;
  const members: number[][] = Array.from({ length: sectorWords * 32 }, () => []);
  for (let k = 0; k < selection.size; k++) {
    const row = selection.row(k);
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits[row * sectorWords + w];
      while (bits !== 0) {
        members[w * 32 + (31 - Math.clz32(bits & -bits))].push(k);
        bits &= bits - 1;
      }
    }
  }
  return members;
}

/**
 * Each of a sector's `members`' distance to its nearest other member, km, in their order. A member
 * whose nearest organisation overall (`nearest`) is a member too has that same neighbour and
 * distance within the sector (no member is nearer, and the distance is computed from the same pair
 * the same way): only the other members are searched for, in a tree of the sector's members.
 * `memberAt` (one slot per selected organisation, all −1) is scratch space, left all −1 again.
 */
export function sectorNearestDistancesKm(members: readonly number[], lon: Float64Array, lat: Float64Array, nearest: NearestNeighbours, memberAt: Int32Array): Float64Array {
  members.forEach((k, m) => (memberAt[k] = m));
  const distances = new Float64Array(members.length);
  const searched: number[] = [];
  members.forEach((k, m) => {
    const j = nearest.neighbour[k];
    if (j >= 0 && memberAt[j] >= 0) distances[m] = nearest.distanceKm[k];
    else searched.push(m);
  });
  for (const k of members) memberAt[k] = -1;
  if (searched.length > 0 && members.length >= 2) {
    const within = nearestNeighbours(Float64Array.from(members, (k) => lon[k]), Float64Array.from(members, (k) => lat[k]), Uint32Array.from(searched));
    for (const m of searched) distances[m] = within.distanceKm[m];
  }
  return distances;
}
