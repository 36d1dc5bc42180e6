import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { rowsWithin } from '../geo/catchment.ts';
import { sectorsOfRow } from '../catalog/organization-columns.ts';
import { CHAIN_RULE, chainProfile } from '../analytics/industry-chain.ts';
import { prepareSuitability, type SuitabilityPrep } from '../analytics/suitability-prep.ts';
import { suitabilityReport, type SuitabilityPlace } from '../analytics/suitability-report.ts';
import { CRITERIA, MAX_WEIGHT, WEIGHT_PARAMETERS, type Weights } from '../analytics/suitability.ts';
import { badParameter, ErrorBody, HttpError } from '../schemas/errors.ts';
import { CHAIN_LAYERS, ChainQuery, ChainResult, type ChainLayerId } from '../schemas/industry-chain.ts';
import { parseFilters } from '../schemas/filters.ts';
import type { ParkFeature } from '../schemas/places.ts';
import { SuitabilityQuery, SuitabilityResult } from '../schemas/suitability.ts';
import { labelPoint } from '../geo/label-point.ts';

const CAVEATS = [
  {
    en: 'Organisation counts come from the curated dataset (about 80 real organisations, unevenly covered across cities) plus any imported registers; they show what the data holds, not the whole economy.',
    zh: '机构数来自整理的数据集（约 80 家真实机构，各城市覆盖不均）及导入的名录；反映的是数据所含内容，而非全部经济活动。'
  },
  {
    en: "Park locations carry their precision (precision_m, up to 15 km for a placeholder); a catchment inherits that uncertainty. A place made of whole districts (Foshan) is measured from its visual centre like a point.",
    zh: '园区位置带有精度（precision_m，占位点可达 15 公里），集聚范围继承这一不确定性。由整区组成的地点（佛山）与点状园区一样从其视觉中心量起。'
  },
  {
    en: 'Distances are straight lines (great circle), not travel times. Airports are all those in the catalog (CAN, SZX, HKG, MFM, ZUH, FUO); the catalog does not mark which are international.',
    zh: '距离为直线（大圆）距离，不是通行时间。机场为目录中的全部机场（CAN、SZX、HKG、MFM、ZUH、FUO），目录未标注是否为国际机场。'
  }
];

/** A 400 for a number the schema let through but is not finite (e.g. "Infinity"), until a shared finite type lands. */
function finite(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badParameter(name, `must be a finite number; got ${String(value)}`);
  return value;
}

