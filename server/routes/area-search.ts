import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bbox as turfBbox } from '@turf/turf';
import { loadGazetteer } from '../import/address/gazetteer.ts';
import { addressLocator, areaShapesOf } from '../import/address/locate-address.ts';
import { AreaPlacer } from '../import/address/place.ts';
import { ErrorBody, HttpError } from '../schemas/errors.ts';

const AreaMatch = Type.Object(
  {
    query: Type.String(),
    matched_text: Type.String({ description: 'The leading part of the query that named the area' }),
    area_code: Type.String({ description: 'Code of the smallest division named (6 or 9 digits)' }),
    area_name: Type.String(),
    area_level: Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('town')]),
    city: Type.String(),
    placed_code: Type.String({ description: 'The area whose outline stands for it: its own, or for a town without one (every town outside Dongguan), its district’s' }),
    placed_name: Type.String(),
    center: Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat] of the representative point' }),
    radius_km: Type.Number({ description: 'Distance from the centre to the farthest outline vertex' }),
    bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: 'Bounding box of the outline, to fit the map to' })
  },
  { $id: 'AreaMatch' }
);

/** Address or area-name search: the area an address like 南山区粤海街道 names, for the map to fly to. */
export default (async (app, opts: { geodataDir: string }) => {
  const shapes = areaShapesOf(app.catalog);
  const boxes = new Map(shapes.map((s) => [s.code, turfBbox(s.geometry)]));
  const gazetteer = loadGazetteer(opts.geodataDir);
  const locate = gazetteer && addressLocator(gazetteer, new AreaPlacer(shapes));

  app.get(
    '/api/areas/search',
    {
      schema: {
        tags: ['places'],
        summary: 'The area (city, district, town or functional zone of the five cities) an address or area name names',
        description: 'Read offline against the official division names and codes, as the address-only import does. 404 with the reason (bilingual) when the text names no area, or names an ambiguous or conflicting one.',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200, description: 'An address or area name, e.g. 南山区粤海街道, 松山湖, 东莞市横沥镇' }) }, { additionalProperties: false }),
        response: { 200: AreaMatch, 400: ErrorBody, 404: ErrorBody }
      }
    },
    async (req) => {
      if (!locate) throw new HttpError(404, 'this dataset has no division names (divisions/guangdong.json) to search · 此数据集没有行政区划名称，无法按地址搜索', 'q');
      const result = locate(req.query.q);
      if (!result.ok) {
        const { problem, expected } = result.error;
        throw new HttpError(404, `${problem.en}; try ${expected.en} · ${problem.zh}；请输入${expected.zh}`, 'q');
      }
      const { located } = result;
      return {
        query: req.query.q,
        matched_text: located.fields.address_matched,
        area_code: located.fields.area_code,
        area_name: located.fields.area_name,
        area_level: located.fields.area_level,
        city: located.city,
        placed_code: located.placedCode,
        placed_name: located.placedName,
        center: located.lonLat,
        radius_km: located.precisionM / 1000,
        bbox: boxes.get(located.placedCode)!
      };
    }
  );
}) satisfies FastifyPluginAsyncTypebox<{ geodataDir: string }>;
