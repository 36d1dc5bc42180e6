import KDBush from 'kdbush';
import { sectorsOfRow, type OrganizationColumns } from '../catalog/organization-columns.ts';
import { rowsWithin } from '../geo/catchment.ts';
import { HttpError } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';
import type { Static } from '@sinclair/typebox';
import { CHAIN_LAYERS, type ChainLayerId, type ChainQuery } from '../schemas/industry-chain.ts';
import { CHAIN_RULE, chainProfile, type ChainProfile } from './industry-chain.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

export const CHAIN_DEFAULTS = { radiusKm: 5 } as const;

export interface ChainReport {
  layers: { id: ChainLayerId; name_zh: string; name_en: string; sectors: string[] }[];
  source: string;
  source_url: string;
  mapping_basis: string;
  rule: typeof CHAIN_RULE;
  cities: ({ city: string; name_zh: string; name_en: string } & ChainProfile)[];
  parks: ({ park: string; name_zh: string; name_en: string; catchment: 'inside' | 'radius'; radius_km: number } & ChainProfile)[];
}

function* sectorListsOf(columns: OrganizationColumns, rows: Iterable<number>): Iterable<string[]> {
  for (const i of rows) yield sectorsOfRow(columns, i);
}

/**
 * /api/analytics/chain: organisations per chain layer for each city (the query's, or the focus
 * cities) and inside or around each park (`parkIds`, checked by the route), over every organisation.
 */
export function* chainReport({ query: q, ctx, parkIds, selection }: ReportInput<Static<typeof ChainQuery>>): Progressive<ChainReport> {
  const chain = ctx.chainLayers;
  if (!chain) throw new HttpError(404, 'this dataset has no industry-chain layers (geodata/curated/chain-layers.json)');
  const { columns } = selection;
  const radiusKm = q.radiusKm ?? CHAIN_DEFAULTS.radiusKm;
  const layerOf = new Map(ctx.sectors.flatMap((s) => (s.chain_layer ? [[s.id, s.chain_layer] as [string, ChainLayerId]] : [])));
  const reference = chain.reference_shares;
  const cities = parseFilters({ city: q.city }, ctx.vocabulary).cities;
  const cityIds = cities ? [...cities] : ctx.focusCities;
  // One pass over the organisations sorts every row to its city.
  const rowsByCode = new Map(cityIds.map((id) => [ctx.vocabulary.cities.indexOf(id), [] as number[]]));
  for (let k = 0; k < selection.size; k++) {
    const i = selection.row(k);
    rowsByCode.get(columns.cityCode[i])?.push(i);
  }
  yield 0.5;
  const tree = KDBush.from(columns.tree);
  const contains = selection.contains();
  const parks = parkIds ? parkIds.map((id) => ctx.parksById.get(id)!) : ctx.parks;
  return {
    layers: CHAIN_LAYERS.map((id) => {
      const layer = chain.layers.find((l) => l.id === id)!;
      return { id, name_zh: layer.name_zh, name_en: layer.name_en, sectors: [...layerOf].filter(([, l]) => l === id).map(([s]) => s) };
    }),
    source: chain.source,
    source_url: chain.source_url,
    mapping_basis: chain.mapping_basis,
    rule: CHAIN_RULE,
    cities: cityIds.map((id) => {
      const city = ctx.vocabulary.cities.indexOf(id);
      const { name_zh, name_en } = ctx.cities.find((c) => c.id === id)!;
      return { city: id, name_zh, name_en, ...chainProfile(sectorListsOf(columns, rowsByCode.get(city) ?? []), layerOf, reference) };
    }),
    parks: parks.map((park) => {
      const isArea = park.geometry.type !== 'Point';
      const around = park.geometry.type === 'Point' ? (park.geometry.coordinates.slice(0, 2) as [number, number]) : park.geometry;
      const rows = rowsWithin(tree, (i) => [columns.lon[i], columns.lat[i]], around, isArea ? 0 : radiusKm, contains);
      const { id, name_zh, name_en } = park.properties;
      return { park: id, name_zh, name_en, catchment: isArea ? ('inside' as const) : ('radius' as const), radius_km: isArea ? 0 : radiusKm, ...chainProfile(sectorListsOf(columns, rows), layerOf, reference) };
    })
  };
}
