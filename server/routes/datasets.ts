import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bbox as turfBbox, featureCollection } from '@turf/turf';
import type { FastifyRequest } from 'fastify';
import { loadGazetteer } from '../import/address/gazetteer.ts';
import { addressLocator, areaShapesOf } from '../import/address/locate-address.ts';
import { AreaPlacer } from '../import/address/place.ts';
import { editedRecord } from '../import/edit.ts';
import { importFile, refusedReport, type ImportReport } from '../import/import-file.ts';
import { IMPORT_LIMITS, type ImportLimits } from '../import/limits.ts';
import { DEFAULT_PRECISION_M, importOptions } from '../import/options.ts';
import { fileError, ImportFileError } from '../import/problems.ts';
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

const DATASET_ID_HEX = 8;

/** Reads the one file and the form fields of a multipart upload; size and count limits become clear 4xx. */
async function readUpload(req: FastifyRequest): Promise<{ fileName: string; bytes: Uint8Array; fields: Record<string, string> }> {
  if (!req.isMultipart()) {
    throw new HttpError(415, 'send the file as multipart/form-data with a "file" field · 请以 multipart/form-data 上传，文件字段名为 file', 'file');
  }
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Uint8Array } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (file) throw badParameter('file', 'send one file per import');
      file = { fileName: part.filename, bytes: await part.toBuffer() };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!file) throw badParameter('file', 'no file in the upload: add a form field "file" with a .csv, .tsv, .geojson or .xlsx file');
  return { ...file, fields };
}

/** Turns @fastify/multipart's limit errors into the import's own file problems. */
function uploadProblem(error: unknown, limits: ImportLimits): ImportFileError | undefined {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    const mb = Math.round(limits.maxFileBytes / 1048576);
    return fileError(413, 'file-too-large', { en: `the file is larger than ${mb} MB`, zh: `文件超过 ${mb} MB` }, { en: `at most ${mb} MB (split the file, or raise IMPORT_MAX_MB)`, zh: `不超过 ${mb} MB（可拆分文件，或调高 IMPORT_MAX_MB）` });
  }
  return undefined;
}

export default (async (app, opts: { limits?: Partial<ImportLimits>; geodataDir: string }) => {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...opts.limits };
  await app.register(multipart, { limits: { fileSize: limits.maxFileBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 } });

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
      preHandler: app.requireEditor,
      schema: {
        tags: ['datasets'],
        summary: 'Import organisations from a CSV, GeoJSON or XLSX file (multipart field "file"); options as query or form fields',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportResult, 201: ImportResult, 400: Type.Union([ImportRefused, ErrorBody]), 401: ErrorBody, 403: ErrorBody, 413: ImportRefused, 415: Type.Union([ImportRefused, ErrorBody]), 422: ImportRefused }
      }
    },
    async (req, reply) => {
      let upload: Awaited<ReturnType<typeof readUpload>>;
      try {
        upload = await readUpload(req);
      } catch (error) {
        const problem = uploadProblem(error, limits);
        if (!problem) throw error;
        const report = refusedReport({ fileName: '', bytes: new Uint8Array() }, 'WGS84', DEFAULT_PRECISION_M, problem.problem);
        return reply.code(problem.status).send(refusal(problem.status, problem.problem.code, problem.message, report));
      }
      const options = importOptions(req.query, upload.fields);
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
        return reply.code(error.status).send(refusal(error.status, error.problem.code, error.message, report));
      }
      const { records, report } = result;
      if (options.dryRun) return { dry_run: true, report };
      if (report.rows.rejected > 0 && !options.validRowsOnly) {
        const message = `${report.rows.rejected} of ${report.rows.total} rows have errors, so nothing was imported; fix them or set valid_rows_only=true · ${report.rows.rejected} 行有错误，未导入任何数据`;
        return reply.code(422).send(refusal(422, 'rows-rejected', message, report));
      }
      if (records.length === 0) return reply.code(422).send(refusal(422, 'no-valid-rows', 'no row is valid, so nothing was imported · 没有有效行，未导入任何数据', report));
      const dataset = await app.store.datasets.create({ id: datasetId, name, file_name: upload.fileName, format: report.file.format!, crs: options.crs, report }, records, req.writer!);
      await app.datasetSync.refresh(datasetId);
      return reply.code(201).send({ dry_run: false, dataset, report });
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
      preHandler: app.requireEditor,
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
    { preHandler: app.requireEditor, schema: { tags: ['datasets'], summary: 'Delete one record (kept in history)', params: RecordParams, response: { 200: WriteResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const { id, recordId } = req.params;
      await datasetOr404(id);
      if (!(await app.store.datasets.record(id, recordId))) throw notFound('record', recordId);
      return writeResult(id, await app.store.datasets.deleteRecord(id, recordId, req.writer!));
    }
  );

  app.delete(
    '/api/datasets/:id',
    { preHandler: app.requireEditor, schema: { tags: ['datasets'], summary: 'Remove every record of a dataset (a new version: it can be rolled back)', params: DatasetParams, response: { 200: WriteResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => writeResult(req.params.id, await app.store.datasets.deleteDataset((await datasetOr404(req.params.id)).id, req.writer!))
  );

  app.post(
    '/api/datasets/:id/rollback',
    { preHandler: app.requireEditor, schema: { tags: ['datasets'], summary: 'Make the records of an earlier version current again (as a new version)', params: DatasetParams, body: RollbackBody, response: { 200: WriteResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
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
