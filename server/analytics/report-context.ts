import type { FilterVocabulary } from '../schemas/filters.ts';
import type { ChainLayersFile } from '../schemas/industry-chain.ts';
import type { DistrictFeature, ParkFeature, Sector, Target, TransportFeature } from '../schemas/places.ts';
import { areaIndex, type AreaIndex } from './district-join.ts';
import { studyAreasOf, type StudyAreas } from './study-area.ts';
import type { PlatformMember } from './suitability-prep.ts';

/**
 * The catalog data reports read besides the organisations: it never changes while the server runs,
 * so each worker receives it once (as plain, cloneable data) when it starts.
 */
export interface ReportData {
  vocabulary: FilterVocabulary;
  /** Every city's id and names. */
  cities: { id: string; name_zh: string; name_en: string }[];
  /** Every city's id and area, km². */
  cityAreasKm2: [city: string, areaKm2: number][];
  /** The five cities the plan is about, whose totals make the regional shares. */
  focusCities: string[];
  districts: DistrictFeature[];
  parks: ParkFeature[];
  targets: Target[];
  /** City outlines and the land layer, for the study areas of point-pattern statistics. */
  cityOutlines: { properties: { id: string }; geometry: GeoJSON.Geometry }[];
  land: GeoJSON.Feature[];
  transport: TransportFeature[];
  sectors: Sector[];
  /** The industry chain's layers and reference shares, when the dataset has them. */
  chainLayers?: ChainLayersFile;
  /** The plan platforms' members (curated records only: imports carry no platform). */
  platformMembers: PlatformMember[];
}

/** ReportData with the lookups reports need built once. */
export interface ReportContext extends ReportData {
  cityAreaKm2: Map<string, number>;
  districtIndex: AreaIndex;
  parksById: Map<string, ParkFeature>;
  studyAreas: StudyAreas;
}

export function reportContext(data: ReportData): ReportContext {
  return {
    ...data,
    cityAreaKm2: new Map(data.cityAreasKm2),
    districtIndex: areaIndex(data.districts),
    parksById: new Map(data.parks.map((p) => [p.properties.id, p])),
    studyAreas: studyAreasOf({ cities: data.cityOutlines, land: data.land })
  };
}
