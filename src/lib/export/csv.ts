import Papa from 'papaparse';

/** Excel reads a UTF-8 CSV as UTF-8 (Chinese intact) only when it starts with a byte-order mark. */
const BOM = '\uFEFF';

/**
 * A CSV document that opens in Excel with Chinese intact: UTF-8 with BOM, CRLF line ends, and
 * cells that begin with = + - @ (or tab/CR) prefixed with ' so no spreadsheet runs them as formulas.
 */
export function toCsv(columns: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return BOM + Papa.unparse({ fields: columns, data: rows.map((r) => r.map((c) => c ?? '')) }, { escapeFormulae: true, newline: '\r\n' });
}

/** Offers `content` to the user as a file download. */
export function download(filename: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
