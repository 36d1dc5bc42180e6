import type { OutgoingHttpHeaders } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { area, bbox as turfBbox, bboxPolygon, featureCollection, point } from '@turf/turf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { organizationsWithin, pointIndex } from '../analytics/catchment.ts';
import { clusterReportSteps, HULL_DEFAULTS } from '../analytics/clusters.ts';
import { DBSCAN_DEFAULTS } from '../analytics/dbscan.ts';
import { areaIndex, countPerArea } from '../analytics/district-join.ts';
import { deviationalEllipse } from '../analytics/ellipse.ts';
import { HEX_DEFAULTS, hexDensitySteps, resolutionForEdgeKm } from '../analytics/hex-density.ts';
import { coveringBbox, HEX_GRID_DEFAULTS, hexGridDensity } from '../analytics/hex-grid-density.ts';
import { KERNEL_DEFAULTS, kernelDensitySteps } from '../analytics/kernel-density.ts';
import { clusterStrengthCards, ECO_STAR_RULE } from '../analytics/cluster-strength.ts';
import { BANDWIDTH_RULE, silvermanBandwidthKm } from '../analytics/kernel-bandwidth.ts';
import { locationQuotients, STRONG_CLUSTER_RULE } from '../analytics/location-quotient.ts';
import { isPointPlaced, precisionReport } from '../analytics/point-precision.ts';
import { INTERVAL_RULE, MIN_STAR_COUNT } from '../analytics/small-numbers.ts';
import { nearestNeighbourIndex, NNI_SIGNIFICANCE } from '../analytics/nni.ts';
import { progressAgainstPlan } from '../analytics/plan-targets.ts';
import { runToEnd, type Progressive } from '../analytics/progress.ts';
import { sectorHotSpotCities, SECTOR_HOTSPOT_RULE } from '../analytics/sector-hotspots.ts';
import { studyAreasOf } from '../analytics/study-area.ts';
import { sectorTally } from '../analytics/sector-tally.ts';
import {
  CatchmentQuery, CatchmentResult, ClustersQuery, ClustersResult, DensityQuery, DensityResult, EllipseQuery, EllipseResult,
  NniQuery, NniResult, SpecializationQuery, SpecializationResult, TargetsQuery, TargetsResult
} from '../schemas/analytics.ts';
import { badParameter, ErrorBody, HttpError, notFound } from '../schemas/errors.ts';
import { parseFilters, type ListQuery } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';

const collection = <F>(features: F[]) => ({ type: 'FeatureCollection' as const, features });
const positionsOf = (organizations: readonly OrganizationFeature[]) => organizations.map((o) => o.geometry.coordinates);
const tags = ['analytics'];
const errors = { 400: ErrorBody, 404: ErrorBody };

/** A computation that yields nothing: for answers quick enough to need no progress. */
function* immediately<T>(compute: () => T): Progressive<T> {
  return compute();
}

/**
 * Runs `steps` and answers with its result as JSON, or (with `stream=sse`) as server-sent events:
 * progress fractions, then the result. The stream is written raw, past compression, so each event
 * leaves at once; the computation yields to the event loop between events and stops if the client goes.
 */
async function answer<T>(req: FastifyRequest, reply: FastifyReply, steps: Progressive<T>): Promise<T> {
  if ((req.query as { stream?: string }).stream !== 'sse') return runToEnd(steps);
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  let closed = false;
  out.on('close', () => (closed = true));
  const send = (event: string, data: unknown) => out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  let reported = -1;
  try {
    for (let step = steps.next(); !closed; step = steps.next()) {
      if (step.done) {
        send('result', step.value);
        break;
      }
      if (step.value - reported >= 0.01) {
        reported = step.value;
        send('progress', { fraction: Math.round(step.value * 1000) / 1000 });
        await nextTurn();
      }
    }
  } catch (err) {
    const status = err instanceof HttpError ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'analytics stream failed');
    send('error', { statusCode: status, error: status >= 500 ? 'Internal Server Error' : 'Bad Request', message: status >= 500 ? 'internal error' : (err as Error).message });
  }
  out.end();
  // The reply is hijacked: Fastify ignores what the handler returns.
  return undefined as never;
}

