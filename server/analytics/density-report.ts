import { parseFilters } from '../schemas/filters.ts';
import type { DensityQuery } from '../schemas/analytics.ts';
import { badParameter } from '../schemas/errors.ts';
import { countPerArea } from './district-join.ts';
import { HEX_DEFAULTS, hexDensitySteps, resolutionForEdgeKm } from './hex-density.ts';
import { coveringBbox, HEX_GRID_DEFAULTS, hexGridDensity } from './hex-grid-density.ts';
import { KERNEL_DEFAULTS, kernelDensitySteps } from './kernel-density.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

const collection = <F>(features: F[]) => ({ type: 'FeatureCollection' as const, features });

/** `resolution` and `edgeKm` together, or an H3 resolution on the km grid, are a 400 before any work. */
export function checkDensityQuery(q: DensityQuery): void {
  if (q.resolution !== undefined && q.edgeKm !== undefined) throw badParameter('edgeKm', 'give resolution or edgeKm, not both');
  if (q.grid === 'km' && q.resolution !== undefined) throw badParameter('resolution', 'grid=km takes edgeKm (the cell side), not an H3 resolution');
}

/** /api/analytics/density: hexagon counts (H3 or km grid), a kernel surface with contour bands, and counts per district. */
export function* densityReport({ selection, query: q, ctx }: ReportInput<DensityQuery>): Progressive<unknown> {
  checkDensityQuery(q);
  const positions = selection.positions();
  const topSectors = q.topSectors ?? HEX_DEFAULTS.topSectors;
  const kmHexagons = () => {
    const cellSideKm = q.edgeKm ?? HEX_GRID_DEFAULTS.cellSideKm;
    const bbox = coveringBbox(positions, cellSideKm, parseFilters(q, ctx.vocabulary).bbox);
    if (!bbox) return { grid: 'km' as const, edgeKm: cellSideKm, cells: [] };
    try {
      const sectorLists = selection.points().map((o) => o.properties.sectors);
      const { cells } = hexGridDensity(positions, bbox, cellSideKm, { sectorLists, topSectors });
      return { grid: 'km' as const, edgeKm: cellSideKm, cells };
    } catch (err) {
      throw err instanceof RangeError ? badParameter('edgeKm', err.message) : err;
    }
  };
  const resolution = q.edgeKm !== undefined ? resolutionForEdgeKm(q.edgeKm) : (q.resolution ?? HEX_DEFAULTS.resolution);
  const hex = q.grid === 'km' ? kmHexagons() : { grid: 'h3' as const, ...(yield* hexDensitySteps(selection.points(), resolution, topSectors)) };
  const kernelOptions = { bandwidthKm: q.bandwidthKm ?? KERNEL_DEFAULTS.bandwidthKm, cellKm: q.kernelCellKm ?? KERNEL_DEFAULTS.cellKm, bands: q.bands ?? KERNEL_DEFAULTS.bands };
  const kernel = yield* kernelDensitySteps(positions, kernelOptions);
  const { counts, outside } = countPerArea(ctx.districtIndex, positions);
  const districts = ctx.districts
    .map((d, i) => ({ code: d.properties.code, name_zh: d.properties.name_zh, name_en: d.properties.name_en, city: d.properties.city, count: counts[i] }))
    .filter((d) => d.count > 0)
    .sort((a, b) => b.count - a.count);
  return {
    total: selection.size,
    hexagons: {
      grid: hex.grid,
      ...('resolution' in hex ? { resolution: hex.resolution } : {}),
      edgeKm: hex.edgeKm,
      cells: collection(hex.cells.map((c) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [c.ring] }, properties: { ...('h3' in c ? { h3: c.h3 } : {}), count: c.count, share: c.share, top_sectors: c.topSectors } })))
    },
    kernel: {
      ...kernel,
      bands: collection(kernel.bands.map((b) => ({ type: 'Feature' as const, geometry: b.geometry, properties: { lower_per_km2: b.properties.lowerPerKm2, upper_per_km2: b.properties.upperPerKm2 } })))
    },
    districts: { counts: districts, outside }
  };
}
