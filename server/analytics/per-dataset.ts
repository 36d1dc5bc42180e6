import type { OrganizationColumns } from '../catalog/organization-columns.ts';
import { catchmentOfPark, PROFILE_DEFAULTS, type ProfileCatchment } from '../catalog/park-profile.ts';
import type { ParkFeature } from '../schemas/places.ts';
import { areaOfEachPointOf } from './district-join.ts';
import type { KeptLookups } from './kept-lookups-file.ts';
import { HEX_DEFAULTS } from './hex-density.ts';
import { nearestNeighbourSearch, type NearestNeighbours, type NearestNeighbourSearch } from './nearest-neighbour.ts';
import { profileCatchment } from './park-catchment.ts';
import { runToEnd } from './progress.ts';
import type { ReportContext } from './report-context.ts';
import type { ReportInput } from './report.ts';
import { pointCellsSteps, type PointCells } from './row-cells.ts';
import { membersBySector, sectorNearestDistancesKm } from './sector-nearest.ts';
import { Selection } from './selection.ts';

/**
 * What reports find once per data version and keep (in each worker, see ReportInput.perDataset),
 * so that a request only counts its rows: each row's H3 cell, each row's district, each
 * point-placed organisation's nearest neighbour, the precision counts of every row, and what each
 * park's profile counts. One key and builder per lookup, shared by the
 * reports and by prepareDataset, which a worker runs as soon as the data changes.
 */
export type PerDataset = NonNullable<ReportInput<never>['perDataset']>;

/** Builds every time: for callers with nothing to keep things in (tests, one-off runs). */
export const buildEveryTime: PerDataset = (_key, build) => build();

/** Each row's H3 cell at `resolution` (every row, area-placed ones included). */
export function keptPointCells(perDataset: PerDataset, columns: OrganizationColumns, resolution: number): PointCells {
  return perDataset(`h3-cells-${resolution}`, () => runToEnd(pointCellsSteps(columns.lon, columns.lat, columns.size, resolution)));
}

/** Each row's district (index into ctx.districts, or −1 outside them all). */
export function keptDistrictOfRow(perDataset: PerDataset, columns: OrganizationColumns, ctx: ReportContext): Int32Array {
  return perDataset('district-of-row', () => areaOfEachPointOf(ctx.districtIndex, columns.lon.subarray(0, columns.size), columns.lat.subarray(0, columns.size)));
}

/**
 * Each organisation's nearest neighbour among all organisations placed as points, indexed as in
 * `new Selection(columns, null).pointsOnly()`: the unfiltered NNI's overall search.
 */
export function keptNearestOfAllPoints(perDataset: PerDataset, columns: OrganizationColumns): NearestNeighbours {
  const kept = keptNearestInSlices(perDataset, columns);
  // The searches the preparation has not run yet (all of them, with nothing kept).
  searchNearestUpTo(kept, kept.searches);
  return kept.result;
}

/** keptNearestOfAllPoints' searches, run a slice at a time by the preparation. */
interface NearestInSlices {
  result: NearestNeighbours;
  searches: number;
  /** Until every search has run: the tree and the search's scratch (tens of MB at a million points), let go once done. */
  search?: NearestNeighbourSearch;
}

function keptNearestInSlices(perDataset: PerDataset, columns: OrganizationColumns): NearestInSlices {
  return perDataset('nearest-of-all-points', () => {
    const { lon, lat } = new Selection(columns, null).pointsOnly().lonLat();
    const search = nearestNeighbourSearch(lon, lat);
    return { result: search.result, searches: search.searches, search };
  });
}

function searchNearestUpTo(kept: NearestInSlices, end: number): void {
  kept.search?.searchUpTo(end);
  if (end >= kept.searches) kept.search = undefined;
}

/**
 * The slices the nearest-neighbour preparation is cut into after its tree, each a share of the searches: at a
 * million organisations all of it is 1.4–1.6 s of CPU, and a report asked meanwhile waits for the slice that
 * is running, not for the whole of it. The answers are the same however the searches are split.
 */
const NEAREST_SLICES = ['nearest-1', 'nearest-2', 'nearest-3', 'nearest-4'] as const;

/** Sector `code`'s members' nearest-neighbour distances among themselves (`search` finds them): the unfiltered NNI's per-sector part. */
export function keptSectorNearestKm(perDataset: PerDataset, code: number, search: () => Float64Array): Float64Array {
  return perDataset(`sector-nearest-${code}`, search);
}

/**
 * The per-sector searches of the unfiltered NNI (about as much CPU as the overall one at a million organisations),
 * in slices of the sector codes, as nniReport runs them.
 */
const SECTOR_NEAREST_SLICES = ['sector-nearest-1', 'sector-nearest-2', 'sector-nearest-3'] as const;

