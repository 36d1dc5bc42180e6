import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { bbox as turfBbox, featureCollection } from '@turf/turf';
import { loadGazetteer } from '../import/address/gazetteer.ts';
import { addressLocator, areaShapesOf } from '../import/address/locate-address.ts';
import { AreaPlacer } from '../import/address/place.ts';
import { editedRecord } from '../import/edit.ts';
import { importFile, refusedReport, type ImportReport } from '../import/import-file.ts';
import { IMPORT_LIMITS, type ImportLimits } from '../import/limits.ts';
import { DEFAULT_PRECISION_M, importOptions } from '../import/options.ts';
import { ImportFileError } from '../import/problems.ts';
import { importFingerprint, RecentImports } from '../import/recent-imports.ts';
import type { RowContext } from '../import/rows.ts';
import { cityResolver, sectorResolver } from '../import/vocabulary.ts';
import {
  DatasetDetail,
  DatasetParams,
  DatasetSummary,
  DatasetVersion,
  ImportQuery,
  ImportRefused,
  ImportResult,
  RecordParams,
  RecordPatch,
  RollbackBody,
  WriteResult
} from '../schemas/datasets.ts';
import { badParameter, ErrorBody, HttpError, notFound } from '../schemas/errors.ts';
import type { Bbox } from '../schemas/filters.ts';
import type { DatasetVersion as StoredVersion } from '../store/repository.ts';
import { multipartLimits, readUpload, type Upload } from './dataset-upload.ts';

const DATASET_ID_HEX = 8;
const RefusedOrError = Type.Union([ImportRefused, ErrorBody]);
type DatasetSummaryRow = Static<typeof DatasetSummary>;

