import type { Catalog } from '../catalog/catalog.ts';
import { snapshotKey, type ColumnSnapshots } from './column-snapshots.ts';
import type { ImportedTable } from '../import/import-job.ts';
import { concatTables, joinTables, rangeOf, TABLE_CHUNK_ROWS, tableOf, type OrganizationTable, type TableRange } from '../catalog/organization-table.ts';
import type { DatasetRepository } from './repository.ts';
import type { StoredTableReader } from './stored-table-reader.ts';

/** Datasets of at least this many records are read into columns on a worker (at 20,000 the read takes the main thread ~0.3 s). */
export const READ_IN_WORKER_MIN_ROWS = 20_000;

/**
 * Keeps the catalog's copy of each user dataset equal to the store's current version. Reloads of one
 * dataset run one after another, so a slow old read can never overwrite a newer one; a reload that
 * finds the version already in the catalog changes nothing, so the instance that wrote (and
 * refreshed at once) does not flush its caches again when its own NOTIFY comes back.
 */
export class DatasetSync {
  /** Dataset id → the version the catalog holds. */
  private readonly applied = new Map<string, number>();
  /** Dataset id → the latest reload queued, started or not. */
  private readonly latest = new Map<string, Promise<void>>();
  /** Dataset id → a queued reload that has not started yet, which later requests can share. */
  private readonly waiting = new Map<string, Promise<void>>();

  constructor(
    private readonly catalog: Pick<Catalog, 'setImportedTable' | 'vocabulary' | 'organizationTable' | 'importedParts' | 'installJoined'>,
    private readonly datasets: Pick<DatasetRepository, 'list' | 'get' | 'featureChunks'>,
    /** Where each dataset's columns are kept between runs; without it every start reads the records. */
    private readonly snapshots?: ColumnSnapshots,
    private readonly onSnapshotError: (error: Error) => void = () => undefined,
    /** Reads large datasets' records (SQLite) and joins the catalog's table on a worker thread; without it, here. */
    private readonly reader?: Pick<StoredTableReader, 'load' | 'joinWithTree'>,
    /** Datasets of at least this many records are loaded and joined by `reader`; smaller ones cost less here than a thread's start. */
    private readonly readInWorkerMinRows = READ_IN_WORKER_MIN_ROWS,
    /** What the reader has to say (a snapshot not used and why, one not written). */
    private readonly onNote: (message: string) => void = () => undefined
  ) {}

  /** Resolves once the catalog holds a version of dataset `id` at least as new as when this was called. */
  refresh(id: string): Promise<void> {
    const waiting = this.waiting.get(id);
    if (waiting) return waiting;
    const previous = this.latest.get(id)?.catch(() => undefined) ?? Promise.resolve();
    const reload = previous.then(() => {
      this.waiting.delete(id);
      return this.reload(id);
    });
    this.waiting.set(id, reload);
    this.latest.set(id, reload);
    const forget = () => {
      if (this.latest.get(id) === reload) this.latest.delete(id);
    };
    reload.then(forget, forget);
    return reload;
  }

  /**
   * Hands the catalog the table of the records a write just stored as `version` of dataset `id`, instead of
   * reading them back (an import's path: the import worker made the table). Queued like a reload; a newer
   * version already in the catalog wins.
   */
  adopt(id: string, version: number, imported: ImportedTable, joinElsewhere?: (parts: TableRange[]) => Promise<OrganizationTable>): Promise<void> {
    const previous = this.latest.get(id)?.catch(() => undefined) ?? Promise.resolve();
    const adoption = previous.then(async () => {
      if ((this.applied.get(id) ?? 0) >= version) return;
      // The next start loads these columns from the snapshot instead of reading the records; written from the
      // worker's own table (no copy) with the hash the worker computed, so this thread only writes bytes. It is
      // written while the join runs on its worker (disk and CPU at once; a second or more each at a million rows):
      // nothing else of this dataset runs until the adoption ends, so no newer version can be installed meanwhile.
      const snapshotWritten = this.writeAdoptedSnapshot(id, version, imported);
      if (await this.install(id, imported.table, () => (this.applied.get(id) ?? 0) >= version, joinElsewhere)) this.applied.set(id, version);
      await snapshotWritten;
    });
    this.latest.set(id, adoption);
    const forget = () => {
      if (this.latest.get(id) === adoption) this.latest.delete(id);
    };
    adoption.then(forget, forget);
    return adoption;
  }