/** The analytics endpoints under /api/analytics/: thin shells over the pure functions in server/analytics/. */
export default (async (app) => {
  const catalog = app.catalog;
  const districtIndex = areaIndex(catalog.districts);
  const cityAreaKm2 = new Map(catalog.cities.map((c) => [c.properties.id, area(c) / 1e6]));
  const focusCities = catalog.cities.filter((c) => c.properties.focus).map((c) => c.properties.id);
  const studyAreas = studyAreasOf(catalog);

  const selected = (query: ListQuery): OrganizationFeature[] =>
    catalog.organizationsMatching({ ...parseFilters(query, catalog.vocabulary), limit: Number.MAX_SAFE_INTEGER, offset: 0 }).features;

  app.get(
    '/api/analytics/density',
    { schema: { tags, summary: 'Where is it dense? H3 hexagon counts, a kernel density surface with contour bands, and counts per district', querystring: DensityQuery, response: { 200: DensityResult, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      if (q.resolution !== undefined && q.edgeKm !== undefined) throw badParameter('edgeKm', 'give resolution or edgeKm, not both');
      if (q.grid === 'km' && q.resolution !== undefined) throw badParameter('resolution', 'grid=km takes edgeKm (the cell side), not an H3 resolution');
      const everyRecord = selected(q);
      // Hexagons and the kernel are point statistics: records placed only to an area are counted in districts alone.
      const organizations = everyRecord.filter(isPointPlaced);
      const topSectors = q.topSectors ?? HEX_DEFAULTS.topSectors;
      const resolution = q.edgeKm !== undefined ? resolutionForEdgeKm(q.edgeKm) : (q.resolution ?? HEX_DEFAULTS.resolution);
      const kmHexagons = () => {
        const cellSideKm = q.edgeKm ?? HEX_GRID_DEFAULTS.cellSideKm;
        const bbox = coveringBbox(positionsOf(organizations), cellSideKm, parseFilters(q, catalog.vocabulary).bbox);
        if (!bbox) return { grid: 'km' as const, edgeKm: cellSideKm, cells: [] };
        try {
          const sectorLists = organizations.map((o) => o.properties.sectors);
          const { cells } = hexGridDensity(positionsOf(organizations), bbox, cellSideKm, { sectorLists, topSectors });
          return { grid: 'km' as const, edgeKm: cellSideKm, cells };
        } catch (err) {
          throw err instanceof RangeError ? badParameter('edgeKm', err.message) : err;
        }
      };
      return answer(req, reply, (function* () {
        const hex = q.grid === 'km' ? kmHexagons() : { grid: 'h3' as const, ...(yield* hexDensitySteps(organizations, resolution, topSectors)) };
        const suggestedKm = silvermanBandwidthKm(positionsOf(organizations));
        const bandwidthKm = q.bandwidthKm ?? (suggestedKm === null ? KERNEL_DEFAULTS.bandwidthKm : Math.min(50, Math.max(0.05, suggestedKm)));
        const kernelOptions = { bandwidthKm, cellKm: q.kernelCellKm ?? KERNEL_DEFAULTS.cellKm, bands: q.bands ?? KERNEL_DEFAULTS.bands };
        const kernel = yield* kernelDensitySteps(positionsOf(organizations), kernelOptions);
        const { counts, outside } = countPerArea(districtIndex, positionsOf(everyRecord));
        const finer = hex.edgeKm < bandwidthKm ? { name: `hexagon edge (${hex.grid})`, km: hex.edgeKm } : { name: 'bandwidthKm', km: bandwidthKm };
        const districts = catalog.districts
          .map((d, i) => ({ code: d.properties.code, name_zh: d.properties.name_zh, name_en: d.properties.name_en, city: d.properties.city, count: counts[i] }))
          .filter((d) => d.count > 0)
          .sort((a, b) => b.count - a.count);
        return {
          total: organizations.length,
          precision: precisionReport(everyRecord, finer),
          hexagons: {
            grid: hex.grid,
            ...('resolution' in hex ? { resolution: hex.resolution } : {}),
            edgeKm: hex.edgeKm,
            cells: collection(hex.cells.map((c) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [c.ring] }, properties: { ...('h3' in c ? { h3: c.h3 } : {}), count: c.count, share: c.share, top_sectors: c.topSectors } })))
          },
          kernel: {
            ...kernel,
            bandwidthSource: q.bandwidthKm === undefined ? ('data' as const) : ('given' as const),
            suggestedBandwidthKm: suggestedKm,
            bandwidthRule: BANDWIDTH_RULE,
            bands: collection(kernel.bands.map((b) => ({ type: 'Feature' as const, geometry: b.geometry, properties: { lower_per_km2: b.properties.lowerPerKm2, upper_per_km2: b.properties.upperPerKm2 } })))
          },
          districts: { counts: districts, outside }
        };
      })());
    }
  );

  app.get(
    '/api/analytics/clusters',
    { schema: { tags, summary: 'Where are the clusters? DBSCAN with hulls, sizes, areas, parks overlapped and sector mix', querystring: ClustersQuery, response: { 200: ClustersResult, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      const options = { epsKm: q.epsKm ?? DBSCAN_DEFAULTS.epsKm, minPoints: q.minPoints ?? DBSCAN_DEFAULTS.minPoints };
      const hull = q.hull === 'concave' ? { hull: 'concave' as const, concavity: q.concavity ?? HULL_DEFAULTS.concavity } : { hull: 'convex' as const };
      const everyRecord = selected(q);
      const organizations = everyRecord.filter(isPointPlaced);
      return answer(req, reply, (function* () {
        const report = yield* clusterReportSteps(organizations, catalog.parks, { ...options, hull });
        const kinds = report.clusters.map((c) => (c.distinctLocations < 3 ? ('co-located' as const) : ('cluster' as const)));
        return {
          total: report.total,
          ...options,
          precision: precisionReport(everyRecord, { name: 'epsKm', km: options.epsKm }),
          colocatedCount: kinds.filter((k) => k === 'co-located').length,
          clusterCount: report.clusters.length,
          noiseCount: report.noiseCount,
          clusters: collection(report.clusters.map((c) => ({
            type: 'Feature' as const,
            geometry: c.geometry,
            properties: { id: c.id, kind: kinds[c.id], distinct_locations: c.distinctLocations, member_count: c.memberCount, centre: c.centre, area_km2: c.areaKm2, city: c.city, park_ids: c.parkIds, sectors: c.sectors }
          })))
        };
      })());
    }
  );

  app.get(
    '/api/analytics/nni',
    { schema: { tags, summary: 'Clustered or dispersed? Nearest-neighbour index with z-score and p-value, overall and per sector', querystring: NniQuery, response: { 200: NniResult, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      const filters = parseFilters(q, catalog.vocabulary);
      const everyRecord = selected(q);
      const organizations = everyRecord.filter(isPointPlaced);
      return answer(req, reply, (function* () {
        let studyArea;
        if ((q.studyArea ?? 'city') === 'city') {
          const cities = filters.cities ? [...filters.cities] : [...new Set(organizations.map((o) => o.properties.city))].sort();
          studyArea = { kind: 'city' as const, cities, areaKm2: cities.reduce((s, c) => s + (cityAreaKm2.get(c) ?? 0), 0) };
        } else {
          const box = filters.bbox ?? (organizations.length ? turfBbox(featureCollection(organizations)) : [0, 0, 0, 0]);
          studyArea = { kind: 'bbox' as const, bbox: [...box], areaKm2: area(bboxPolygon(box as [number, number, number, number])) / 1e6 };
        }
        const overall = nearestNeighbourIndex(positionsOf(organizations), studyArea.areaKm2);
        const bySector = [];
        const sectors = catalog.vocabulary.sectors.filter((s) => !filters.sectors || filters.sectors.has(s));
        for (const [i, sector] of sectors.entries()) {
          const members = organizations.filter((o) => o.properties.sectors.includes(sector));
          const { areaKm2: _area, ...result } = nearestNeighbourIndex(positionsOf(members), studyArea.areaKm2);
          bySector.push({ sector, ...result });
          yield (i + 1) / sectors.length;
        }
        const { areaKm2: _overallArea, ...overallResult } = overall;
        // NNI asks for no scale: the distances it measures are the observed nearest-neighbour ones.
        const precision = precisionReport(everyRecord, { name: 'observed mean nearest-neighbour distance', km: overall.observedKm ?? Infinity });
        return { studyArea, significance: NNI_SIGNIFICANCE, overall: overallResult, bySector, precision };
      })());
    }
  );

  app.get(
    '/api/analytics/ellipse',
    { schema: { tags, summary: 'Which way does it spread? Standard deviational ellipse per sector or per city', querystring: EllipseQuery, response: { 200: EllipseResult, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      const groupBy = q.groupBy ?? 'sector';
      const organizations = selected(q).filter(isPointPlaced);
      return answer(req, reply, immediately(() => {
        const groups = new Map<string, OrganizationFeature[]>();
        for (const o of organizations) {
          for (const key of groupBy === 'sector' ? o.properties.sectors : [o.properties.city]) groups.set(key, [...(groups.get(key) ?? []), o]);
        }
        const features = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, members]) => {
          const e = deviationalEllipse(positionsOf(members));
          const centre = e?.centre ?? (members[0].geometry.coordinates.slice(0, 2) as [number, number]);
          const note = e?.geometry ? undefined : { zh: '至少需要三个不共线的点才能画出椭圆', en: 'an ellipse needs at least three points not on one line' };
          return {
            type: 'Feature' as const,
            geometry: e?.geometry ?? null,
            properties: { group_by: groupBy, group, n: members.length, centre, major_axis_km: e?.majorAxisKm ?? 0, minor_axis_km: e?.minorAxisKm ?? 0, bearing_deg: e?.bearingDeg ?? 0, ...(note ? { note } : {}) }
          };
        });
        return collection(features);
      }));
    }
  );

  app.get(
    '/api/analytics/specialization',
    { schema: { tags, summary: 'What is each city specialised in? Location quotient per city × sector with the strong-cluster flag', description: STRONG_CLUSTER_RULE.en, querystring: SpecializationQuery, response: { 200: SpecializationResult, ...errors } } },
    async (req, reply) => {
      const filters = parseFilters(req.query, catalog.vocabulary);
      // Shares are of the whole five-city region: the city and sector filters pick rows, not the population.
      const population = catalog.organizationsMatching({ ...filters, cities: undefined, sectors: undefined, limit: Number.MAX_SAFE_INTEGER, offset: 0 }).features;
      return answer(req, reply, immediately(() => {
        const shown = (c: { city: string; sector: string }) => (!filters.cities || filters.cities.has(c.city)) && (!filters.sectors || filters.sectors.has(c.sector));
        const region = locationQuotients(population.map((o) => o.properties), focusCities, catalog.vocabulary.sectors);
        const cells = region.filter(shown);
        return {
          region: focusCities,
          basis: {
            zh: '按机构所列行业计数（一个机构列出几个行业就计几次）；区域为五个重点城市；城市和行业筛选只选择显示的行，类型、关键词和范围筛选决定参与统计的机构',
            en: 'counts of sector listings (an organisation listing several sectors counts in each); the region is the five focus cities; the city and sector filters pick the rows shown, while type, q and bbox pick the organisations counted'
          },
          rule: STRONG_CLUSTER_RULE,
          minCount: MIN_STAR_COUNT,
          intervalRule: INTERVAL_RULE,
          starRule: ECO_STAR_RULE,
          cells,
          hotSpotRule: { zh: SECTOR_HOTSPOT_RULE.zh, en: SECTOR_HOTSPOT_RULE.en },
          cards: clusterStrengthCards(region, sectorHotSpotCities(population, studyAreas.of(focusCities), catalog.vocabulary.sectors)).filter(shown)
        };
      }));
    }
  );

  app.get(
    '/api/analytics/catchment',
    { schema: { tags, summary: 'What is near this park or point? Organisations within radiusKm, by sector', querystring: CatchmentQuery, response: { 200: CatchmentResult, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      const filters = parseFilters(q, catalog.vocabulary);
      const radiusKm = q.radiusKm ?? 5;
      if (q.park === undefined && (q.lon === undefined || q.lat === undefined)) throw badParameter(q.lon === undefined ? 'lon' : 'lat', 'give a park id, or both lon and lat');
      if (q.park !== undefined && (q.lon !== undefined || q.lat !== undefined)) throw badParameter('park', 'give a park id or lon/lat, not both');
      const park = q.park === undefined ? undefined : catalog.park(q.park);
      if (q.park !== undefined && !park) throw notFound('park', q.park);
      const around = park ? (park.geometry.type === 'Point' ? (park.geometry.coordinates.slice(0, 2) as [number, number]) : park.geometry) : ([q.lon!, q.lat!] as [number, number]);
      const organizations = selected(q);
      return answer(req, reply, immediately(() => {
        const found = organizationsWithin(pointIndex(organizations), around, radiusKm);
        return {
          ...(park ? { park: park.properties.id } : { centre: [q.lon!, q.lat!] }),
          radiusKm,
          total: found.total,
          bySector: sectorTally(found.features.map((f) => f.properties.sectors)),
          organizations: { type: 'FeatureCollection' as const, features: found.features.slice(filters.offset, filters.offset + filters.limit), total: found.total, limit: filters.limit, offset: filters.offset }
        };
      }));
    }
  );

  app.get(
    '/api/analytics/targets',
    { schema: { tags, summary: "Against the plan: for each 2020 target the data can speak to, the count it supports by city", querystring: TargetsQuery, response: { 200: TargetsResult, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      const filters = parseFilters(q, catalog.vocabulary);
      const organizations = selected(q);
      const parks = catalog.parksMatching({ ...filters, kinds: undefined, types: undefined, limit: Number.MAX_SAFE_INTEGER, offset: 0 }).features;
      return answer(req, reply, immediately(() => progressAgainstPlan(catalog.targets, { organizations, parks }, focusCities)));
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
