import readXlsxFile from 'read-excel-file/universal';
import type { ImportLimits } from './limits.ts';
import { fileError } from './problems.ts';
import { tableFromGrid, type Cell, type Table } from './table.ts';
import { checkZipEntries } from './zip-guard.ts';

function cellOf(value: unknown): Cell {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value === undefined) return null;
  return value as Cell;
}

/** Reads the first sheet of an XLSX workbook into a table (row numbers as Excel shows them). */
export async function parseXlsx(bytes: Uint8Array, limits: ImportLimits): Promise<Table> {
  checkZipEntries(bytes, limits);
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = await readXlsxFile(arrayBuffer);
  } catch (error) {
    throw fileError(
      400,
      'invalid-xlsx',
      { en: `the workbook cannot be read: ${(error as Error).message}`, zh: '无法读取该工作簿' },
      { en: 'an .xlsx workbook saved by Excel, WPS or LibreOffice', zh: '由 Excel、WPS 或 LibreOffice 保存的 .xlsx 工作簿' }
    );
  }
  const first = sheets[0];
  return tableFromGrid((first?.data ?? []).map((cells) => cells.map(cellOf)), 'xlsx', limits, { sheet: first?.sheet });
}
