import { Type, type Static } from '@sinclair/typebox';
import { AnyPlaceGeometry, FeatureOf } from './geojson.ts';
import { ParkProperties } from './places.ts';

const Names = { name_zh: Type.String(), name_en: Type.String() };

const NearestFacility = Type.Union(
  [
    Type.Object({
      id: Type.String(),
      ...Names,
      iata: Type.Optional(Type.String()),
      distance_km: Type.Number({ minimum: 0, description: 'Great-circle distance from `measured_from`, km' })
    }),
    Type.Null()
  ],
  { description: 'null when the dataset has none of this kind' }
);

/** What a park is near and what it holds, computed from the catalog on request. */
export const ParkProfile = Type.Object(
  {
    measured_from: Type.Array(Type.Number(), {
      minItems: 2,
      maxItems: 2,
      description: 'The [lon, lat] distances are measured from: the park point, or the visual centre of an area park'
    }),
    organizations: Type.Object({
      catchment: Type.Union([Type.Literal('inside'), Type.Literal('radius')], {
        description: '`inside` the area of an area park, or within `radius_km` of a point park'
      }),
      radius_km: Type.Number({ minimum: 0 }),
      total: Type.Integer({ minimum: 0 }),
      by_sector: Type.Array(
        Type.Object({ sector: Type.String(), ...Names, count: Type.Integer({ minimum: 1 }) }),
        { description: 'Most common first; an organisation in several sectors counts in each' }
      ),
      ids: Type.Array(Type.String(), { description: 'Ids of the organisations counted (at most 200)' })
    }),
    nearest_airport: NearestFacility,
    nearest_container_port: NearestFacility,
    districts: Type.Array(Type.Object({ code: Type.String(), city: Type.String(), ...Names }), {
      description: 'The district holding a point park (none at sea), or the districts an area park is made of'
    })
  },
  { $id: 'ParkProfile' }
);
export type ParkProfile = Static<typeof ParkProfile>;

/** One park with its computed profile in `properties.profile`. */
export const ParkProfileFeature = FeatureOf(
  AnyPlaceGeometry,
  Type.Object({ ...ParkProperties.properties, profile: ParkProfile }),
  { $id: 'ParkProfileFeature' }
);
