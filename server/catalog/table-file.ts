/**
 * One dataset's rows of the organisation table as a compact binary file, so a restart loads a
 * million imported organisations by reading their columns instead of parsing a million JSON records.
 *
 * Layout: `ATLASCOL`, a u32 (little-endian) header length, the header as JSON, then the arrays one
 * after another, each starting on an 8-byte boundary. The header names what the file is of (`key`:
 * the dataset's id and version, given by the caller), the filter vocabulary the codes refer to (by
 * hash), the row count, each array's byte length and a SHA-256 of everything after the header. A
 * file is never trusted blindly: any mismatch (key, vocabulary, lengths, hash) rejects it, with the
 * reason, and the caller rebuilds it from the store.
 */
import { createHash } from 'node:crypto';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { shared, type OrganizationColumns } from './organization-columns.ts';
import { joinTables, type OrganizationTable, type TableRange, type TableSegment } from './organization-table.ts';

const MAGIC = Buffer.from('ATLASCOL');
const FORMAT = 1;

interface Header {
  format: number;
  key: string;
  vocabulary: string;
  size: number;
  districtValues: string[];
  segments: Omit<TableSegment, 'datasetId'>[];
  arrays: [name: ArrayName, byteLength: number][];
  sha256: string;
}

type Typed = Float64Array | Float32Array | Uint32Array | Uint8Array;
type TypedClass = { new (buffer: SharedArrayBuffer): Typed; BYTES_PER_ELEMENT: number };

/** Every array of a table, in file order, with its type and how to read and set it. */
const ARRAYS = {
  lon: Float64Array,
  lat: Float64Array,
  cityCode: Uint8Array,
  typeCode: Uint8Array,
  highTech: Uint8Array,
  areaPlaced: Uint8Array,
  precisionM: Float32Array,
  sectorBits: Uint32Array,
  districtCode: Uint32Array,
  idText: Uint8Array,
  idEnd: Uint32Array,
  nameZhText: Uint8Array,
  nameZhEnd: Uint32Array,
  nameEnText: Uint8Array,
  nameEnEnd: Uint32Array,
  restText: Uint8Array,
  restEnd: Uint32Array
} satisfies Record<string, TypedClass>;
type ArrayName = keyof typeof ARRAYS;

const vocabularyHash = (vocabulary: FilterVocabulary) => createHash('sha256').update(JSON.stringify(vocabulary)).digest('hex');
const padded = (n: number) => Math.ceil(n / 8) * 8;
const textBytes = (end: Uint32Array, size: number) => (size === 0 ? 0 : end[size - 1]);

/** The arrays of a standalone table, each cut to the length its rows use (`shared` allocates at least one element). */
function arraysOf(t: OrganizationTable): Record<ArrayName, Typed> {
  const c = t.columns;
  const n = c.size;
  return {
    lon: c.lon.subarray(0, n),
    lat: c.lat.subarray(0, n),
    cityCode: c.cityCode.subarray(0, n),
    typeCode: c.typeCode.subarray(0, n),
    highTech: c.highTech.subarray(0, n),
    areaPlaced: c.areaPlaced.subarray(0, n),
    precisionM: c.precisionM.subarray(0, n),
    sectorBits: c.sectorBits.subarray(0, n * c.sectorWords),
    districtCode: t.districtCode.subarray(0, n),
    idText: c.idText.subarray(0, textBytes(c.idEnd, n)),
    idEnd: c.idEnd.subarray(0, n),
    nameZhText: t.nameZh.text.subarray(0, textBytes(t.nameZh.end, n)),
    nameZhEnd: t.nameZh.end.subarray(0, n),
    nameEnText: t.nameEn.text.subarray(0, textBytes(t.nameEn.end, n)),
    nameEnEnd: t.nameEn.end.subarray(0, n),
    restText: t.rest.text.subarray(0, textBytes(t.rest.end, n)),
    restEnd: t.rest.end.subarray(0, n)
  };
}

/** Whether `range` is the whole of a table of one segment (a dataset's own table), which is written as it is. */
const isStandalone = ({ table, start, end }: TableRange) => start === 0 && end === table.columns.size && table.segments.length === 1;

/** The payload of a standalone table: each array followed by its padding to 8 bytes. */
function payloadOf(table: OrganizationTable): { arrays: Record<ArrayName, Typed>; parts: Buffer[] } {
  const arrays = arraysOf(table);
  const parts: Buffer[] = [];
  for (const name of Object.keys(ARRAYS) as ArrayName[]) {
    const a = arrays[name];
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(padded(a.byteLength) - a.byteLength));
  }
  return { arrays, parts };
}

/** The SHA-256 a table file of this standalone table carries; an import worker computes it, so the main thread does not hash the rows. */
export function tablePayloadHash(table: OrganizationTable): string {
  const hash = createHash('sha256');
  for (const part of payloadOf(table).parts) hash.update(part);
  return hash.digest('hex');
}

/**
 * The rows of `range` as the parts of a table file (written one after another). A range that is a whole
 * standalone table is written from its own arrays (no copy); `payloadSha256`, when its maker computed it
 * (`tablePayloadHash`), is trusted instead of hashing again.
 */