function prepareSectorNearest(perDataset: PerDataset, columns: OrganizationColumns, slice: number): void {
  // Found only when a sector of the slice is not kept yet (they all are once read from a lookups file).
  let inputs: { lon: Float64Array; lat: Float64Array; nearest: NearestNeighbours; members: ReturnType<typeof membersBySector>; memberAt: Int32Array } | undefined;
  const inputsOnce = () => {
    if (inputs) return inputs;
    const selection = new Selection(columns, null).pointsOnly();
    const { lon, lat } = selection.lonLat();
    inputs = { lon, lat, nearest: keptNearestOfAllPoints(perDataset, columns), members: membersBySector(selection), memberAt: new Int32Array(selection.size).fill(-1) };
    return inputs;
  };
  for (let code = slice; code < columns.vocabulary.sectors.length; code += SECTOR_NEAREST_SLICES.length) {
    keptSectorNearestKm(perDataset, code, () => {
      const { members, lon, lat, nearest, memberAt } = inputsOnce();
      return sectorNearestDistancesKm(members[code], lon, lat, nearest, memberAt);
    });
  }
}

/** What a park's profile counts among every organisation (its total, per sector, the first ids): see catchmentOfPark. */
export function keptParkCatchment(perDataset: PerDataset, columns: OrganizationColumns, park: ParkFeature): ProfileCatchment {
  return perDataset(`park-catchment-${park.properties.id}`, () => {
    const { around, radiusKm } = catchmentOfPark(park);
    return profileCatchment(columns, around, radiusKm, PROFILE_DEFAULTS.maxIds);
  });
}

/** The lookups the default reports need, cheapest first: a worker prepares them one at a time (see AnalyticsPool.prepare). */
export const PREPARE_STEPS = ['precision', 'park-catchments', 'h3-cells', 'districts', 'nearest-tree', ...NEAREST_SLICES, ...SECTOR_NEAREST_SLICES] as const;
export type PrepareStep = (typeof PREPARE_STEPS)[number];

const isNearestSlice = (step: PrepareStep): step is (typeof NEAREST_SLICES)[number] => (NEAREST_SLICES as readonly string[]).includes(step);
const isSectorNearestSlice = (step: PrepareStep): step is (typeof SECTOR_NEAREST_SLICES)[number] => (SECTOR_NEAREST_SLICES as readonly string[]).includes(step);

/** Finds and keeps one lookup the default reports need, before any request asks. */
export function prepareDataset(step: PrepareStep, perDataset: PerDataset, columns: OrganizationColumns, ctx: ReportContext): void {
  if (step === 'h3-cells') keptPointCells(perDataset, columns, HEX_DEFAULTS.resolution);
  else if (step === 'districts') keptDistrictOfRow(perDataset, columns, ctx);
  else if (step === 'nearest-tree') keptNearestInSlices(perDataset, columns);
  else if (isNearestSlice(step)) {
    const kept = keptNearestInSlices(perDataset, columns);
    searchNearestUpTo(kept, Math.ceil((kept.searches * (NEAREST_SLICES.indexOf(step) + 1)) / NEAREST_SLICES.length));
  } else if (isSectorNearestSlice(step)) prepareSectorNearest(perDataset, columns, SECTOR_NEAREST_SLICES.indexOf(step));
  else if (step === 'park-catchments') for (const park of ctx.parks) keptParkCatchment(perDataset, columns, park);
  // Every report's precision counts over every row (kept by the Selection itself).
  else new Selection(columns, null, perDataset).precisionReport({ name: '', km: 0 });
}

/** The lookups kept on disk (server/analytics/kept-lookups-file.ts) of this data version, found first where not kept yet. */
export function keptLookupsOf(perDataset: PerDataset, columns: OrganizationColumns, ctx: ReportContext): KeptLookups {
  SECTOR_NEAREST_SLICES.forEach((_, slice) => prepareSectorNearest(perDataset, columns, slice));
  const notFound = (): Float64Array => {
    throw new Error('a sector lookup was not kept');
  };
  return {
    pointCells: keptPointCells(perDataset, columns, HEX_DEFAULTS.resolution),
    districtOfRow: keptDistrictOfRow(perDataset, columns, ctx),
    nearest: keptNearestOfAllPoints(perDataset, columns),
    sectorNearestKm: columns.vocabulary.sectors.map((_, code) => keptSectorNearestKm(perDataset, code, notFound))
  };
}

/** Keeps lookups read from disk as if this worker had found them: the reports and prepareDataset then only read them. */
export function restoreKeptLookups(perDataset: PerDataset, lookups: KeptLookups): void {
  perDataset(`h3-cells-${lookups.pointCells.resolution}`, () => lookups.pointCells);
  perDataset('district-of-row', () => lookups.districtOfRow);
  perDataset('nearest-of-all-points', (): NearestInSlices => ({ result: lookups.nearest, searches: lookups.nearest.distanceKm.length }));
  lookups.sectorNearestKm.forEach((distances, code) => keptSectorNearestKm(perDataset, code, () => distances));
}
