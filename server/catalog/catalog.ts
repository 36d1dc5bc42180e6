import { bbox as turfBbox, featureCollection, union } from '@turf/turf';
import type { Bbox, FilterVocabulary, Filters } from '../schemas/filters.ts';
import {
  ORGANIZATION_TYPES,
  PARK_KINDS,
  type CityFeature,
  type DistrictFeature,
  type OrganizationFeature,
  type ContextFeature,
  type ParkFeature,
  type Sector,
  type Target,
  type TransportFeature
} from '../schemas/places.ts';
import { matchesFilters, searchTextOf, type Filterable } from './filter.ts';
import { OrganizationIndex } from './organization-index.ts';
import { featureOfRow, joinTables, partsWithDataset, rangeOf, tableOf, type OrganizationTable, type TableRange } from './organization-table.ts';
import { GeodataError, type Geodata } from './read-geodata.ts';
import type { TownFeature } from '../schemas/towns.ts';

interface Indexed<F> {
  feature: F;
  filterable: Filterable;
}

/** What changed in the data, so caches can drop exactly what depended on it. */
export interface CatalogChange {
  layer: 'organizations';
  datasetId: string;
  version: number;
}

/** A page of matches and how many matched in all. */
export interface Page<F> {
  features: F[];
  total: number;
}

function indexed<F extends GeoJSON.Feature>(feature: F, p: { city: string; sectors: string[]; name_zh: string; name_en: string; id: string }, category: string): Indexed<F> {
  return {
    feature,
    filterable: {
      city: p.city,
      sectors: p.sectors,
      category,
      searchText: searchTextOf(p.name_zh, p.name_en, p.id),
      bbox: turfBbox(feature) as Bbox,
      geometry: feature.geometry as Filterable['geometry']
    }
  };
}

function page<F>(items: Indexed<F>[], filters: Filters, categoryFilter: ReadonlySet<string> | undefined): Page<F> {
  const matches = items.filter((it) => matchesFilters(it.filterable, filters, categoryFilter));
  return { total: matches.length, features: matches.slice(filters.offset, filters.offset + filters.limit).map((it) => it.feature) };
}

/** The read-only embedded dataset with lookups and filters; built once at boot. */
export class Catalog {
  readonly cities: CityFeature[];
  readonly districts: DistrictFeature[];
  /** Divisions below the county level and functional areas (Dongguan); empty when the dataset has none. */
  readonly towns: TownFeature[];
  readonly land: GeoJSON.Feature[];
  readonly water: GeoJSON.Feature[];
  readonly parks: ParkFeature[];
  readonly sectors: Sector[];
  readonly targets: Target[];
  readonly transport: TransportFeature[];
  /** Context (Hong Kong / Macau places, cooperation zones): served as its own layer, never part of the organisations or their statistics. */
  readonly context: ContextFeature[];
  readonly chainLayers: Geodata['chainLayers'];
  readonly vocabulary: FilterVocabulary;
  /** The shipped organisations as read from geodata (or given by a benchmark); served from the columns like the imported ones. */
  readonly shippedOrganizations: readonly OrganizationFeature[];
  private readonly parkIndex: Indexed<ParkFeature>[];
  /** Shipped then imported organisations as one table (the store of record) and its index, rebuilt on every data change. */
  private organizationIndex: OrganizationIndex;
  private readonly parksById: Map<string, ParkFeature>;
  private readonly districtsByCode: Map<string, DistrictFeature>;
  private readonly listeners = new Set<(change: CatalogChange) => void>();
  /** Bumped on every data change; caches key on it. */
  private dataVersion = 0;

  constructor(data: Geodata) {
    this.cities = data.cities;
    this.districts = data.districts;
    this.towns = data.towns ?? [];
    this.land = data.land;
    this.water = data.water;
    this.sectors = data.sectors;
    this.targets = data.targets;
    this.transport = data.transport;
    this.chainLayers = data.chainLayers;
    this.districtsByCode = new Map(data.districts.map((d) => [d.properties.code, d]));
    this.vocabulary = {
      cities: data.cities.map((c) => c.properties.id),
      sectors: data.sectors.map((s) => s.id),
      kinds: PARK_KINDS,
      types: ORGANIZATION_TYPES
    };
    this.parks = data.parks.map((park) => this.withGeometry(park, 'park') as ParkFeature);
    this.context = data.context.map((zone) => this.withGeometry(zone, 'context record') as ContextFeature);
    this.checkReferences(data.organizations);
    this.parkIndex = this.parks.map((f) => indexed(f, f.properties, f.properties.kind));
    this.shippedOrganizations = data.organizations;
    const shipped = tableOf(data.organizations, this.vocabulary, null);
    this.organizationIndex = new OrganizationIndex(joinTables([{ table: shipped, start: 0, end: shipped.columns.size }], this.vocabulary, { tree: true }), this.vocabulary);
    this.parksById = new Map(this.parks.map((p) => [p.properties.id, p]));
  }

  /** How many organisations there are: shipped and every imported dataset's. */
  get organizationCount(): number {
    return this.organizationIndex.size;
  }

  /** The organisations' table (shipped rows first, then each dataset's) of the current data version. */
  get organizationTable(): OrganizationTable {
    return this.organizationIndex.table;
  }

  /** Organisation `row` as GeoJSON, built on demand. */
  organization(row: number): OrganizationFeature {
    return featureOfRow(this.organizationIndex.table, row);
  }

  /** The organisation with this id, or undefined. */
  organizationById(id: string): OrganizationFeature | undefined {
    const row = this.organizationIndex.rowOfId(id);
    return row === undefined ? undefined : this.organization(row);
  }