export default (async (app, opts: { limits?: Partial<ImportLimits>; geodataDir: string }) => {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...opts.limits };
  const recentImports = new RecentImports();
  await app.register(multipart, { limits: multipartLimits(limits) });

  const { cities, sectors } = app.catalog;
  const gazetteer = loadGazetteer(opts.geodataDir);
  const vocabulary = {
    region: turfBbox(featureCollection(cities)) as Bbox,
    cityOf: cityResolver(cities.map((c) => c.properties)),
    sectorOf: sectorResolver(sectors),
    knownCities: cities.map((c) => `${c.properties.name_zh}/${c.properties.name_en}`).join(', '),
    knownSectors: sectors.map((s) => `${s.id} (${s.name_zh})`).join(', '),
    limits,
    // Rows without coordinates are placed at the smallest area their address names that has an outline.
    locateAddress: gazetteer && addressLocator(gazetteer, new AreaPlacer(areaShapesOf(app.catalog)))
  };
  const datasetOr404 = async (id: string) => (await app.store.datasets.get(id)) ?? (() => { throw notFound('dataset', id); })();
  // The catalog is refreshed before the answer, so the writer's next request already sees the write.
  const writeResult = async (id: string, version: StoredVersion) => {
    await app.datasetSync.refresh(id);
    return { dataset: (await app.store.datasets.get(id))!, version };
  };

  app.post(
    '/api/datasets',
    {
      onRequest: app.requireEditor,
      schema: {
        tags: ['datasets'],
        summary: 'Import organisations from a CSV, GeoJSON or XLSX file (multipart field "file"); options as query or form fields',
        description:
          'The same file with the same options sent again by the same key within 5 minutes (or any upload with an `Idempotency-Key` header used before) answers 200 with the first dataset and `Idempotent-Replayed: true` instead of making a copy.',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        // Any status may also come from Fastify itself (a body limit, a parse error) as a plain ErrorBody.
        response: { 200: ImportResult, 201: ImportResult, 400: RefusedOrError, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 413: RefusedOrError, 415: RefusedOrError, 422: RefusedOrError }
      }
    },
    async (req, reply) => {
      let upload: Upload;
      try {
        upload = await readUpload(req, limits);
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        const report = refusedReport({ fileName: '', bytes: new Uint8Array() }, 'WGS84', DEFAULT_PRECISION_M, error.problem);
        return reply.code(error.status).send(refusal(error.status, error.problem.code, error.message, report));
      }
      const options = importOptions(req.query, upload.fields);
      const writer = req.writer!;
      type Answer = { status: 200 | 201 | 400 | 413 | 415 | 422; body: { dry_run: boolean; report: ImportReport; dataset?: DatasetSummaryRow } | ReturnType<typeof refusal> };
      const importUpload = async (): Promise<Answer> => {
        const datasetId = `ds${randomBytes(DATASET_ID_HEX / 2).toString('hex')}`;
        const importDate = new Date().toISOString().slice(0, 10);
        const name = options.name ?? upload.fileName.replace(/\.[^.]+$/, '');
        const ctx: RowContext = { ...vocabulary, datasetId, importDate, crs: options.crs, defaultPrecisionM: options.precisionM, source: `User import "${name}" (file ${upload.fileName}, imported ${importDate})` };
        let result: Awaited<ReturnType<typeof importFile>>;
        try {
          result = await importFile({ fileName: upload.fileName, bytes: upload.bytes, encoding: options.encoding, mapping: options.mapping }, ctx);
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
          const report = refusedReport(upload, options.crs, options.precisionM, error.problem);
          return { status: error.status, body: refusal(error.status, error.problem.code, error.message, report) };
        }
        const { records, report } = result;
        if (options.dryRun) return { status: 200, body: { dry_run: true, report } };
        if (report.rows.rejected > 0 && !options.validRowsOnly) {
          const message = `${report.rows.rejected} of ${report.rows.total} rows have errors, so nothing was imported; fix them or set valid_rows_only=true · ${report.rows.rejected} 行有错误，未导入任何数据`;
          return { status: 422, body: refusal(422, 'rows-rejected', message, report) };
        }
        if (records.length === 0) return { status: 422, body: refusal(422, 'no-valid-rows', 'no row is valid, so nothing was imported · 没有有效行，未导入任何数据', report) };
        const dataset = await app.store.datasets.create({ id: datasetId, name, file_name: upload.fileName, format: report.file.format!, crs: options.crs, report }, records, writer);
        await app.datasetSync.refresh(datasetId);
        return { status: 201, body: { dry_run: false, dataset, report } };
      };
      if (options.dryRun) {
        const { status, body } = await importUpload();
        return reply.code(status).send(body);
      }
      // The same file with the same options from the same writer, or the same Idempotency-Key, within the window: the first dataset.
      const idempotencyKey = req.headers['idempotency-key'];
      const keys = [importFingerprint(writer.keyId, options, upload.fileName, upload.bytes), ...(typeof idempotencyKey === 'string' && idempotencyKey ? [`key:${writer.keyId}:${idempotencyKey}`] : [])];
      const outcome = await recentImports.once(keys, importUpload, (a) => (a.status === 201 && 'dataset' in a.body ? a.body.dataset?.id : undefined));
      if ('result' in outcome) return reply.code(outcome.result.status).send(outcome.result.body);
      const dataset = await app.store.datasets.get(outcome.repeatOf);
      if (!dataset) throw new HttpError(409, `the earlier import of this file (${outcome.repeatOf}) is gone; send it again with another Idempotency-Key`, 'file');
      return reply.code(200).header('idempotent-replayed', 'true').send({ dry_run: false, dataset, report: (await app.store.datasets.report(dataset.id)) as ImportReport });
    }
  );

  app.get('/api/datasets', { schema: { tags: ['datasets'], summary: 'Imported datasets', response: { 200: Type.Array(DatasetSummary) } } }, async () => app.store.datasets.list());

  app.get(
    '/api/datasets/:id',
    { schema: { tags: ['datasets'], summary: 'One dataset with its current records and import report', params: DatasetParams, response: { 200: DatasetDetail, 400: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const dataset = await datasetOr404(req.params.id);
      const features = (await app.store.datasets.records(dataset.id)).map((r) => r.feature);
      return { dataset, report: await app.store.datasets.report(dataset.id), records: { type: 'FeatureCollection' as const, features } };
    }
  );

  app.get(
    '/api/datasets/:id/history',
    { schema: { tags: ['datasets'], summary: 'Every write to the dataset: version, who (key id), when, what', params: DatasetParams, response: { 200: Type.Array(DatasetVersion), 400: ErrorBody, 404: ErrorBody } } },
    async (req) => app.store.datasets.history((await datasetOr404(req.params.id)).id)
  );

  app.patch(
    '/api/datasets/:id/records/:recordId',
    {
      onRequest: app.requireEditor,
      schema: { tags: ['datasets'], summary: 'Edit one record (validated like an import)', params: RecordParams, body: RecordPatch, response: { 200: WriteResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } }
    },
    async (req) => {
      const { id, recordId } = req.params;
      await datasetOr404(id);
      const current = (await app.store.datasets.record(id, recordId)) ?? (() => { throw notFound('record', recordId); })();
      if (Object.keys(req.body).length === 0) throw badParameter('body', `nothing to change: send one or more of ${Object.keys(RecordPatch.properties).join(', ')}`);
      const { record, problems } = editedRecord(current.feature, req.body, vocabulary);
      const error = problems.find((p) => p.severity === 'error');
      if (!record || error) throw badParameter(error?.column ?? 'body', `${error?.problem ?? 'invalid'}; expected ${error?.expected ?? 'a valid record'}`);
      return writeResult(id, await app.store.datasets.putRecord(id, { recordId, feature: record.feature }, req.writer!));
    }
  );

  app.delete(
    '/api/datasets/:id/records/:recordId',
    { onRequest: app.requireEditor, schema: { tags: ['datasets'], summary: 'Delete one record (kept in history)', params: RecordParams, response: { 200: WriteResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const { id, recordId } = req.params;
      await datasetOr404(id);
      if (!(await app.store.datasets.record(id, recordId))) throw notFound('record', recordId);
      return writeResult(id, await app.store.datasets.deleteRecord(id, recordId, req.writer!));
    }
  );

  app.delete(
    '/api/datasets/:id',
    { onRequest: app.requireEditor, schema: { tags: ['datasets'], summary: 'Remove every record of a dataset (a new version: it can be rolled back)', params: DatasetParams, response: { 200: WriteResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => writeResult(req.params.id, await app.store.datasets.deleteDataset((await datasetOr404(req.params.id)).id, req.writer!))
  );

  app.post(
    '/api/datasets/:id/rollback',
    { onRequest: app.requireEditor, schema: { tags: ['datasets'], summary: 'Make the records of an earlier version current again (as a new version)', params: DatasetParams, body: RollbackBody, response: { 200: WriteResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const dataset = await datasetOr404(req.params.id);
      if (req.body.version > dataset.version) throw badParameter('version', `dataset ${dataset.id} has versions 1–${dataset.version}; got ${req.body.version}`);
      return writeResult(dataset.id, await app.store.datasets.rollback(dataset.id, req.body.version, req.writer!));
    }
  );
}) satisfies FastifyPluginAsyncTypebox<{ limits?: Partial<ImportLimits>; geodataDir: string }>;

const REASONS: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity' };

function refusal(statusCode: number, code: string, message: string, report: ImportReport) {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message, parameter: 'file', code, report };
}
