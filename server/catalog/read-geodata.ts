import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type TSchema, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  CityFeature,
  ContextFeature,
  DistrictFeature,
  OrganizationFeature,
  ParkFeature,
  Sector,
  Target,
  TransportFeature
} from '../schemas/places.ts';
import { ChainLayersFile } from '../schemas/industry-chain.ts';
import { ParkFactsFile } from '../schemas/park-facts.ts';
import { TownFeature } from '../schemas/towns.ts';
import { withParkFacts } from './park-facts.ts';

/** The files of the embedded default dataset, relative to the geodata directory. */
export const GEODATA_FILES = {
  cities: 'boundaries/cities.geojson',
  districts: 'boundaries/districts.geojson',
  land: 'basemap/land.geojson',
  water: 'basemap/water.geojson',
  parks: 'curated/parks.geojson',
  organizations: 'curated/organizations.geojson',
  sectors: 'curated/sectors.json',
  targets: 'curated/targets.json',
  transport: 'curated/transport.geojson',
  context: 'curated/context.geojson',
  /** Optional: another dataset without it serves parks whose facts are all unknown. */
  parkFacts: 'curated/park-facts.json',
  /** Optional: the industry-chain layers and their source. */
  chainLayers: 'curated/chain-layers.json',
  /** Optional: divisions below the county level (Dongguan's towns) and functional areas. */
  towns: 'boundaries/towns.geojson'
} as const;

export class GeodataError extends Error {
  override name = 'GeodataError';
}

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (err) {
    throw new GeodataError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Checks every item against its schema and names the first bad one: file, index, id, path and problem. */
function validated<T extends TSchema>(file: string, items: unknown, schema: T): Static<T>[] {
  if (!Array.isArray(items)) throw new GeodataError(`${file}: expected an array of records`);
  items.forEach((item, i) => {
    const first = Value.Errors(schema, item).First();
    if (first) {
      const id = (item as { properties?: { id?: string }; id?: string })?.properties?.id ?? (item as { id?: string })?.id;
      throw new GeodataError(`${file}: record ${i}${id ? ` ("${id}")` : ''} at ${first.path || '/'}: ${first.message}`);
    }
  });
  return items as Static<T>[];
}

function features(dir: string, file: string): unknown {
  const fc = readJson(dir, file) as { type?: string; features?: unknown };
  if (fc?.type !== 'FeatureCollection') throw new GeodataError(`${file}: not a GeoJSON FeatureCollection`);
  return fc.features;
}

/** A file another dataset may leave out; validated when present. */
function optionalFile<T extends TSchema>(dir: string, file: string, schema: T): Static<T> | undefined {
  return existsSync(join(dir, file)) ? validated(file, [readJson(dir, file)], schema)[0] : undefined;
}

const LandFeature = Type.Object({ type: Type.Literal('Feature'), geometry: Type.Any(), properties: Type.Any() });

/** Everything the embedded dataset holds, validated against the same schemas the API answers with. */
export interface Geodata {
  cities: CityFeature[];
  districts: DistrictFeature[];
  land: GeoJSON.Feature[];
  /** The sea inside the region, drawn over city fills (district outlines include water). */
  water: GeoJSON.Feature[];
  /** Parks as stored: a "districts" park has geometry null until the catalog fills it. */
  parks: (Omit<ParkFeature, 'geometry'> & { geometry: ParkFeature['geometry'] | null })[];
  organizations: OrganizationFeature[];
  sectors: Sector[];
  targets: Target[];
  transport: TransportFeature[];
  /** Context (Hong Kong / Macau places, cooperation zones): never counted with the organisations; a "districts" zone has geometry null until the catalog fills it. */
  context: (Omit<ContextFeature, 'geometry'> & { geometry: ContextFeature['geometry'] | null })[];
  chainLayers?: ChainLayersFile;
  /** Dongguan's towns and subdistricts, Songshan Lake and Binhaiwan; absent from other datasets. */
  towns?: TownFeature[];
}

const StoredPark = Type.Object({ ...ParkFeature.properties, geometry: Type.Union([ParkFeature.properties.geometry, Type.Null()]) });
const StoredContext = Type.Object({ ...ContextFeature.properties, geometry: Type.Union([ContextFeature.properties.geometry, Type.Null()]) });

/** Reads and validates the embedded dataset; throws a GeodataError naming the first bad record. */
export function readGeodata(dir: string): Geodata {
  const f = GEODATA_FILES;
  return {
    cities: validated(f.cities, features(dir, f.cities), CityFeature),
    districts: validated(f.districts, features(dir, f.districts), DistrictFeature),
    land: validated(f.land, features(dir, f.land), LandFeature) as GeoJSON.Feature[],
    water: validated(f.water, features(dir, f.water), LandFeature) as GeoJSON.Feature[],
    parks: withParkFacts(validated(f.parks, features(dir, f.parks), StoredPark), optionalFile(dir, f.parkFacts, ParkFactsFile)),
    organizations: validated(f.organizations, features(dir, f.organizations), OrganizationFeature),
    sectors: validated(f.sectors, readJson(dir, f.sectors), Sector),
    targets: validated(f.targets, readJson(dir, f.targets), Target),
    transport: validated(f.transport, features(dir, f.transport), TransportFeature),
    context: validated(f.context, features(dir, f.context), StoredContext),
    chainLayers: optionalFile(dir, f.chainLayers, ChainLayersFile),
    towns: existsSync(join(dir, f.towns)) ? validated(f.towns, features(dir, f.towns), TownFeature) : undefined
  };
}