  /** The rows of one imported dataset in the current table (for its snapshot), or undefined when it has none. */
  importedRange(datasetId: string): TableRange | undefined {
    return rangeOf(this.organizationIndex.table, datasetId);
  }

  /** The organisations' columns and KD-tree, for tiles and catchment queries. */
  get organizationPoints(): OrganizationIndex {
    return this.organizationIndex;
  }

  get version(): number {
    return this.dataVersion;
  }

  /** Layers a user dataset's organisations over the shipped ones (replacing that dataset's previous set). */
  setImportedOrganizations(datasetId: string, features: readonly OrganizationFeature[]): void {
    this.setImportedTable(datasetId, tableOf(features, this.vocabulary, datasetId));
  }

  /** Like `setImportedOrganizations`, from rows already in columns (a snapshot, or a parse made elsewhere). */
  setImportedTable(datasetId: string, table: OrganizationTable): void {
    const base = this.organizationIndex.table;
    this.installJoined(datasetId, base, joinTables(this.importedParts(datasetId, table), this.vocabulary, { tree: true }));
  }

  /**
   * The parts the catalog's table is joined from once dataset `datasetId` holds `table`'s rows (the dataset keeps
   * its place among the others; a new one comes last): `setImportedTable` joins them here, an import joins them on
   * its worker (`joinTables` with the tree) and hands the result to `installJoined`.
   */
  importedParts(datasetId: string, table: OrganizationTable): TableRange[] {
    return partsWithDataset(this.organizationIndex.table, datasetId, table);
  }

  /** Makes `joined` (from `importedParts`, with its tree) the catalog's table, if the table is still `base`; false when it changed meanwhile. */
  installJoined(datasetId: string, base: OrganizationTable, joined: OrganizationTable): boolean {
    if (this.organizationIndex.table !== base) return false;
    this.organizationIndex.close();
    this.organizationIndex = new OrganizationIndex(joined, this.vocabulary);
    this.dataVersion += 1;
    for (const listener of this.listeners) listener({ layer: 'organizations', datasetId, version: this.dataVersion });
    return true;
  }

  /** Stops the organisation index's name-search worker, if one runs. */
  close(): void {
    this.organizationIndex.close();
  }

  /** Calls `listener` after every data change; returns the function that unsubscribes. */
  onChange(listener: (change: CatalogChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  park(id: string): ParkFeature | undefined {
    return this.parksById.get(id);
  }

  parksMatching(filters: Filters): Page<ParkFeature> {
    return page(this.parkIndex, filters, filters.kinds);
  }

  /** The page of organisations passing the filters; GeoJSON is built for the page's rows only. */
  async organizationsMatching(filters: Filters): Promise<Page<OrganizationFeature>> {
    const index = this.organizationIndex;
    const { total, rows } = await index.searchPage(filters);
    return { total, features: Array.from(rows, (row) => featureOfRow(index.table, row)) };
  }

  /**
   * Rows of the organisation columns passing the filters, ascending; null when no filter is set (every row).
   * Records placed only to an area stay in: each point report leaves them out itself (Selection.pointsOnly).
   */
  async organizationRows(filters: Filters): Promise<Uint32Array | null> {
    if (!filters.cities && !filters.sectors && !filters.types && !filters.q && !filters.bbox && !filters.near) return null;
    return Uint32Array.from(await this.organizationIndex.search(filters));
  }

  district(code: string): DistrictFeature | undefined {
    return this.districtsByCode.get(code);
  }

  /** A place made of whole districts (the Foshan cluster, the Nansha zone) takes the union of their outlines. */
  private withGeometry<P extends { id: string; districts?: string[] }>(
    place: { properties: P; geometry: GeoJSON.Geometry | null },
    what: string
  ): { properties: P; geometry: GeoJSON.Geometry } {
    if (place.geometry) return place as { properties: P; geometry: GeoJSON.Geometry };
    const codes = place.properties.districts ?? [];
    const parts = codes.map((code) => {
      const d = this.district(code);
      if (!d) throw new GeodataError(`${what} "${place.properties.id}": district ${code} is not in the district boundaries`);
      return d;
    });
    if (parts.length === 0) throw new GeodataError(`${what} "${place.properties.id}": no geometry and no districts`);
    const merged = parts.length === 1 ? parts[0] : union(featureCollection(parts));
    if (!merged) throw new GeodataError(`${what} "${place.properties.id}": the union of its districts is empty`);
    return { ...place, geometry: merged.geometry };
  }

  private checkReferences(organizations: readonly OrganizationFeature[]): void {
    const cities = new Set(this.vocabulary.cities);
    const sectors = new Set(this.vocabulary.sectors);
    const records: { kind: string; properties: { id: string; city: string; sectors?: string[] } }[] = [
      ...this.parks.map((f) => ({ kind: 'park', properties: f.properties })),
      ...organizations.map((f) => ({ kind: 'organisation', properties: f.properties })),
      ...this.transport.map((f) => ({ kind: 'transport', properties: f.properties })),
      ...this.districts.map((f) => ({ kind: 'district', properties: f.properties }))
    ];
    const seen = new Set<string>();
    for (const { kind, properties: p } of records) {
      if (!cities.has(p.city)) throw new GeodataError(`${kind} "${p.id}": unknown city "${p.city}"`);
      const bad = (p.sectors ?? []).find((s) => !sectors.has(s));
      if (bad) throw new GeodataError(`${kind} "${p.id}": unknown sector "${bad}"`);
      const key = `${kind}:${p.id}`;
      if (seen.has(key)) throw new GeodataError(`${kind} "${p.id}": duplicate id`);
      seen.add(key);
    }
  }
}
