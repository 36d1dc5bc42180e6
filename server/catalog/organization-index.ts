import KDBush from 'kdbush';
import { haversineTerm, haversineTermOfKm } from '../geo/geodesy.ts';
import { bboxAroundKm } from '../geo/radius-bbox.ts';
import type { FilterVocabulary, Filters } from '../schemas/filters.ts';
import { normalizeForSearch } from './filter.ts';
import { NameSearch, searchTextOfRow } from './name-search.ts';
import type { NameSearchMemory } from './name-search-worker.ts';
import { IdLookup } from './id-lookup.ts';
import type { OrganizationColumns } from './organization-columns.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { joinTables, tableOf, type OrganizationTable } from './organization-table.ts';

/**
 * Filters compiled to lookup tables over vocabulary codes, so testing one of a million
 * organisations is a few typed-array reads instead of Set lookups on strings.
 */
export interface CompiledFilters {
  cities?: Uint8Array;
  types?: Uint8Array;
  /** Sector bits, one 32-bit word per 32 sectors. */
  sectorMask?: Uint32Array;
  terms?: string[];
  /** 1 for each row whose names hold every term, when the name search has answered for them (see `prepareNames`). */
  nameRows?: Uint8Array;
  bbox?: Filters['bbox'];
  /** "within radiusKm": the centre in radians and the haversine term of the radius */
  near?: { lonRad: number; latRad: number; cosLat: number; maxTerm: number };
}

const RAD = Math.PI / 180;
/** How many `q` answers `prepareNames` keeps (one byte per organisation each). */
const NAME_ROWS_KEPT = 8;

/** Whether `q` is the only filter set (besides paging): then the name search's rows are the answer. */
function onlyQ(filters: Filters): boolean {
  return !filters.cities && !filters.sectors && !filters.types && !filters.bbox && !filters.near;
}

function codeTable(vocabulary: readonly string[], selected: ReadonlySet<string> | undefined): Uint8Array | undefined {
  if (!selected) return undefined;
  return Uint8Array.from(vocabulary, (v) => (selected.has(v) ? 1 : 0));
}

/** Columns over the organisations (codes, sector bits, coordinates) plus a KD-tree for bbox queries. */
export class OrganizationIndex {
  readonly tree: KDBush;
  /** The same data as shared columns, for the analytics workers. */
  readonly columns: OrganizationColumns;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  private readonly cityCode: Uint8Array;
  private readonly typeCode: Uint8Array;
  private readonly sectorBits: Uint32Array;
  private readonly sectorWords: number;
  private readonly sectorCode: Map<string, number>;
  private searchTexts?: string[];
  private ids?: IdLookup;
  /** The n-gram name index for `q`, built off the main thread when the register is large. */
  private readonly names: NameSearch;
  /** Rows matching recent `q`s (by normalised q), from `prepareNames`. */
  private readonly nameRows = new Map<string, Uint8Array>();
  /** 1 where a record was placed at the centre of an area by its address (absent when none was). */
  private readonly areaPlaced?: Uint8Array;

  /** `table` must have its KD-tree built (joinTables with `tree`). */
  constructor(
    readonly table: OrganizationTable,
    private readonly vocabulary: FilterVocabulary
  ) {
    this.columns = table.columns;
    ({ lon: this.lon, lat: this.lat, cityCode: this.cityCode, typeCode: this.typeCode, sectorBits: this.sectorBits, sectorWords: this.sectorWords } = this.columns);
    this.sectorCode = new Map(vocabulary.sectors.map((s, i) => [s, i]));
    this.tree = KDBush.from(this.columns.tree);
    this.areaPlaced = this.columns.areaPlaced.includes(1) ? this.columns.areaPlaced : undefined;
    this.names = new NameSearch(table);
  }

  /** An index over `features` alone (tests and benchmarks; the catalog joins its tables itself). */
  static of(features: readonly OrganizationFeature[], vocabulary: FilterVocabulary): OrganizationIndex {
    return new OrganizationIndex(joinTables([{ table: tableOf(features, vocabulary, null), start: 0, end: features.length }], vocabulary, { tree: true }), vocabulary);
  }

  get size(): number {
    return this.columns.size;
  }

  /** Whether any record stands for an area (placed by address) rather than a located point. */
  get hasAreaPlaced(): boolean {
    return this.areaPlaced !== undefined;
  }

  /** True when record i is a located point, false when its point only stands for an area. */
  isPoint(i: number): boolean {
    return this.areaPlaced === undefined || this.areaPlaced[i] === 0;
  }

  /** Turns parsed filters into the lookup tables `matches` reads. */
  compile(filters: Filters): CompiledFilters {
    const terms = filters.q ? normalizeForSearch(filters.q).split(' ') : undefined;
    let sectorMask: Uint32Array | undefined;
    if (filters.sectors) {
      sectorMask = new Uint32Array(this.sectorWords);
      for (const s of filters.sectors) {
        const code = this.sectorCode.get(s);
        if (code !== undefined) sectorMask[code >> 5] |= 1 << (code & 31);
      }
    }
    return {
      cities: codeTable(this.vocabulary.cities, filters.cities),
      types: codeTable(this.vocabulary.types, filters.types),
      sectorMask,
      terms,
      nameRows: terms && this.nameRows.get(terms.join(' ')),
      bbox: filters.bbox,
      near: filters.near && {
        lonRad: filters.near.lonLat[0] * RAD,
        latRad: filters.near.lonLat[1] * RAD,
        cosLat: Math.cos(filters.near.lonLat[1] * RAD),
        maxTerm: haversineTermOfKm(filters.near.radiusKm)
      }
    };
  }

