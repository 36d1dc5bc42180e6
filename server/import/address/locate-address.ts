import type { Bilingual } from '../problems.ts';
import type { Cell } from '../table.ts';
import type { Gazetteer } from './gazetteer.ts';
import { parseAddress, type AddressProblem } from './parse-address.ts';
import type { AreaPlacement, AreaPlacer, AreaShape } from './place.ts';

/** What an area-placed record carries besides its point (contract: located_by, area_code). */
export interface AreaRecordFields {
  located_by: 'admin-area';
  /** GB/T 2260 / NBS code of the smallest division the address named (6 digits, or 9 for a town). */
  area_code: string;
  area_name: string;
  area_level: 'city' | 'district' | 'town';
  /** The leading text of the address that named the division. */
  address_matched: string;
  location_note: string;
  location_note_zh: string;
}

export interface LocatedAddress {
  lonLat: [number, number];
  precisionM: number;
  city: string;
  placedLevel: AreaPlacement['placedLevel'];
  /** Code of the area whose outline gave the point. */
  placedCode: string;
  placedName: string;
  fields: AreaRecordFields;
}

export type AddressLocator = (cell: Cell) => { ok: true; located: LocatedAddress } | { ok: false; error: AddressProblem };

function note(placement: AreaPlacement, named: string): Bilingual {
  // Kept short: it is stored with every record, and a register holds up to 100k of them.
  return {
    en: `Placed by its address (${named}) at the centre of ${placement.placedName}: anywhere within precision_m, not at this point`,
    zh: `按地址（${named}）置于${placement.placedName}中心：位于精度半径范围内某处，并非此点`
  };
}

/** Reads an address cell and places it at the smallest named area with a shape (row validation's hook). */
export function addressLocator(gazetteer: Gazetteer, placer: AreaPlacer): AddressLocator {
  return (cell) => {
    const parsed = parseAddress(cell ?? '', gazetteer);
    if (!parsed.ok) return parsed;
    const { division, matchedText, city } = parsed.match;
    const placement = placer.place(parsed.match);
    const n = note(placement, division.name);
    return {
      ok: true,
      located: {
        lonLat: placement.lonLat,
        precisionM: placement.precisionM,
        city,
        placedLevel: placement.placedLevel,
        placedCode: placement.placedCode,
        placedName: placement.placedName,
        fields: {
          located_by: 'admin-area',
          area_code: division.code,
          area_name: division.name,
          area_level: division.level as AreaRecordFields['area_level'],
          address_matched: matchedText,
          location_note: n.en,
          location_note_zh: n.zh
        }
      }
    };
  };
}

/**
 * The outlines an address can be placed at: every town that has one (Dongguan's, which has no districts),
 * every district, and every city.
 */
export function areaShapesOf(catalog: { towns: readonly TownLike[]; districts: DistrictLike[]; cities: DistrictLike[] }): AreaShape[] {
  const outlined = catalog.towns.filter((t): t is DistrictLike => t.geometry.type === 'Polygon' || t.geometry.type === 'MultiPolygon');
  return [
    ...outlined.map((t) => ({ code: t.properties.code, name_zh: t.properties.name_zh, level: 'town' as const, geometry: t.geometry })),
    ...catalog.districts.map((d) => ({ code: d.properties.code, name_zh: d.properties.name_zh, level: 'district' as const, geometry: d.geometry })),
    ...catalog.cities.map((c) => ({ code: c.properties.code, name_zh: c.properties.name_zh, level: 'city' as const, geometry: c.geometry }))
  ];
}

interface DistrictLike {
  properties: { code: string; name_zh: string };
  geometry: AreaShape['geometry'];
}

/** A town feature: an outline, or (in some datasets) only a point. */
interface TownLike {
  properties: { code: string; name_zh: string };
  geometry: AreaShape['geometry'] | GeoJSON.Point;
}
