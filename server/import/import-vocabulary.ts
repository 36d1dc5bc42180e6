import { bbox as turfBbox, featureCollection } from '@turf/turf';
import type { Bbox } from '../schemas/filters.ts';
import type { CityFeature, DistrictFeature, Sector } from '../schemas/places.ts';
import type { TownFeature } from '../schemas/towns.ts';
import { loadGazetteer } from './address/gazetteer.ts';
import { addressLocator, areaShapesOf } from './address/locate-address.ts';
import { AreaPlacer } from './address/place.ts';
import type { ImportLimits } from './limits.ts';
import type { RowContext } from './rows.ts';
import { cityResolver, sectorResolver } from './vocabulary.ts';

/** The catalog data an import reads values against; plain data, so it can be sent to the import worker once. */
export interface ImportVocabularyData {
  cities: CityFeature[];
  districts: DistrictFeature[];
  /** Town outlines (Dongguan's): an address naming one of them is placed inside it. */
  towns: TownFeature[];
  sectors: Sector[];
  geodataDir: string;
}

/** What every row of every import is validated against: the row context without the per-import fields. */
export type ImportVocabulary = Omit<RowContext, 'datasetId' | 'importDate' | 'crs' | 'defaultPrecisionM' | 'source'>;

/** The import vocabulary of the catalog's cities, districts and sectors (loads the address gazetteer, if geodata has one). */
export function importVocabulary({ cities, districts, towns, sectors, geodataDir }: ImportVocabularyData, limits: ImportLimits): ImportVocabulary {
  const gazetteer = loadGazetteer(geodataDir);
  return {
    region: turfBbox(featureCollection(cities)) as Bbox,
    cityOf: cityResolver(cities.map((c) => c.properties)),
    sectorOf: sectorResolver(sectors),
    knownCities: cities.map((c) => `${c.properties.name_zh}/${c.properties.name_en}`).join(', '),
    knownSectors: sectors.map((s) => `${s.id} (${s.name_zh})`).join(', '),
    limits,
    // Rows without coordinates are placed at the smallest area their address names that has an outline.
    locateAddress: gazetteer && addressLocator(gazetteer, new AreaPlacer(areaShapesOf({ cities, districts, towns })))
  };
}