  /** True when organisation i passes every compiled filter. */
  matches(i: number, f: CompiledFilters): boolean {
    if (f.cities && f.cities[this.cityCode[i]] !== 1) return false;
    if (f.types && f.types[this.typeCode[i]] !== 1) return false;
    if (f.sectorMask) {
      let any = 0;
      for (let w = 0; w < this.sectorWords; w++) any |= this.sectorBits[i * this.sectorWords + w] & f.sectorMask[w];
      if (any === 0) return false;
    }
    if (f.bbox) {
      const [minLon, minLat, maxLon, maxLat] = f.bbox;
      if (this.lon[i] < minLon || this.lon[i] > maxLon || this.lat[i] < minLat || this.lat[i] > maxLat) return false;
    }
    if (f.near) {
      const latRad = this.lat[i] * RAD;
      if (haversineTerm(f.near.lonRad, f.near.latRad, f.near.cosLat, this.lon[i] * RAD, latRad, Math.cos(latRad)) > f.near.maxTerm) return false;
    }
    if (f.nameRows) {
      if (f.nameRows[i] !== 1) return false;
    } else if (f.terms) {
      const text = this.searchText(i);
      for (const t of f.terms) if (!text.includes(t)) return false;
    }
    return true;
  }

  /**
   * Rows (ascending) of every organisation passing the filters. A text
   * search here reads every name (for callers that cannot wait); requests use `search`.
   */
  matching(filters: Filters): number[] {
    const compiled = this.compile(filters);
    const out: number[] = [];
    // The KD-tree narrows a bbox or a distance filter to the points in its box first.
    const box = filters.near ? bboxAroundKm(filters.near.lonLat, filters.near.radiusKm) : filters.bbox;
    if (box) {
      const candidates = this.tree.range(...box).sort((a, b) => a - b);
      for (const i of candidates) if (i < this.size && this.matches(i, compiled)) out.push(i);
      return out;
    }
    for (let i = 0; i < this.size; i++) if (this.matches(i, compiled)) out.push(i);
    return out;
  }

  /**
   * Like `matching`, but a text search (`q`) asks the name index (NameSearch: off the main thread
   * for a large register) for its rows first, then applies the other filters to those.
   */
  async search(filters: Filters): Promise<ArrayLike<number>> {
    if (!filters.q) return this.matching(filters);
    const compiled = this.compile(filters);
    const named = await this.names.matching(compiled.terms!);
    // `q` alone (type-ahead): the name search's rows are the answer; a one-letter q can match a million, not to be walked again here.
    if (onlyQ(filters)) return named;
    const rest = { ...compiled, terms: undefined, nameRows: undefined };
    const out: number[] = [];
    for (const i of named) if (this.matches(i, rest)) out.push(i);
    return out;
  }

  /**
   * How many organisations pass the filters, and the rows of the page `offset`, `limit` of them (`search`'s rows
   * sliced). For `q` alone (type-ahead) the name search counts the matches and sends only the page's rows.
   */
  async searchPage(filters: Filters): Promise<{ total: number; rows: ArrayLike<number> }> {
    if (filters.q && onlyQ(filters)) return this.names.page(normalizeForSearch(filters.q).split(' '), filters.offset, filters.limit);
    const rows = await this.search(filters);
    const end = Math.min(rows.length, filters.offset + filters.limit);
    return { total: rows.length, rows: Array.from({ length: Math.max(0, end - filters.offset) }, (_, k) => rows[filters.offset + k]) };
  }

  /**
   * Asks the name search for the rows matching `q` and keeps them, so that `compile` and `matches`
   * (tiles, which are made synchronously) test a row with one read instead of reading its names.
   */
  async prepareNames(q: string): Promise<void> {
    const key = normalizeForSearch(q);
    if (this.nameRows.has(key)) return;
    const member = new Uint8Array(this.size);
    for (const i of await this.names.matching(key.split(' '))) member[i] = 1;
    // A few recent searches are kept (a map's type-ahead asks for one q at a time).
    if (this.nameRows.size >= NAME_ROWS_KEPT) this.nameRows.delete(this.nameRows.keys().next().value!);
    this.nameRows.set(key, member);
  }

  /** Starts building the name index of a large register off the main thread, so the first `q` need not wait for it. */
  warmNames(): void {
    this.names.warm();
  }

  /** What the name index holds and its worker's heap, for memory accounting (see NameSearch.memory). */
  nameSearchMemory(): Promise<NameSearchMemory | null> {
    return this.names.memory();
  }

  /** The row of organisation `id` (the lookup is built on first use). */
  rowOfId(id: string): number | undefined {
    this.ids ??= new IdLookup(this.columns);
    return this.ids.rowOf(id);
  }

  /** Stops what the index runs beside the main thread (its name-search worker). */
  close(): void {
    this.names.close();
  }

  /** Normalised names, built on the first text search: most sessions never search, and 1M of them cost memory. */
  private searchText(i: number): string {
    this.searchTexts ??= Array.from({ length: this.size }, (_, row) => searchTextOfRow(this.table, row));
    return this.searchTexts[i];
  }
}