/** Investor analytics: thin handlers over the pure report functions in server/analytics/. */
export default (async (app) => {
  const catalog = app.catalog;
  const focusCities = catalog.cities.filter((c) => c.properties.focus).map((c) => c.properties.id);
  // Per-dataset tallies (research flags, platform members, city listings): rebuilt only when the data changes.
  let prep: { version: number; data: SuitabilityPrep } | undefined;
  const prepared = () => {
    if (prep?.version !== catalog.version) prep = { version: catalog.version, data: prepareSuitability(catalog.organizations, catalog.vocabulary.sectors) };
    return prep.data;
  };
  const centres = new Map<string, [number, number]>();
  // The tallies are ready before the first investor asks (like the park profiles).
  app.addHook('onReady', async () => void prepared());
  const placeOf = (park: ParkFeature): SuitabilityPlace => {
    const g = park.geometry;
    let lonLat = centres.get(park.properties.id);
    if (!lonLat) centres.set(park.properties.id, (lonLat = g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : labelPoint(g)));
    const { id, name_zh, name_en, city, area_km2 } = park.properties;
    return { id, name_zh, name_en, city, lonLat, areaKm2: area_km2 ?? null };
  };

  app.get(
    '/api/analytics/suitability',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Which park suits my company? Parks ranked 0–100 on weighted criteria, with the parts of each score and the raw values behind them',
        description: 'Criteria: organisations of my sectors nearby (distance decay), universities and labs nearby, the plan\'s open innovation platforms of my sectors, distance to the nearest airport and container port, the city\'s location quotient in my sectors, park area. Normalised min–max across the parks compared; missing values are flagged and their weight redistributed.',
        querystring: SuitabilityQuery,
        response: { 200: SuitabilityResult, 400: ErrorBody }
      }
    },
    async (req) => {
      const q = req.query as Record<string, unknown> & { sector: string; city?: string; kind?: string; park?: string; radiusKm?: number };
      const filters = parseFilters({ sector: q.sector, city: q.city, kind: q.kind }, catalog.vocabulary);
      const sectors = filters.sectors;
      if (!sectors) throw badParameter('sector', 'give at least one sector id, e.g. sector=service-robots');
      const weights = Object.fromEntries(CRITERIA.map((c) => [c, finite(WEIGHT_PARAMETERS[c], q[WEIGHT_PARAMETERS[c]]) ?? 1])) as Weights;
      const radiusKm = finite('radiusKm', q.radiusKm) ?? 10;
      if (CRITERIA.every((c) => weights[c] === 0)) {
        throw badParameter(Object.values(WEIGHT_PARAMETERS).join(','), `all weights are zero; give at least one a weight from above 0 to ${MAX_WEIGHT}`);
      }
      let parks = catalog.parksMatching({ ...filters, sectors: undefined, limit: Number.MAX_SAFE_INTEGER, offset: 0 }).features;
      if (q.park !== undefined) {
        const ids = q.park.split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = ids.filter((id) => !catalog.park(id));
        if (unknown.length || ids.length === 0) throw badParameter('park', `unknown park id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ') || '(empty)'}`);
        parks = parks.filter((p) => ids.includes(p.properties.id));
      }
      const report = suitabilityReport(parks.map(placeOf), prepared(), catalog.transport, {
        sectors,
        radiusKm,
        weights,
        region: focusCities
      });
      return { ...report, caveats: CAVEATS };
    }
  );

  app.get(
    '/api/analytics/chain',
    {
      schema: {
        tags: ['analytics'],
        summary: 'The AI industry chain (产业链): organisations per layer (基础层 / 技术层 / 应用层) per city and per park catchment, with thin or missing layers (补链)',
        description: CHAIN_RULE.en,
        querystring: ChainQuery,
        response: { 200: ChainResult, 400: ErrorBody, 404: ErrorBody }
      }
    },
    async (req) => {
      const chain = catalog.chainLayers;
      if (!chain) throw new HttpError(404, 'this dataset has no industry-chain layers (geodata/curated/chain-layers.json)');
      const q = req.query;
      const filters = parseFilters({ city: q.city }, catalog.vocabulary);
      const radiusKm = finite('radiusKm', q.radiusKm) ?? 5;
      const layerOf = new Map(catalog.sectors.flatMap((s) => (s.chain_layer ? [[s.id, s.chain_layer] as [string, ChainLayerId]] : [])));
      const reference = chain.reference_shares;
      const parkIds = q.park?.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = parkIds?.filter((id) => !catalog.park(id)) ?? [];
      if (unknown.length) throw badParameter('park', `unknown park id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`);
      const cityIds = filters.cities ? [...filters.cities] : focusCities;
      // One pass over the organisations gathers every city's sector lists.
      const byCity = new Map<string, string[][]>(cityIds.map((c) => [c, []]));
      for (const o of catalog.organizations) byCity.get(o.properties.city)?.push(o.properties.sectors);
      const parks = parkIds ? parkIds.map((id) => catalog.park(id)!) : catalog.parks;
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
          const city = catalog.cities.find((c) => c.properties.id === id)!.properties;
          return { city: id, name_zh: city.name_zh, name_en: city.name_en, ...chainProfile(byCity.get(id) ?? [], layerOf, reference) };
        }),
        parks: parks.map((park) => {
          const isArea = park.geometry.type !== 'Point';
          const around = park.geometry.type === 'Point' ? (park.geometry.coordinates.slice(0, 2) as [number, number]) : park.geometry;
          const index = catalog.organizationPoints;
          const rows = rowsWithin(index.tree, (i) => [index.lon[i], index.lat[i]], around, isArea ? 0 : radiusKm);
          const { id, name_zh, name_en } = park.properties;
          return { park: id, name_zh, name_en, catchment: isArea ? ('inside' as const) : ('radius' as const), radius_km: isArea ? 0 : radiusKm, ...chainProfile(rows.map((i) => sectorsOfRow(index.columns, i)), layerOf, reference) };
        })
      };
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
