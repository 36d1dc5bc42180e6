import { Type, type Static } from '@sinclair/typebox';
import { StreamParameter } from './stream.ts';

export const CHAIN_LAYERS = ['foundation', 'technology', 'application'] as const;
export type ChainLayerId = (typeof CHAIN_LAYERS)[number];
export const ChainLayerId = Type.Union(CHAIN_LAYERS.map((l) => Type.Literal(l)), { description: '基础层 foundation · 技术层 technology · 应用层 application' });

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

/** The stored file geodata/curated/chain-layers.json. */
export const ChainLayersFile = Type.Object({
  about: Type.String(),
  source: Type.String(),
  source_url: Type.String(),
  mapping_basis: Type.String(),
  reference_shares: Type.Object({ as_of: Type.String(), source: Type.String(), foundation: Type.Number(), technology: Type.Number(), application: Type.Number() }),
  layers: Type.Array(Type.Object({ id: ChainLayerId, name_zh: Type.String(), name_en: Type.String(), description_en: Type.String() }))
});
export type ChainLayersFile = Static<typeof ChainLayersFile>;

export const ChainQuery = Type.Object(
  {
    city: Type.Optional(Type.String({ description: 'Cities to report (comma list; default the five focus cities)' })),
    park: Type.Optional(Type.String({ description: "Parks whose catchment to report (comma list of ids; default all twelve)" })),
    radiusKm: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 5, description: "A point park's catchment radius, km (an area park counts what lies inside it)" })),
    ...StreamParameter
  },
  { additionalProperties: false }
);

const LayerCount = Type.Object({
  layer: ChainLayerId,
  count: Type.Integer({ minimum: 0, description: 'Organisations with at least one sector on this layer' }),
  share: Type.Union([Type.Number(), Type.Null()], { description: 'count ÷ organisations on any layer; null when there are none' }),
  reference_share: Type.Number({ description: 'The national share of AI enterprises on this layer (2019 report)' }),
  status: Type.Union([Type.Literal('present'), Type.Literal('thin'), Type.Literal('missing')])
});
const ChainProfile = Type.Object({ total: Type.Integer({ description: 'Organisations on any layer' }), layers: Type.Array(LayerCount), gaps: Type.Array(ChainLayerId, { description: 'Thin or missing layers (补链)' }) });

export const ChainResult = Type.Object(
  {
    layers: Type.Array(Type.Object({ id: ChainLayerId, name_zh: Type.String(), name_en: Type.String(), sectors: Type.Array(Type.String()) })),
    source: Type.String(),
    source_url: Type.String(),
    mapping_basis: Type.String(),
    rule: Bilingual,
    cities: Type.Array(Type.Object({ city: Type.String(), name_zh: Type.String(), name_en: Type.String(), ...ChainProfile.properties })),
    parks: Type.Array(Type.Object({ park: Type.String(), name_zh: Type.String(), name_en: Type.String(), catchment: Type.Union([Type.Literal('inside'), Type.Literal('radius')]), radius_km: Type.Number(), ...ChainProfile.properties }))
  },
  { $id: 'ChainResult' }
);
