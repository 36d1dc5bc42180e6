import { parseFilters } from '../schemas/filters.ts';
import type { DensityQuery } from '../schemas/analytics.ts';
import { badParameter } from '../schemas/errors.ts';
import { countPerAreaOfRows } from './district-join.ts';
import { HEX_DEFAULTS, hexDensityOfCells, hexDensityOfColumnsSteps, resolutionForEdgeKm } from './hex-density.ts';
import { coveringBbox, HEX_GRID_DEFAULTS, hexGridDensity } from './hex-grid-density.ts';
import { BANDWIDTH_RULE, silvermanBandwidthKmOf } from './kernel-bandwidth.ts';
import { KERNEL_DEFAULTS, kernelDensityOfColumnsSteps } from './kernel-density.ts';
import { buildEveryTime, keptDistrictOfRow, keptPointCells } from './per-dataset.ts';
import type { Progressive } from './progress.ts';
import { KEPT_CELLS_FINEST_RESOLUTION } from './row-cells.ts';
import type { ReportInput } from './report.ts';

const collection = <F>(features: F[]) => ({ type: 'FeatureCollection' as const, features });

/** `resolution` and `edgeKm` together, or an H3 resolution on the km grid, are a 400 before any work. */
export function checkDensityQuery(q: DensityQuery): void {
  if (q.resolution !== undefined && q.edgeKm !== undefined) throw badParameter('edgeKm', 'give resolution or edgeKm, not both');
  if (q.grid === 'km' && q.resolution !== undefined) throw badParameter('resolution', 'grid=km takes edgeKm (the cell side), not an H3 resolution');
}

/** /api/analytics/density: hexagon counts (H3 or km grid), a kernel surface with contour bands, and counts per district. */
export function* densityReport({ selection: every, query: q, ctx, perDataset = buildEveryTime }: ReportInput<DensityQuery>): Progressive<unknown> {
  checkDensityQuery(q);
  // Hexagons and the kernel are point statistics: records placed only to an area count in districts alone.
  const selection = every.pointsOnly();
  // Columns throughout (no object per organisation); the km grid alone still takes positions.
  const { lon, lat } = selection.lonLat();
  const topSectors = q.topSectors ?? HEX_DEFAULTS.topSectors;
  const kmHexagons = () => {
    const cellSideKm = q.edgeKm ?? HEX_GRID_DEFAULTS.cellSideKm;
    const positions = selection.positions();
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
  const { columns } = selection;
  const h3Hexagons = function* () {
    const sectors = { sectorBits: columns.sectorBits, sectorWords: columns.sectorWords, sectorNames: columns.vocabulary.sectors };
    // Out-of-range resolutions go this way too, to be refused there.
    if (!Number.isInteger(resolution) || resolution < 0 || resolution > KEPT_CELLS_FINEST_RESOLUTION) {
      return yield* hexDensityOfColumnsSteps({ lon, lat, ...sectors, sectorBits: selection.sectorBits() }, resolution, topSectors);
    }
    // Every row's cell is found once per data version and resolution; a request only counts its rows.
    return hexDensityOfCells(keptPointCells(perDataset, columns, resolution), selection.ids, selection.size, sectors, topSectors);
  };
  const hex = q.grid === 'km' ? kmHexagons() : { grid: 'h3' as const, ...(yield* h3Hexagons()) };
  const suggestedKm = silvermanBandwidthKmOf(lon, lat);
  const bandwidthKm = q.bandwidthKm ?? (suggestedKm === null ? KERNEL_DEFAULTS.bandwidthKm : Math.min(50, Math.max(0.05, suggestedKm)));
  const kernelOptions = { bandwidthKm, cellKm: q.kernelCellKm ?? KERNEL_DEFAULTS.cellKm, bands: q.bands ?? KERNEL_DEFAULTS.bands };
  const kernel = yield* kernelDensityOfColumnsSteps(lon, lat, kernelOptions);
  // Every row's district is found once per data version; a request only counts its rows.
  const { counts, outside } = countPerAreaOfRows(keptDistrictOfRow(perDataset, columns, ctx), every.ids, every.size, ctx.districtIndex.areas.length);
  const finer = hex.edgeKm < bandwidthKm ? { name: `hexagon edge (${hex.grid})`, km: hex.edgeKm } : { name: 'bandwidthKm', km: bandwidthKm };
  const districts = ctx.districts
    .map((d, i) => ({ code: d.properties.code, name_zh: d.properties.name_zh, name_en: d.properties.name_en, city: d.properties.city, count: counts[i] }))
    .filter((d) => d.count > 0)
    .sort((a, b) => b.count - a.count);
  return {
    total: selection.size,
    precision: every.precisionReport(finer),
    hexagons: {
      grid: hex.grid,
      ...('resolution' in hex ? { resolution: hex.resolution } : {}),
      edgeKm: hex.edgeKm,
      cells: collection(hex.cells.map((c) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [c.ring] }, properties: { ...('h3' in c ? { h3: c.h3 } : {}), count: c.count, share: c.share, top_sectors: c.topSectors } })))
    },
    kernel: {
      ...kernel,
      bandwidthSource: q.bandwidthKm === undefined ? ('data' as const) : ('given' as const),
      suggestedBandwidthKm: suggestedKm,
      bandwidthRule: BANDWIDTH_RULE,
      bands: collection(kernel.bands.map((b) => ({ type: 'Feature' as const, geometry: b.geometry, properties: { lower_per_km2: b.properties.lowerPerKm2, upper_per_km2: b.properties.upperPerKm2 } })))
    },
    districts: { counts: districts, outside }
  };
}
