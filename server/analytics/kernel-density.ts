import { featureCollection, isobands, point } from '@turf/turf';
import { KM_PER_DEG } from '../geo/geodesy.ts';
import { progressEvery, runToEnd, type Progressive } from './progress.ts';

/** Kernel radius, km; grid spacing, km; number of contour bands; most grid nodes before the spacing is widened. */
export const KERNEL_DEFAULTS = { bandwidthKm: 3, cellKm: 0.5, bands: 5, maxNodes: 40_000 } as const;

export interface KernelOptions {
  bandwidthKm: number;
  cellKm: number;
  bands: number;
  maxNodes?: number;
}

export interface KernelDensity {
  bandwidthKm: number;
  /** The grid spacing used, km (wider than asked when the asked one needs more than maxNodes nodes). */
  cellKm: number;
  /** Highest density on the grid, organisations per km². */
  maxPerKm2: number;
  /** Contour bands, each a MultiPolygon with `lowerPerKm2` and `upperPerKm2`, lowest first. */
  bands: GeoJSON.Feature<GeoJSON.MultiPolygon, { lowerPerKm2: number; upperPerKm2: number }>[];
}

const RAD = Math.PI / 180;

/** The quartic (biweight) kernel at squared distance d² for bandwidth h: 3/(πh²)·(1 − d²/h²)², per km². */
export function quarticKernel(distanceSquaredKm2: number, bandwidthKm: number): number {
  const h2 = bandwidthKm * bandwidthKm;
  if (distanceSquaredKm2 >= h2) return 0;
  const t = 1 - distanceSquaredKm2 / h2;
  return (3 / (Math.PI * h2)) * t * t;
}

/**
 * A kernel density surface of [lon, lat] points (quartic kernel, organisations per km², distances on
 * a local equirectangular plane, fine at kernel scale), contoured into equal-interval bands.
 * Grid nodes sit a whole number of cells from the first point, so a lone point lands on a node.
 */
export function* kernelDensitySteps(positions: readonly GeoJSON.Position[], options: KernelOptions): Progressive<KernelDensity> {
  return yield* kernelDensityOfColumnsSteps(Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]), options);
}

/** kernelDensitySteps of points given as longitude and latitude columns, degrees. */
export function* kernelDensityOfColumnsSteps(lon: Float64Array, lat: Float64Array, options: KernelOptions): Progressive<KernelDensity> {
  const { bandwidthKm, bands } = options;
  if (!(bandwidthKm > 0)) throw new RangeError(`bandwidthKm must be > 0; got ${bandwidthKm}`);
  if (!(options.cellKm > 0)) throw new RangeError(`cellKm must be > 0; got ${options.cellKm}`);
  if (!Number.isInteger(bands) || bands < 1) throw new RangeError(`bands must be an integer ≥ 1; got ${bands}`);
  const n = lon.length;
  if (n === 0) return { bandwidthKm, cellKm: options.cellKm, maxPerKm2: 0, bands: [] };

  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < n; i++) {
    minLon = Math.min(minLon, lon[i]); maxLon = Math.max(maxLon, lon[i]);
    minLat = Math.min(minLat, lat[i]); maxLat = Math.max(maxLat, lat[i]);
  }
  const kmPerDegLon = KM_PER_DEG * Math.cos(((minLat + maxLat) / 2) * RAD);
  const spanKm = (extent: number, kmPerDeg: number) => extent * kmPerDeg + 2 * bandwidthKm;
  const widthKm = spanKm(maxLon - minLon, kmPerDegLon), heightKm = spanKm(maxLat - minLat, KM_PER_DEG);
  const maxNodes = options.maxNodes ?? KERNEL_DEFAULTS.maxNodes;
  const cellKm = Math.max(options.cellKm, Math.sqrt((widthKm * heightKm) / maxNodes));
  const pad = Math.ceil(bandwidthKm / cellKm);
  const cols = Math.ceil((maxLon - minLon) * kmPerDegLon / cellKm) + 2 * pad + 1;
  const rows = Math.ceil((maxLat - minLat) * KM_PER_DEG / cellKm) + 2 * pad + 1;
  const west = minLon - (pad * cellKm) / kmPerDegLon, south = minLat - (pad * cellKm) / KM_PER_DEG;
  const density = new Float64Array(cols * rows);

  // Each point adds its kernel to the nodes within one bandwidth of it.
  const every = progressEvery(n);
  for (let i = 0; i < n; i++) {
    const xKm = (lon[i] - west) * kmPerDegLon, yKm = (lat[i] - south) * KM_PER_DEG;
    const c0 = Math.max(0, Math.ceil((xKm - bandwidthKm) / cellKm)), c1 = Math.min(cols - 1, Math.floor((xKm + bandwidthKm) / cellKm));
    const r0 = Math.max(0, Math.ceil((yKm - bandwidthKm) / cellKm)), r1 = Math.min(rows - 1, Math.floor((yKm + bandwidthKm) / cellKm));
    for (let r = r0; r <= r1; r++) {
      const dy = r * cellKm - yKm;
      for (let c = c0; c <= c1; c++) {
        const dx = c * cellKm - xKm;
        density[r * cols + c] += quarticKernel(dx * dx + dy * dy, bandwidthKm);
      }
    }
    if (i % every === 0) yield 0.7 * (i / n);
  }
  const maxPerKm2 = density.reduce((m, v) => Math.max(m, v), 0);

  // Equal-interval breaks from max/(bands+1) up to the peak, nudged up so the peak node is inside the top band.
  const breaks = Array.from({ length: bands + 1 }, (_, k) => (maxPerKm2 * (k + 1)) / (bands + 1));
  breaks[bands] = maxPerKm2 * (1 + 1e-9);
  const nodes = featureCollection(
    Array.from(density, (perKm2, i) => point([west + ((i % cols) * cellKm) / kmPerDegLon, south + (Math.floor(i / cols) * cellKm) / KM_PER_DEG], { perKm2 }))
  );
  yield 0.8;
  const contours = isobands(nodes, breaks, { zProperty: 'perKm2' });
  const bandFeatures = contours.features.map((f, k) => ({
    type: 'Feature' as const,
    geometry: f.geometry,
    properties: { lowerPerKm2: breaks[k], upperPerKm2: Math.min(breaks[k + 1], maxPerKm2) }
  }));
  return { bandwidthKm, cellKm, maxPerKm2, bands: bandFeatures };
}

/** Kernel density without progress; see kernelDensitySteps. */
export function kernelDensity(positions: readonly GeoJSON.Position[], options: KernelOptions): KernelDensity {
  return runToEnd(kernelDensitySteps(positions, options));
}
