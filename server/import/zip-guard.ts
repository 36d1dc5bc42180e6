import { Inflate } from 'fflate';
import type { ImportLimits } from './limits.ts';
import { fileError } from './problems.ts';

const expected = {
  en: 'an .xlsx workbook saved by Excel, WPS or LibreOffice',
  zh: '由 Excel、WPS 或 LibreOffice 保存的 .xlsx 工作簿'
};

const invalid = () => fileError(400, 'invalid-xlsx', { en: 'the file is not a readable .xlsx (zip) archive', zh: '文件不是有效的 .xlsx（zip）文件' }, expected);

const bomb = (what: { en: string; zh: string }, limits: ImportLimits) =>
  fileError(413, 'zip-bomb', what, {
    en: `at most ${limits.maxZipEntries} entries and ${Math.round(limits.maxUnzippedBytes / 1048576)} MB unpacked`,
    zh: `解压后最多 ${limits.maxZipEntries} 个文件、${Math.round(limits.maxUnzippedBytes / 1048576)} MB`
  });

interface ZipEntry {
  method: number;
  compressedSize: number;
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

/** The entries of a zip archive as its central directory lists them (where each one's data starts, how it is packed). */
function zipEntries(bytes: Uint8Array, limits: ImportLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is the last 22 bytes, before a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid();
  const count = view.getUint16(eocd + 10, true);
  if (count > limits.maxZipEntries) throw bomb({ en: `the workbook holds ${count} entries`, zh: `该工作簿包含 ${count} 个文件` }, limits);
  const entries: ZipEntry[] = [];
  let at = view.getUint32(eocd + 16, true);
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw invalid();
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const localAt = view.getUint32(at + 42, true);
    // Sizes past 4 GiB (zip64) are far beyond any limit here.
    if (compressedSize === ZIP64_MARK || localAt === ZIP64_MARK) throw bomb({ en: 'the workbook uses zip64 (entries over 4 GB)', zh: '该工作簿使用 zip64（单个文件超过 4 GB）' }, limits);
    if (localAt + 30 > bytes.length || view.getUint32(localAt, true) !== LOCAL) throw invalid();
    const dataStart = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true);
    if (dataStart + compressedSize > bytes.length) throw invalid();
    entries.push({ method, compressedSize, dataStart });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

// Compressed bytes fed to the inflater at a time: deflate expands at most ~1032×, so one step yields ≤ ~4 MB.
const STEP_BYTES = 4096;

/**
 * Refuses zip bombs by what the archive really unpacks to: every entry is inflated (and thrown
 * away) while the output is counted, and reading stops as soon as the total passes
 * maxUnzippedBytes. Declared sizes are not trusted: a header that understates an entry cannot make
 * the workbook reader inflate a gigabyte after this check has passed.
 */
export function checkZipEntries(bytes: Uint8Array, limits: ImportLimits): void {
  const entries = zipEntries(bytes, limits);
  let unzippedBytes = 0;
  const over = () => unzippedBytes > limits.maxUnzippedBytes;
  for (const { method, compressedSize, dataStart } of entries) {
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) unzippedBytes += compressedSize;
    else if (method === 8) {
      const inflater = new Inflate((chunk) => (unzippedBytes += chunk.length));
      try {
        for (let i = 0; i < data.length && !over(); i += STEP_BYTES) inflater.push(data.subarray(i, i + STEP_BYTES), i + STEP_BYTES >= data.length);
      } catch {
        throw invalid();
      }
    } else throw invalid();
    if (over()) {
      throw bomb({ en: `the workbook unpacks to more than ${Math.round(limits.maxUnzippedBytes / 1048576)} MB`, zh: `该工作簿解压后超过 ${Math.round(limits.maxUnzippedBytes / 1048576)} MB` }, limits);
    }
  }
}
