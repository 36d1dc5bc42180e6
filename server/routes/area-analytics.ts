import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { area } from '@turf/turf';
import { areaReport, type AreaRecordInput, type AreaUnit } from '../analytics/area-report.ts';
import { areaIndex, areaOfEachPoint } from '../analytics/district-join.ts';
import { sectorsOfRow, UNKNOWN_CODE } from '../catalog/organization-columns.ts';
import { featureOfRow } from '../catalog/organization-table.ts';
import { AreasQuery, AreasResult } from '../schemas/area-analytics.ts';
import { badParameter, ErrorBody } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';

/** Counts per area (district, or Dongguan whole), per km² and as a location quotient, with classed breaks for a choropleth. */
export default (async (app) => {
  const catalog = app.catalog;
  const focus = new Set(catalog.cities.filter((c) => c.properties.focus).map((c) => c.properties.id));
  const withDistricts = new Set(catalog.districts.map((d) => d.properties.city));
  // The choropleth's areas: the focus cities' districts, and focus cities that have none (Dongguan).
  const areas = [
    ...catalog.districts.filter((d) => focus.has(d.properties.city)).map((d) => ({ feature: d, city: d.properties.city })),
    ...catalog.cities.filter((c) => focus.has(c.properties.id) && !withDistricts.has(c.properties.id)).map((c) => ({ feature: c, city: c.properties.id }))
  ];
  const units: AreaUnit[] = areas.map((a) => ({ code: a.feature.properties.code, city: a.city, areaKm2: area(a.feature) / 1e6 }));
  const index = areaIndex(areas.map((a) => a.feature));

  app.get(
    '/api/analytics/areas',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Organisations per district (Dongguan as a whole): counts, per km², location quotient, classed for a choropleth',
        description:
          'Point records count in the district their point lies in; records placed by address (located_by = admin-area) count in the district their address names, never by their stand-in point. Towns count in their district (Dongguan’s, in Dongguan as a whole): only Dongguan’s towns have outlines, so there is no town level for all five cities.',
        querystring: AreasQuery,
        response: { 200: AreasResult, 400: ErrorBody }
      }
    },
    async (req) => {
      const q = req.query;
      const measure = q.measure ?? 'per_km2';
      if (q.lq_sector !== undefined && !catalog.vocabulary.sectors.includes(q.lq_sector)) throw badParameter('lq_sector', `unknown sector "${q.lq_sector}"; expected one of ${catalog.vocabulary.sectors.join(', ')}`);
      if (measure === 'lq' && !q.lq_sector) throw badParameter('lq_sector', 'measure=lq needs lq_sector, the sector whose location quotient to compute');
      // Read from the columns: only records placed by address need their whole properties (area_code).
      const table = catalog.organizationTable;
      const rows = (await catalog.organizationRows(parseFilters(q, catalog.vocabulary))) ?? Uint32Array.from({ length: table.columns.size }, (_, i) => i);
      const { columns } = table;
      const records = Array.from(rows, (i): AreaRecordInput =>
        columns.areaPlaced[i] === 1 || columns.cityCode[i] === UNKNOWN_CODE ? featureOfRow(table, i).properties : { city: columns.vocabulary.cities[columns.cityCode[i]], sectors: sectorsOfRow(columns, i) }
      );
      const pointUnit = areaOfEachPoint(index, Array.from(rows, (i) => [columns.lon[i], columns.lat[i]]));
      const report = areaReport(units, records, pointUnit, { measure, lqSector: q.lq_sector, classes: q.classes ?? 5, method: q.method ?? 'ckmeans' });
      return {
        type: 'FeatureCollection' as const,
        features: areas.map((a, i) => ({
          type: 'Feature' as const,
          geometry: a.feature.geometry,
          properties: { code: units[i].code, name_zh: a.feature.properties.name_zh, name_en: a.feature.properties.name_en, city: a.city, area_km2: Math.round(units[i].areaKm2 * 100) / 100, ...report.stats[i] }
        })),
        measure,
        method: q.method ?? 'ckmeans',
        lq_sector: q.lq_sector ?? null,
        breaks: report.breaks,
        total: records.length,
        city_only: report.cityOnly,
        outside: report.outside,
        towns: 'Town outlines ship for Dongguan only (geodata/README.md), so the units are districts: records placed to a town count in its district, Dongguan’s in Dongguan as a whole.'
      };
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
