import type { FastifyRequest } from 'fastify';
import type { ImportLimits } from '../import/limits.ts';
import { fileError, type ImportFileError } from '../import/problems.ts';
import { badParameter, HttpError } from '../schemas/errors.ts';

/** The multipart limits of an import: one file, up to MAX_FORM_FIELDS option fields. */
export const MAX_FORM_FIELDS = 20;
export const multipartLimits = (limits: ImportLimits) => ({ fileSize: limits.maxFileBytes, files: 1, fields: MAX_FORM_FIELDS, fieldSize: 64 * 1024, parts: MAX_FORM_FIELDS + 5 });

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
  fields: Record<string, string>;
}

/** Reads the one file and the form fields of a multipart upload; every way the upload can be malformed becomes an ImportFileError. */
export async function readUpload(req: FastifyRequest, limits: ImportLimits): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new HttpError(415, 'send the file as multipart/form-data with a "file" field · 请以 multipart/form-data 上传，文件字段名为 file', 'file');
  }
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Uint8Array } | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (file) throw badParameter('file', 'send one file per import');
        // A part with an empty filename arrives with none at all.
        file = { fileName: part.filename ?? '', bytes: await part.toBuffer() };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw uploadProblem(error, limits) ?? error;
  }
  if (!file) throw badParameter('file', 'no file in the upload: add a form field "file" with a .csv, .tsv, .geojson or .xlsx file');
  return { ...file, fields };
}

const MALFORMED = { en: 'the upload is not a complete multipart/form-data body (no boundary, or cut off before its end)', zh: '上传内容不是完整的 multipart/form-data（缺少 boundary，或在结尾之前中断）' };
const AS_A_BROWSER_SENDS = { en: 'a multipart/form-data body as a browser\'s FormData sends it, with a "file" field', zh: '浏览器 FormData 发送的 multipart/form-data，含 file 字段' };

/** Turns @fastify/multipart's limit errors and busboy's parse errors into the import's own file problems. */
function uploadProblem(error: unknown, limits: ImportLimits): ImportFileError | undefined {
  const { code, message = '' } = error as { code?: string; message?: string };
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE': {
      const mb = Math.round(limits.maxFileBytes / 1048576);
      return fileError(413, 'file-too-large', { en: `the file is larger than ${mb} MB`, zh: `文件超过 ${mb} MB` }, { en: `at most ${mb} MB (split the file, or raise IMPORT_MAX_MB)`, zh: `不超过 ${mb} MB（可拆分文件，或调高 IMPORT_MAX_MB）` });
    }
    case 'FST_FILES_LIMIT':
      return fileError(400, 'one-file-per-import', { en: 'the upload holds more than one file', zh: '上传包含多个文件' }, { en: 'one "file" field per import', zh: '每次导入一个 file 字段' });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return fileError(413, 'too-many-fields', { en: `the upload has more than ${MAX_FORM_FIELDS} form fields`, zh: `上传的表单字段超过 ${MAX_FORM_FIELDS} 个` }, { en: `the file and at most ${MAX_FORM_FIELDS} option fields (crs, name, mapping, …)`, zh: `一个文件和不超过 ${MAX_FORM_FIELDS} 个选项字段` });
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return fileError(400, 'bad-form-field', { en: 'a form field has a forbidden name or invalid JSON', zh: '表单字段名称不允许或 JSON 无效' }, { en: 'the option fields crs, name, mapping, … as plain text', zh: '以纯文本发送 crs、name、mapping 等选项' });
    case 'FST_MP_PREMATURE_CLOSE':
      return fileError(400, 'malformed-upload', MALFORMED, AS_A_BROWSER_SENDS);
  }
  // busboy's own parse errors carry no code, only these messages.
  if (/^Multipart: |unexpected end of multipart data|Malformed part header/i.test(message)) return fileError(400, 'malformed-upload', MALFORMED, AS_A_BROWSER_SENDS);
  return undefined;
}
