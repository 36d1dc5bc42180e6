import { Type, type Static } from '@sinclair/typebox';
import { AnyPlaceGeometry, FeatureOf } from './geojson.ts';
import { Provenance, SOURCE_DATUMS } from './places.ts';

export const TOWN_LEVELS = ['subdistrict', 'town', 'area'] as const;

/**
 * A division below the county level (Dongguan's towns and subdistricts, which it governs
 * directly) or a functional area over parts of them (Songshan Lake; Binhaiwan as a label point
 * until an outline may be shipped). Codes are the NBS 9-digit ones.
 */
export const TownProperties = Type.Object({
  id: Type.String(),
  code: Type.String({ pattern: '^\\d{9}$', description: 'NBS 统计用区划代码 (9 digits)' }),
  name_zh: Type.String({ minLength: 1 }),
  name_en: Type.String({ minLength: 1 }),
  city: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
  level: Type.Union(TOWN_LEVELS.map((l) => Type.Literal(l)), { description: 'subdistrict 街道, town 镇, or area (functional zone, drawn over the towns)' }),
  source_datum: Type.Union(SOURCE_DATUMS.map((d) => Type.Literal(d))),
  ...Provenance
});
export const TownFeature = FeatureOf(AnyPlaceGeometry, TownProperties);
export type TownFeature = Static<typeof TownFeature>;
