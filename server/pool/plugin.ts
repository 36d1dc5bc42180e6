import { area } from '@turf/turf';
import fp from 'fastify-plugin';
import type { ReportData } from '../analytics/report-context.ts';
import { platformMembersOf } from '../analytics/suitability-prep.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { reportRunner, type RunReport } from './report-runner.ts';
import { AnalyticsPool, analyticsPoolOptionsFromEnv, type AnalyticsPoolOptions } from './analytics-pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    analyticsPool: AnalyticsPool;
    /** Runs an analytics report in the pool for a route (see report-runner.ts). */
    runReport: RunReport;
  }
}

/** The static catalog data every worker receives once. */
export function reportData(catalog: Catalog): ReportData {
  return {
    vocabulary: catalog.vocabulary,
    cities: catalog.cities.map(({ properties: { id, name_zh, name_en } }) => ({ id, name_zh, name_en })),
    cityAreasKm2: catalog.cities.map((c) => [c.properties.id, area(c) / 1e6]),
    focusCities: catalog.cities.filter((c) => c.properties.focus).map((c) => c.properties.id),
    districts: catalog.districts,
    parks: catalog.parks,
    targets: catalog.targets,
    cityOutlines: catalog.cities.map((c) => ({ properties: { id: c.properties.id }, geometry: c.geometry })),
    land: catalog.land,
    transport: catalog.transport,
    sectors: catalog.sectors,
    chainLayers: catalog.chainLayers,
    platformMembers: platformMembersOf(catalog.shippedOrganizations)
  };
}

export interface AnalyticsPluginOptions extends Partial<AnalyticsPoolOptions> {
  /**
   * Start the workers as the plugin registers, and warm() the pool once the app is ready (every dataset
   * loaded): the server sets it, so the workers load their code and catalog data while the datasets load,
   * not after. Without it (tests) workers start on the first job, or on warm().
   */
  warm?: boolean;
  /** Where the workers keep the per-dataset lookups between starts (beside the column snapshots); none: found anew on every start. */
  lookupsFile?: string;
}

/** Decorates `app.analyticsPool` and `app.runReport` (workers start on the first job or on warm(), see AnalyticsPluginOptions.warm) and stops it when the app closes. */
export default fp<AnalyticsPluginOptions>(
  async (app, { warm, lookupsFile, ...opts }) => {
    const currentData = () => ({ columns: app.catalog.organizationTable.columns, dataVersion: app.catalog.version });
    const pool = new AnalyticsPool(reportData(app.catalog), { ...analyticsPoolOptionsFromEnv(process.env), ...opts }, (err) => app.log.error({ err }, 'analytics worker failed'), currentData, lookupsFile ? { file: lookupsFile, log: (m, level) => app.log[level](m) } : undefined);
    if (warm) {
      pool.startWorkers();
      app.addHook('onReady', () => pool.warm());
    }
    // Once warm, each data version's per-dataset lookups are found as soon as it is adopted.
    const stopPreparing = app.catalog.onChange(() => pool.prepare(currentData()));
    app.decorate('analyticsPool', pool);
    app.decorate('runReport', reportRunner(app.catalog, pool));
    app.addHook('onClose', () => {
      stopPreparing();
      return pool.close();
    });
  },
  { name: 'analytics-pool', dependencies: ['catalog'] }
);
