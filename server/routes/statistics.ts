import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hotspotsReportSteps, HOTSPOT_DEFAULTS, TooManyCells, type HotspotGrid } from '../analytics/hotspots-report.ts';
import { GI_STAR_DEFAULTS } from '../analytics/getis-ord.ts';
import { runToEnd } from '../analytics/progress.ts';
import { RIPLEY_DEFAULTS } from '../analytics/ripley.ts';
import { ripleyReportSteps } from '../analytics/ripley-report.ts';
import { studyAreasOf, type StudyArea } from '../analytics/study-area.ts';
import { badParameter, ErrorBody } from '../schemas/errors.ts';
import { parseFilters, type ListQuery } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { HotspotsQuery, HotspotsResult, RipleyQuery, RipleyResult } from '../schemas/statistics.ts';

const tags = ['analytics'];
const errors = { 400: ErrorBody };

/** Significance statistics: Getis-Ord Gi* hot spots and Ripley's L with its CSR envelope (thin shells over server/analytics). */
export default (async (app) => {
  const catalog = app.catalog;
  const studyAreas = studyAreasOf(catalog);

  const selected = async (query: ListQuery) => {
    const filters = parseFilters(query, catalog.vocabulary);
    const organizations = (await catalog.organizationsMatching({ ...filters, limit: Number.MAX_SAFE_INTEGER, offset: 0 })).features;
    return { filters, organizations };
  };
  /** The city filter's cities, else the cities the selection is in, else the focus cities; built once per set. */
  const studyAreaOf = (cityFilter: ReadonlySet<string> | undefined, organizations: readonly OrganizationFeature[]): StudyArea => {
    const fromData = [...new Set(organizations.map((o) => o.properties.city))];
    const focus = catalog.cities.filter((c) => c.properties.focus).map((c) => c.properties.id);
    return studyAreas.of(cityFilter ?? (fromData.length ? fromData : focus));
  };

  app.get(
    '/api/analytics/hotspots',
    { schema: { tags, summary: 'Is a hot spot more than chance? Getis-Ord Gi* over hexagon cells with permutation and FDR-corrected p-values', querystring: HotspotsQuery, response: { 200: HotspotsResult, ...errors } } },
    async (req) => {
      const q = req.query;
      if ((q.grid ?? 'h3') === 'h3' && q.cellKm !== undefined) throw badParameter('cellKm', 'grid=h3 takes res (an H3 resolution); cellKm is for grid=km');
      if (q.grid === 'km' && q.res !== undefined) throw badParameter('res', 'grid=km takes cellKm (the hexagon side, km); res is for grid=h3');
      const { filters, organizations } = await selected(q);
      const grid: HotspotGrid = q.grid === 'km' ? { kind: 'km', cellKm: q.cellKm ?? HOTSPOT_DEFAULTS.cellKm } : { kind: 'h3', resolution: q.res ?? HOTSPOT_DEFAULTS.resolution };
      try {
        return runToEnd(hotspotsReportSteps({ organizations, studyArea: studyAreaOf(filters.cities, organizations), grid, permutations: q.permutations ?? GI_STAR_DEFAULTS.permutations, seed: q.seed ?? GI_STAR_DEFAULTS.seed }));
      } catch (err) {
        if (err instanceof TooManyCells) throw badParameter(err.parameter, err.message);
        throw err;
      }
    }
  );

  app.get(
    '/api/analytics/ripley',
    { schema: { tags, summary: "Clustered at which distances? Besag's L(r) − r with a Monte Carlo envelope of complete spatial randomness inside the cities' land", querystring: RipleyQuery, response: { 200: RipleyResult, ...errors } } },
    async (req) => {
      const q = req.query;
      const { filters, organizations } = await selected(q);
      return runToEnd(ripleyReportSteps({ organizations, studyArea: studyAreaOf(filters.cities, organizations), simulations: q.simulations ?? RIPLEY_DEFAULTS.simulations, seed: q.seed ?? RIPLEY_DEFAULTS.seed, maxDistanceKm: q.maxDistanceKm }));
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
