import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CHAIN_RULE } from '../analytics/industry-chain.ts';
import { CRITERIA, MAX_WEIGHT, WEIGHT_PARAMETERS, type Weights } from '../analytics/suitability.ts';
import { badParameter, ErrorBody, HttpError } from '../schemas/errors.ts';
import { ChainQuery, ChainResult } from '../schemas/industry-chain.ts';
import { parseFilters } from '../schemas/filters.ts';
import { SuitabilityQuery, SuitabilityResult } from '../schemas/suitability.ts';

/** A 400 for a number the schema let through but is not finite (e.g. "Infinity"), until a shared finite type lands. */
function finite(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badParameter(name, `must be a finite number; got ${String(value)}`);
  return value;
}

/** Investor analytics: thin handlers that check the query and run the reports (suitability-report.ts, chain-report.ts) in the analytics pool. */
export default (async (app) => {
  const catalog = app.catalog;

  app.get(
    '/api/analytics/suitability',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Which park suits my company? Parks ranked 0–100 on weighted criteria, with the parts of each score and the raw values behind them',
        description: 'Criteria: organisations of my sectors nearby (distance decay), universities and labs nearby, the plan\'s open innovation platforms of my sectors, distance to the nearest airport and container port, the city\'s location quotient in my sectors, park area. Normalised min–max across the parks compared; missing values are flagged and their weight redistributed.',
        querystring: SuitabilityQuery,
        response: { 200: SuitabilityResult, 400: ErrorBody, 503: ErrorBody }
      }
    },
    async (req, reply) => {
      const q = req.query as Record<string, unknown> & { sector: string; city?: string; kind?: string; park?: string; radiusKm?: number };
      const filters = parseFilters({ sector: q.sector, city: q.city, kind: q.kind }, catalog.vocabulary);
      if (!filters.sectors) throw badParameter('sector', 'give at least one sector id, e.g. sector=service-robots');
      const weights = Object.fromEntries(CRITERIA.map((c) => [c, finite(WEIGHT_PARAMETERS[c], q[WEIGHT_PARAMETERS[c]]) ?? 1])) as Weights;
      finite('radiusKm', q.radiusKm);
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
      // Every organisation counts (no filters): city and kind pick the parks compared, not the organisations.
      return app.runReport(req, reply, 'suitability', { parkIds: parks.map((p) => p.properties.id) });
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
        response: { 200: ChainResult, 400: ErrorBody, 404: ErrorBody, 503: ErrorBody }
      }
    },
    async (req, reply) => {
      if (!catalog.chainLayers) throw new HttpError(404, 'this dataset has no industry-chain layers (geodata/curated/chain-layers.json)');
      const q = req.query;
      parseFilters({ city: q.city }, catalog.vocabulary);
      finite('radiusKm', q.radiusKm);
      const parkIds = q.park?.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = parkIds?.filter((id) => !catalog.park(id)) ?? [];
      if (unknown.length) throw badParameter('park', `unknown park id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`);
      return app.runReport(req, reply, 'chain', { parkIds });
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
