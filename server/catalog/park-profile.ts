import { booleanPointInPolygon, distance } from '@turf/turf';
import type { DistrictFeature, ParkFeature, Sector, TransportFeature } from '../schemas/places.ts';
import type { ParkProfile } from '../schemas/profile.ts';

/** How a profile is measured. */
export const PROFILE_DEFAULTS = {
  radiusKm: 5, // catchment of a point park
  maxIds: 200 // organisation ids listed in a profile; the counts cover all
} as const;

type LonLat = [number, number];
type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** The organisations a profile counts: how many, per sector, and the ids of the first `maxIds` (dataset order). */
export interface ProfileCatchment {
  total: number;
  bySector: Record<string, number>;
  ids: string[];
}

/** What a profile is computed from. */
export interface ProfileContext {
  /** The organisations inside an area (and within radiusKm of its edge), or within radiusKm of a point. */
  catchment: (around: LonLat | Area, radiusKm: number, maxIds: number) => ProfileCatchment;
  transport: readonly TransportFeature[];
  districts: readonly DistrictFeature[];
  sectors: readonly Sector[];
}

function nearest(kind: TransportFeature['properties']['kind'], from: LonLat, transport: readonly TransportFeature[]): ParkProfile['nearest_airport'] {
  let best: ParkProfile['nearest_airport'] = null;
  for (const t of transport) {
    if (t.properties.kind !== kind) continue;
    const km = distance(from, t.geometry.coordinates, { units: 'kilometers' });
    if (!best || km < best.distance_km) {
      const { id, name_zh, name_en, iata } = t.properties;
      best = { id, name_zh, name_en, ...(iata ? { iata } : {}), distance_km: Math.round(km * 10) / 10 };
    }
  }
  return best;
}

function districtsOf(park: ParkFeature, from: LonLat, districts: readonly DistrictFeature[]): ParkProfile['districts'] {
  const codes = park.properties.districts;
  const found = codes?.length
    ? districts.filter((d) => codes.includes(d.properties.code))
    : districts.filter((d) => booleanPointInPolygon(from, d.geometry));
  return found.map(({ properties: { code, city, name_zh, name_en } }) => ({ code, city, name_zh, name_en }));
}

/** Where a park's profile counts organisations: inside an area park (radiusKm 0), or within radiusKm of a point park. */
export function catchmentOfPark(park: ParkFeature): { around: LonLat | Area; radiusKm: number } {
  const g = park.geometry;
  return g.type === 'Point' ? { around: [g.coordinates[0], g.coordinates[1]], radiusKm: PROFILE_DEFAULTS.radiusKm } : { around: g, radiusKm: 0 };
}

/**
 * A park's profile: the organisations inside it (area park) or within 5 km (point park) by
 * sector, the nearest airport and container port, and its district(s). `measuredFrom` is the
 * park point or the visual centre of an area park.
 */
export function parkProfile(park: ParkFeature, measuredFrom: LonLat, ctx: ProfileContext): ParkProfile {
  const isArea = park.geometry.type !== 'Point';
  const { around, radiusKm } = catchmentOfPark(park);
  const catchment = ctx.catchment(around, radiusKm, PROFILE_DEFAULTS.maxIds);
  const sectorNames = new Map(ctx.sectors.map((s) => [s.id, s]));
  const bySector = Object.entries(catchment.bySector)
    .map(([sector, count]) => ({ sector, name_zh: sectorNames.get(sector)?.name_zh ?? sector, name_en: sectorNames.get(sector)?.name_en ?? sector, count }))
    .sort((a, b) => b.count - a.count || a.sector.localeCompare(b.sector));
  return {
    measured_from: measuredFrom,
    organizations: {
      catchment: isArea ? 'inside' : 'radius',
      radius_km: radiusKm,
      total: catchment.total,
      by_sector: bySector,
      ids: catchment.ids
    },
    nearest_airport: nearest('airport', measuredFrom, ctx.transport),
    nearest_container_port: nearest('container-port', measuredFrom, ctx.transport),
    districts: districtsOf(park, measuredFrom, ctx.districts)
  };
}