export function encodeTableFile(range: TableRange, key: string, vocabulary: FilterVocabulary, payloadSha256?: string): Buffer[] {
  const standalone = isStandalone(range);
  const table = standalone ? range.table : joinTables([range], vocabulary, { tree: false });
  const { arrays, parts: payload } = payloadOf(table);
  let sha256 = standalone ? payloadSha256 : undefined;
  if (sha256 === undefined) {
    const hash = createHash('sha256');
    for (const part of payload) hash.update(part);
    sha256 = hash.digest('hex');
  }
  const header: Header = {
    format: FORMAT,
    key,
    vocabulary: vocabularyHash(vocabulary),
    size: table.columns.size,
    districtValues: table.districtValues,
    segments: table.segments.map(({ datasetId: _, ...s }) => s),
    arrays: (Object.keys(ARRAYS) as ArrayName[]).map((name) => [name, arrays[name].byteLength]),
    sha256
  };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(padded(MAGIC.length + 4 + json.length));
  MAGIC.copy(head);
  head.writeUInt32LE(json.length, MAGIC.length);
  json.copy(head, MAGIC.length + 4);
  return [head, ...payload];
}

/** The byte length each array must have for `size` rows (texts: as their ends say, checked after reading). */
function expectedBytes(name: ArrayName, size: number, sectorWords: number): number | undefined {
  if (name.endsWith('Text')) return undefined;
  return (name === 'sectorBits' ? size * sectorWords : size) * ARRAYS[name].BYTES_PER_ELEMENT;
}

/** The table a file holds, or why it cannot be used (wrong key or vocabulary, truncated, corrupt). */
export function decodeTableFile(file: Buffer, key: string, vocabulary: FilterVocabulary, datasetId: string): OrganizationTable | string {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return 'not a column snapshot';
  const headerLength = file.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + headerLength > file.length) return 'truncated header';
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength));
  } catch {
    return 'unreadable header';
  }
  if (header.format !== FORMAT) return `format ${header.format}, not ${FORMAT}`;
  if (header.key !== key) return `made for ${header.key}, not ${key}`;
  if (header.vocabulary !== vocabularyHash(vocabulary)) return 'made for another filter vocabulary';
  const sectorWords = Math.max(1, Math.ceil(vocabulary.sectors.length / 32));
  const names = Object.keys(ARRAYS) as ArrayName[];
  if (!Array.isArray(header.arrays) || header.arrays.length !== names.length || header.arrays.some(([name], k) => name !== names[k])) return 'unexpected arrays';
  let at = padded(MAGIC.length + 4 + headerLength);
  const payloadStart = at;
  const payloadBytes = header.arrays.reduce((sum, [, bytes]) => sum + padded(bytes), 0);
  if (file.length !== payloadStart + payloadBytes) return `length ${file.length}, expected ${payloadStart + payloadBytes}`;
  for (const [name, bytes] of header.arrays) {
    const expected = expectedBytes(name, header.size, sectorWords);
    if (expected !== undefined && bytes !== expected) return `${name} holds ${bytes} bytes, expected ${expected}`;
  }
  if (createHash('sha256').update(file.subarray(payloadStart)).digest('hex') !== header.sha256) return 'content hash mismatch';
  const arrays = {} as Record<ArrayName, Typed>;
  // A file read into shared memory (see `readTableFile`) is used in place: each array is a view of it.
  const inPlace = file.buffer instanceof SharedArrayBuffer && file.byteOffset % 8 === 0;
  for (const [name, bytes] of header.arrays) {
    const Type = ARRAYS[name] as TypedClass;
    if (inPlace && bytes > 0) {
      arrays[name] = new (Type as unknown as { new (buffer: SharedArrayBuffer, offset: number, length: number): Typed })(file.buffer as SharedArrayBuffer, file.byteOffset + at, bytes / Type.BYTES_PER_ELEMENT);
    } else {
      const copy = shared(Type, bytes / Type.BYTES_PER_ELEMENT);
      new Uint8Array(copy.buffer).set(file.subarray(at, at + bytes));
      arrays[name] = copy;
    }
    at += padded(bytes);
  }
  const a = arrays as { [K in ArrayName]: InstanceType<(typeof ARRAYS)[K]> };
  for (const [text, end] of [['idText', 'idEnd'], ['nameZhText', 'nameZhEnd'], ['nameEnText', 'nameEnEnd'], ['restText', 'restEnd']] as const) {
    if (header.arrays.find(([n]) => n === text)![1] !== textBytes(a[end], header.size)) return `${text} does not end where its offsets do`;
  }
  const columns: OrganizationColumns = {
    size: header.size,
    sectorWords,
    lon: a.lon,
    lat: a.lat,
    cityCode: a.cityCode,
    typeCode: a.typeCode,
    highTech: a.highTech,
    areaPlaced: a.areaPlaced,
    precisionM: a.precisionM,
    sectorBits: a.sectorBits,
    tree: new SharedArrayBuffer(0),
    idText: a.idText,
    idEnd: a.idEnd,
    vocabulary
  };
  return {
    columns,
    nameZh: { text: a.nameZhText, end: a.nameZhEnd },
    nameEn: { text: a.nameEnText, end: a.nameEnEnd },
    districtCode: a.districtCode,
    districtValues: header.districtValues,
    rest: { text: a.restText, end: a.restEnd },
    segments: header.segments.map((s) => ({ ...s, datasetId }))
  };
}