  /** The snapshot of an adopted table, if the store still holds that very version; a failure is reported, not thrown. */
  private async writeAdoptedSnapshot(id: string, version: number, imported: ImportedTable): Promise<void> {
    try {
      const summary = this.snapshots && (await this.datasets.get(id));
      if (!summary || summary.version !== version) return;
      const range = { table: imported.table, start: 0, end: imported.table.columns.size };
      await this.snapshots!.write(id, snapshotKey(summary), range, imported.payloadSha256);
    } catch (error) {
      this.onSnapshotError(error as Error);
    }
  }

  /** Refreshes every dataset in the store (at start, and when notifications may have been missed). */
  async refreshAll(): Promise<void> {
    const datasets = await this.datasets.list();
    await Promise.all(datasets.map((d) => this.refresh(d.id)));
    await this.snapshots?.keepOnly(new Set(datasets.map((d) => d.id))).catch(this.onSnapshotError);
  }

  /**
   * Makes `table` dataset `id`'s rows in the catalog, the join and its KD-tree (a second or more at a million rows)
   * off this thread when a worker is offered; if the catalog changed meanwhile, the join is made again here against
   * what it holds now. False when `superseded` says a newer version arrived meanwhile (nothing installed).
   */
  private async install(id: string, table: OrganizationTable, superseded: () => boolean, joinElsewhere?: (parts: TableRange[]) => Promise<OrganizationTable>): Promise<boolean> {
    const base = this.catalog.organizationTable;
    const joined = joinElsewhere && (await joinElsewhere(this.catalog.importedParts(id, table)).catch(() => undefined));
    if (superseded()) return false;
    if (!joined || !this.catalog.installJoined(id, base, joined)) this.catalog.setImportedTable(id, table);
    return true;
  }

  private async reload(id: string): Promise<void> {
    // The version is read before the records: if a write lands in between, the records are newer than the version
    // noted, and the write's own notification reloads them once more rather than being skipped.
    const summary = await this.datasets.get(id);
    // Another database schema on the same server shares the channel; its ids are not ours.
    if (!summary || this.applied.get(id) === summary.version) return;
    // A snapshot made from this very version loads the columns as they were; otherwise the records are read and the snapshot rewritten.
    const key = snapshotKey(summary);
    const superseded = () => (this.applied.get(id) ?? 0) > summary.version;
    const worker = this.reader && summary.records >= this.readInWorkerMinRows ? this.reader : undefined;
    let snapshotTried = false;
    if (worker && this.snapshots) {
      // All of it on the worker: the dataset's own table never reaches this thread (see loadDataset).
      const base = this.catalog.organizationTable;
      const loaded = await worker
        .load({ datasetId: id, version: summary.version, records: summary.records, key, snapshotDir: this.snapshots.dir, current: base })
        .catch((error: Error) => ({ failed: true, notes: [`dataset ${id} could not be loaded on a worker (${error.message}); loading it on the main thread`] }));
      for (const note of loaded.notes) this.onNote(note);
      // The dataset changed between the two reads (its version is no longer the one noted): read it again.
      if ('stale' in loaded) return this.reload(id);
      if ('joined' in loaded) {
        if (superseded()) return;
        // The catalog changed meanwhile: the dataset's rows, cut from the joined table, are joined again here.
        if (!this.catalog.installJoined(id, base, loaded.joined)) this.catalog.setImportedTable(id, joinTables([rangeOf(loaded.joined, id)!], this.catalog.vocabulary, { tree: false }));
        this.applied.set(id, summary.version);
        return;
      }
      snapshotTried = 'unread' in loaded;
    }
    const fromSnapshot = snapshotTried ? undefined : await this.snapshots?.read(id, key);
    const table = fromSnapshot ?? (await this.readHere(id));
    if (!(await this.install(id, table, superseded, worker && ((parts) => worker.joinWithTree(parts))))) return;
    this.applied.set(id, summary.version);
    if (!fromSnapshot) await this.snapshots?.write(id, key, { table, start: 0, end: table.columns.size }).catch(this.onSnapshotError);
  }

  /** Dataset `id`'s records read on this thread (PostgreSQL, and small datasets). */
  private async readHere(id: string): Promise<OrganizationTable> {
    // The columns are built a chunk of records at a time, so a million parsed features never exist at once.
    const chunks: OrganizationTable[] = [];
    await this.datasets.featureChunks(id, TABLE_CHUNK_ROWS, (features) => void chunks.push(tableOf(features, this.catalog.vocabulary, id)));
    const table = concatTables(chunks, this.catalog.vocabulary, id);
    chunks.length = 0;
    return table;
  }
}
