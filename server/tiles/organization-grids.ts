/**
 * The organisations' point grids for one data version: the grid of every drawable point, built
 * once (in a worker thread for a large register, so the main thread keeps answering while a
 * million points sort), and the grids of recent filters, each cut from it in one pass. A tile then
 * costs what it shows: a low-zoom tile reads its 256 cells from prefix sums, a deep tile scans only
 * its own points.
 */
import { Worker } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import type { OrganizationIndex } from '../catalog/organization-index.ts';
import { filtersKey, type Filters } from '../schemas/filters.ts';
import { PointGrid, pointGridArrays, POINT_GRID_DEFAULTS, type GridFeature, type PointGridArrays } from './point-grid.ts';
import type { PointGridJob } from './point-grid-worker.ts';
import type { TileCoords } from './tile-path.ts';

export const ORGANIZATION_GRID_DEFAULTS = {
  /** Registers up to this many points are sorted on the main thread (a few ms; a worker's start costs more). */
  inlineMax: 20_000,
  /** A filtered tile with at most this many points under it is scanned with the filter; a larger one reads the filter's own grid. */
  filteredScanMax: 20_000,
  /** Bytes of filtered grids kept (an LRU over filter combinations). */
  filteredBytes: 96 * 1024 * 1024,
  /** Points tested between two turns of the event loop while a filter's own grid is cut (~1 ms of work). */
  cutSlice: 65_536
};

/** Whether any filter that applies to organisations is set (park kinds do not). */
export function filtersOrganizations(f: Filters): boolean {
  return !!(f.cities || f.sectors || f.types || f.q || f.bbox || f.near);
}

export class OrganizationGrids {
  private grid?: PointGrid;
  private building?: Promise<void>;
  private worker?: Worker;
  private readonly options: typeof ORGANIZATION_GRID_DEFAULTS;
  private readonly filtered: LRUCache<string, PointGrid>;
  /** Filtered grids being cut, by filter key: concurrent tiles of one new filter wait for the same cut. */
  private readonly cutting = new Map<string, Promise<void>>();

  constructor(
    private readonly index: OrganizationIndex,
    options: Partial<typeof ORGANIZATION_GRID_DEFAULTS> = {}
  ) {
    this.options = { ...ORGANIZATION_GRID_DEFAULTS, ...options };
    this.filtered = new LRUCache({ maxSize: this.options.filteredBytes, sizeCalculation: (g) => Math.max(1, g.byteLength) });
  }

  /** Resolves once the grid is built; starts building it (off the main thread when large) on the first call. */
  ready(): Promise<void> {
    if (this.grid) return Promise.resolve();
    this.building ??= this.index.size <= this.options.inlineMax ? Promise.resolve(void this.base()) : this.buildInWorker();
    return this.building;
  }

  /**
   * Gets a filtered tile ready: when the tile has many points under it, the filter's own grid is
   * cut (once per filter), a slice at a time, so that health checks and cached tiles are answered
   * between the slices instead of waiting for a pass over a million rows.
   */
  async prepare(coords: TileCoords, filters?: Filters): Promise<void> {
    await this.ready();
    if (!filters || !filtersOrganizations(filters) || !this.needsOwnGrid(coords, filters)) return;
    const key = filtersKey(filters);
    let cutting = this.cutting.get(key);
    if (!cutting) {
      cutting = this.cut(key, filters).finally(() => this.cutting.delete(key));
      this.cutting.set(key, cutting);
    }
    await cutting;
  }

  /** The tile's features passing `filters`; what `ready`/`prepare` have not made yet is made here, on this thread. */
  tileFeatures(coords: TileCoords, filters?: Filters): GridFeature[] {
    const grid = this.base();
    if (!filters || !filtersOrganizations(filters)) return grid.tileFeatures(coords);
    const key = filtersKey(filters);
    const own = this.filtered.get(key);
    if (own) return own.tileFeatures(coords);
    const accept = this.acceptor(filters);
    if (!this.needsOwnGrid(coords, filters)) return grid.tileFeatures(coords, accept);
    const subset = grid.subset(accept);
    this.filtered.set(key, subset);
    return subset.tileFeatures(coords);
  }

  /** Stops a build still running in its worker (the data changed, or the server closes). */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private needsOwnGrid(coords: TileCoords, filters: Filters): boolean {
    return !this.filtered.has(filtersKey(filters)) && this.base().runLength(coords) > this.options.filteredScanMax;
  }

  private acceptor(filters: Filters): (id: number) => boolean {
    const compiled = this.index.compile(filters);
    return (id) => this.index.matches(id, compiled);
  }

  private async cut(key: string, filters: Filters): Promise<void> {
    const steps = this.base().subsetSteps(this.acceptor(filters), this.options.cutSlice);
    for (;;) {
      const step = steps.next();
      if (step.done) {
        this.filtered.set(key, step.value);
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private base(): PointGrid {
    this.grid ??= new PointGrid(this.sorted());
    return this.grid;
  }

  private sorted(): PointGridArrays {
    return pointGridArrays(this.index.lon, this.index.lat, this.skipped(), POINT_GRID_DEFAULTS.keyZoom);
  }

  /** Records placed by address stand for an area (counted per area in /api/analytics/areas), never drawn as a pin. */
  private skipped(): Uint8Array | undefined {
    return this.index.hasAreaPlaced ? this.index.columns.areaPlaced : undefined;
  }

  private buildInWorker(): Promise<void> {
    const { lon, lat, areaPlaced } = this.index.columns;
    const job: PointGridJob = { lon, lat, skip: areaPlaced, keyZoom: POINT_GRID_DEFAULTS.keyZoom };
    const worker = new Worker(new URL('./point-grid-entry.mjs', import.meta.url), { workerData: job });
    // A build in progress must not keep a finished process alive.
    worker.unref();
    this.worker = worker;
    return new Promise<void>((resolve) => {
      const done = () => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        resolve();
      };
      worker.once('message', (arrays: PointGridArrays) => {
        this.grid ??= new PointGrid(arrays);
        done();
      });
      // A worker that fails (or is stopped) leaves the grid to be built on the main thread by the next tile.
      worker.once('error', done);
      worker.once('exit', done);
    });
  }
}
