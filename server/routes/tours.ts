import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, HttpError, notFound } from '../schemas/errors.ts';
import { TourDocument, TourParams, TourQuery, TourSummary } from '../schemas/tours.ts';
import type { StoredTour } from '../store/repository.ts';
import { asStoredTour, shippedTour, tourProblems, type TourVocabulary } from '../tours/check.ts';

/** The id of the tour shipped in geodata/curated/tours/plan.json. */
export const BUILTIN_TOUR_ID = 'plan';

const summaryOf = (tour: TourDocument, id: string, updatedAt: string | null) => ({ id, title: tour.title, steps: tour.steps.length, builtin: updatedAt === null, updated_at: updatedAt });

/** Presenter tours: the built-in tour of the plan plus tours editors save; export and import are the same JSON. */
export default (async (app, opts: { builtinTourFile: string }) => {
  const vocabulary: TourVocabulary = { ...app.catalog.vocabulary, parks: app.catalog.parks.map((p) => p.properties.id) };
  // Another GEODATA_DIR may ship no tour; then only saved tours exist.
  const builtin = existsSync(opts.builtinTourFile)
    ? asStoredTour(shippedTour(JSON.parse(readFileSync(opts.builtinTourFile, 'utf8')), vocabulary, opts.builtinTourFile), BUILTIN_TOUR_ID)
    : undefined;

  const playable = (tour: TourDocument): TourDocument => {
    const [first] = tourProblems(tour, vocabulary);
    if (first) throw new HttpError(400, `${first.path}: ${first.message}`, first.path);
    return tour;
  };
  const refuseBuiltin = (id: string) => {
    if (id === BUILTIN_TOUR_ID) throw new HttpError(409, 'the built-in tour "plan" is read-only; save your changes as a new tour (POST /api/tours) · 内置导览为只读，请另存为新导览', 'id');
  };
  const saved = (stored: StoredTour) => asStoredTour(stored.document, stored.id);

  app.get(
    '/api/tours',
    { schema: { tags: ['tours'], summary: 'Every tour: the built-in tour of the plan first, then saved tours', response: { 200: Type.Array(TourSummary) } } },
    async () => [
      ...(builtin ? [summaryOf(builtin, BUILTIN_TOUR_ID, null)] : []),
      ...(await app.store.tours.list()).map((t) => summaryOf(t.document, t.id, t.updated_at))
    ]
  );

  app.get(
    '/api/tours/:id',
    {
      schema: {
        tags: ['tours'],
        summary: 'One tour in the versioned tour format; `download=true` exports it as a file',
        params: TourParams,
        querystring: TourQuery,
        response: { 200: TourDocument, 404: ErrorBody }
      }
    },
    async (req, reply) => {
      const { id } = req.params;
      const stored = id === BUILTIN_TOUR_ID ? undefined : await app.store.tours.get(id);
      const tour = id === BUILTIN_TOUR_ID ? builtin : stored && saved(stored);
      if (!tour) throw notFound('tour', id);
      if (req.query.download) reply.header('content-disposition', `attachment; filename="tour-${id}.json"`);
      return tour;
    }
  );

  app.post(
    '/api/tours',
    {
      onRequest: app.requireEditor,
      schema: {
        tags: ['tours'],
        summary: 'Save a new tour, or import an exported one (its id is replaced by a new one)',
        body: TourDocument,
        response: { 201: TourDocument, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody }
      }
    },
    async (req, reply) => {
      const id = `t${randomBytes(4).toString('hex')}`;
      const stored = await app.store.tours.create(id, asStoredTour(playable(req.body), id), req.writer!);
      return reply.code(201).header('location', `/api/tours/${id}`).send(saved(stored));
    }
  );

  app.put(
    '/api/tours/:id',
    {
      onRequest: app.requireEditor,
      schema: {
        tags: ['tours'],
        summary: 'Replace a saved tour (the built-in tour is read-only)',
        params: TourParams,
        body: TourDocument,
        response: { 200: TourDocument, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
      }
    },
    async (req) => {
      const { id } = req.params;
      refuseBuiltin(id);
      const stored = await app.store.tours.replace(id, asStoredTour(playable(req.body), id), req.writer!);
      if (!stored) throw notFound('tour', id);
      return saved(stored);
    }
  );

  app.delete(
    '/api/tours/:id',
    {
      onRequest: app.requireEditor,
      schema: {
        tags: ['tours'],
        summary: 'Delete a saved tour (the built-in tour is read-only)',
        params: TourParams,
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
      }
    },
    async (req, reply) => {
      const { id } = req.params;
      refuseBuiltin(id);
      if (!(await app.store.tours.delete(id))) throw notFound('tour', id);
      return reply.code(204).send(null);
    }
  );
}) satisfies FastifyPluginAsyncTypebox<{ builtinTourFile: string }>;
