import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { editedRecord } from '../import/edit.ts';
import { refusedReport, type ImportReport } from '../import/import-file.ts';
import { importIsStored } from '../import/import-job.ts';
import { importVocabulary, type ImportVocabularyData } from '../import/import-vocabulary.ts';
import { IMPORT_LIMITS, type ImportLimits } from '../import/limits.ts';
import { DEFAULT_PRECISION_M, importOptions } from '../import/options.ts';
import { ImportFileError } from '../import/problems.ts';
import { importFingerprint, RecentImports } from '../import/recent-imports.ts';
import { ImportBudgetError, ImportCancelledError, ImportMemoryError, ImportPool, importPoolOptionsFromEnv, ImportsBusyError, RecordsNotStoredError } from '../pool/import-pool.ts';
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
import type { DatasetVersion as StoredVersion } from '../store/repository.ts';
import { clientGone } from '../http/event-stream.ts';
import { multipartLimits, readUpload, type Upload } from './dataset-upload.ts';

const DATASET_ID_HEX = 8;
const RefusedOrError = Type.Union([ImportRefused, ErrorBody]);

export default (async (app, opts: { limits?: Partial<ImportLimits>; geodataDir: string }) => {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...opts.limits };
  const recentImports = new RecentImports();
  await app.register(multipart, { limits: multipartLimits(limits) });

  const { cities, districts, towns, sectors } = app.catalog;
  const vocabularyData: ImportVocabularyData = { cities, districts, towns, sectors, geodataDir: opts.geodataDir };
  // Record edits are validated here (one row); whole files on the import workers, against the same vocabulary.
  const vocabulary = importVocabulary(vocabularyData, limits);
  const importPool = new ImportPool({ vocabulary: vocabularyData, filterVocabulary: app.catalog.vocabulary, limits, sqliteFile: app.store.workerImports?.file }, importPoolOptionsFromEnv(process.env, limits.budgetMs), (err) => app.log.error({ err }, 'import worker failed'));
  app.addHook('onClose', () => importPool.close());
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
        response: { 200: ImportResult, 201: ImportResult, 400: RefusedOrError, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 413: RefusedOrError, 415: RefusedOrError, 422: RefusedOrError, 503: ErrorBody }
      }
    },
    async (req, reply) => {
      // The import thread starts while the file is received (an editor's request: requireEditor ran first).
      importPool.prestart();
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
      const fileBytes = upload.bytes.length;
      const refused = (status: 400 | 413 | 415 | 422, code: string, message: string, problem: ImportFileError['problem']) =>
        refusal(status, code, message, refusedReport({ fileName: upload.fileName, bytes: { length: fileBytes } }, options.crs, options.precisionM, problem));
      type Answer = { status: 200 | 201 | 400 | 413 | 415 | 422 | 503; body: string | ReturnType<typeof refusal> | ReturnType<typeof errorBody>; retryAfterS?: number; createdId?: string };
      // The file is read and validated on an import worker; this thread only stores what it answers.
      const importUpload = async (): Promise<Answer> => {
        const datasetId = `ds${randomBytes(DATASET_ID_HEX / 2).toString('hex')}`;
        const importDate = new Date().toISOString().slice(0, 10);
        const name = options.name ?? upload.fileName.replace(/\.[^.]+$/, '');
        const source = `User import "${name}" (file ${upload.fileName}, imported ${importDate})`;
        // With SQLite the worker stores the records itself as it reads them; the main thread only answers.
        const workerImports = options.dryRun ? undefined : app.store.workerImports;
        const store = workerImports && { name, keyId: writer.keyId, validRowsOnly: options.validRowsOnly };
        let outcome: Awaited<ReturnType<ImportPool['run']>>;
        try {
          outcome = await importPool.run({ fileName: upload.fileName, bytes: upload.bytes, encoding: options.encoding, mapping: options.mapping, datasetId, importDate, crs: options.crs, defaultPrecisionM: options.precisionM, source, store }, clientGone(reply));
        } catch (error) {
          // A worker stopped mid-import (time budget, memory cap, client gone) leaves its rows at version 0, which no query sees.
          await workerImports?.drop(datasetId);
          if (error instanceof ImportsBusyError) return { status: 503, body: errorBody(error), retryAfterS: error.retryAfterS };
          if (error instanceof ImportBudgetError || error instanceof ImportMemoryError) return { status: 422, body: errorBody(error) };
          if (error instanceof ImportCancelledError) return { status: 503, body: errorBody(new HttpError(503, 'the client went away; the import was cancelled and nothing was imported', 'file')) };
          throw error;
        }
        if (!outcome.ok && 'notStored' in outcome) {
          // What the writer stored before it ended is at version 0, which no query sees: removed, the dataset is as if never sent.
          await workerImports?.drop(datasetId);
          req.log.error({ datasetId, reason: outcome.notStored }, 'import not stored: its record writer ended');
          return { status: 503, body: errorBody(new RecordsNotStoredError(outcome.notStored)), retryAfterS: 1 };
        }
        if (!outcome.ok) return { status: outcome.status, body: refused(outcome.status, outcome.problem.code, outcome.problem.problem, outcome.problem) };
        // The report is JSON text made on the worker: answers embed it as it is, past the serializer.
        const { reportJson, rows } = outcome;
        if (options.dryRun) return { status: 200, body: `{"dry_run":true,"report":${reportJson}}` };
        if (!importIsStored(rows, options.validRowsOnly)) {
          if (rows.rejected === 0 || options.validRowsOnly) return { status: 422, body: refusalJson(422, 'no-valid-rows', 'no row is valid, so nothing was imported · 没有有效行，未导入任何数据', reportJson) };
          const message = `${rows.rejected} of ${rows.total} rows have errors, so nothing was imported; fix them or set valid_rows_only=true · ${rows.rejected} 行有错误，未导入任何数据`;
          return { status: 422, body: refusalJson(422, 'rows-rejected', message, reportJson) };
        }
        const dataset = outcome.writtenByWorker
          ? (await app.store.datasets.get(datasetId))!
          : await app.store.datasets.createEncoded({ id: datasetId, name, file_name: upload.fileName, format: outcome.format, crs: options.crs, report: undefined, reportJson }, outcome.batches, writer);
        // The catalog gets the columns the worker made, not the records read back from the store.
        await app.datasetSync.adopt(datasetId, dataset.version, outcome.imported, (parts) => importPool.joinWithTree(parts));
        return { status: 201, body: `{"dry_run":false,"dataset":${JSON.stringify(dataset)},"report":${reportJson}}`, createdId: datasetId };
      };
      const send = ({ status, body, retryAfterS }: Answer) => {
        if (retryAfterS) reply.header('retry-after', String(retryAfterS));
        // JSON text goes out as it is: Fastify runs the response serializer only on objects.
        if (typeof body === 'string') return reply.code(status).type('application/json; charset=utf-8').send(body as never);
        return reply.code(status).send(body);
      };
      if (options.dryRun) return send(await importUpload());
      // The same file with the same options from the same writer, or the same Idempotency-Key, within the window: the first dataset.
      const idempotencyKey = req.headers['idempotency-key'];
      const keys = [await importFingerprint(writer.keyId, options, upload.fileName, upload.bytes), ...(typeof idempotencyKey === 'string' && idempotencyKey ? [`key:${writer.keyId}:${idempotencyKey}`] : [])];
      const outcome = await recentImports.once(keys, importUpload, (a) => a.createdId);
      if ('result' in outcome) return send(outcome.result);
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

const REASONS: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 503: 'Service Unavailable' };

function refusal(statusCode: number, code: string, message: string, report: ImportReport) {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message, parameter: 'file', code, report };
}

/** A refusal whose report is JSON text already. */
function refusalJson(statusCode: number, code: string, message: string, reportJson: string): string {
  const head = JSON.stringify({ statusCode, error: REASONS[statusCode] ?? 'Error', message, parameter: 'file', code });
  return `${head.slice(0, -1)},"report":${reportJson}}`;
}

const errorBody = (err: HttpError) => ({ statusCode: err.statusCode, error: REASONS[err.statusCode] ?? 'Error', message: err.message, ...(err.parameter ? { parameter: err.parameter } : {}) });

