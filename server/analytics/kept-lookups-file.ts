/**
 * The per-dataset lookups a worker prepares (server/analytics/per-dataset.ts), kept on disk beside the
 * column snapshots, so that a restart reads them (milliseconds) instead of finding them again (seconds of
 * CPU at a million organisations): each row's H3 cell and district, every point's nearest neighbour and
 * each sector's nearest-neighbour distances. Typed arrays only; what is cheap to find (precision counts,
 * park catchments) is not kept.
 *
 * A file is trusted only when everything it was computed from is the same: its key is a digest of the
 * columns the lookups read (coordinates, area placement, sector bits), the sector list, the districts and
 * the format version below. A file of another key, a truncated one or one whose bytes changed (CRC-32)
 * is refused with the reason, never used; the worker then prepares anew and writes a new one.
 *
 * Layout: "ATLASKL\n", header length (u32 LE), CRC-32 of the body (u32 LE), the header as JSON (padded
 * to 8 bytes), then the body: every array 8-byte aligned, at the offsets the header names. The arrays
 * read back are views on the one buffer read from the file: nothing is copied.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, writeSync, fsyncSync, rmSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import type { OrganizationColumns } from '../catalog/organization-columns.ts';
import type { NearestNeighbours } from './nearest-neighbour.ts';
import type { PointCells } from './row-cells.ts';

/** Raise it whenever what a lookup holds or how it is found changes: files of another format are refused. */
export const KEPT_LOOKUPS_FORMAT = 1;
const MAGIC = Buffer.from('ATLASKL\n');
const PREAMBLE = MAGIC.length + 8;

/** What is kept on disk for one data version. */
export interface KeptLookups {
  pointCells: PointCells;
  districtOfRow: Int32Array;
  nearest: NearestNeighbours;
  /** Per sector code, its members' nearest-neighbour distances among themselves. */
  sectorNearestKm: Float64Array[];
}

interface Header {
  format: number;
  key: string;
  resolution: number;
  cells: readonly string[];
  bodyBytes: number;
  arrays: { name: string; type: 'Int32' | 'Float64'; offset: number; length: number }[];
}

const bytesOf = (a: Int32Array | Float64Array | Uint8Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The key of the lookups of `columns`: a digest of every input they are computed from (`districtsDigest`
 * stands for the shipped districts, see digestOf), and of KEPT_LOOKUPS_FORMAT.
 */
export function keptLookupsKey(columns: OrganizationColumns, districtsDigest: string, resolution: number): string {
  const hash = createHash('sha256');
  const { size, sectorWords } = columns;
  hash.update(JSON.stringify({ format: KEPT_LOOKUPS_FORMAT, size, sectorWords, resolution, districtsDigest, sectors: columns.vocabulary.sectors }));
  for (const column of [columns.lon.subarray(0, size), columns.lat.subarray(0, size), columns.areaPlaced.subarray(0, size), columns.sectorBits.subarray(0, size * sectorWords)]) hash.update(bytesOf(column));
  return hash.digest('hex');
}

/** A digest of any JSON-serialisable data (the districts the worker received). */
export const digestOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Writes `lookups` under `key` to `path` (through a temporary file and a rename: a reader never sees half a file). */
export function writeKeptLookups(path: string, key: string, lookups: KeptLookups): void {
  const arrays: [string, Int32Array | Float64Array][] = [
    ['cellOfPoint', lookups.pointCells.cellOfPoint],
    ['districtOfRow', lookups.districtOfRow],
    ['nearestDistanceKm', lookups.nearest.distanceKm],
    ['nearestNeighbour', lookups.nearest.neighbour],
    ...lookups.sectorNearestKm.map((a, code): [string, Float64Array] => [`sectorNearestKm-${code}`, a])
  ];
  let offset = 0;
  const placed = arrays.map(([name, a]) => {
    const entry = { name, type: a instanceof Int32Array ? ('Int32' as const) : ('Float64' as const), offset, length: a.length };
    offset += Math.ceil(a.byteLength / 8) * 8;
    return entry;
  });
  const header: Header = { format: KEPT_LOOKUPS_FORMAT, key, resolution: lookups.pointCells.resolution, cells: lookups.pointCells.cells, bodyBytes: offset, arrays: placed };
  const headerText = Buffer.from(JSON.stringify(header));
  const headerBytes = Buffer.alloc(Math.ceil(headerText.length / 8) * 8, 0x20);
  headerText.copy(headerBytes);
  const body = Buffer.alloc(offset);
  arrays.forEach(([, a], i) => body.set(bytesOf(a), placed[i].offset));
  const preamble = Buffer.alloc(PREAMBLE);
  MAGIC.copy(preamble);
  preamble.writeUInt32LE(headerBytes.length, MAGIC.length);
  preamble.writeUInt32LE(crc32(body), MAGIC.length + 4);
  // Per thread: with several analytics workers (ANALYTICS_THREADS) two may finish preparing at once, in one process.
  const temporary = `${path}.${process.pid}-${threadId}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    for (const part of [preamble, headerBytes, body]) writeSync(fd, part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

/** Why a lookups file was not used. */
export class KeptLookupsRefused extends Error {
  override name = 'KeptLookupsRefused';
  /** True when the file is sound but of other data (the usual case after an import or an edit); false when it is damaged. */
  constructor(message: string, readonly stale = false) {
    super(message);
  }
}

/**
 * The lookups kept at `path` under `key` for `columns`; null when there is no file; throws KeptLookupsRefused
 * naming what is wrong (another key or format, truncated, changed bytes, arrays of the wrong size).
 */
export function readKeptLookups(path: string, key: string, columns: OrganizationColumns): KeptLookups | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // The arrays are views on the file's buffer: it must start 8-byte aligned (a small file may sit in Node's buffer pool).
  if (file.byteOffset % 8 !== 0) file = Buffer.from(new Uint8Array(file).buffer);
  const refuse = (why: string, stale = false) => new KeptLookupsRefused(`${path}: ${why}`, stale);
  if (file.length < PREAMBLE || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw refuse('not a lookups file');
  const headerLength = file.readUInt32LE(MAGIC.length);
  if (PREAMBLE + headerLength > file.length) throw refuse('truncated (in its header)');
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', PREAMBLE, PREAMBLE + headerLength)) as Header;
  } catch {
    throw refuse('its header is not JSON');
  }
  if (header.format !== KEPT_LOOKUPS_FORMAT) throw refuse(`format ${header.format}, not ${KEPT_LOOKUPS_FORMAT}`, true);
  if (header.key !== key) throw refuse('computed from other data (stale)', true);
  const bodyStart = PREAMBLE + headerLength;
  if (file.length !== bodyStart + header.bodyBytes) throw refuse(`${file.length} bytes, not ${bodyStart + header.bodyBytes} (truncated)`);
  const body = file.subarray(bodyStart);
  if (crc32(body) !== file.readUInt32LE(MAGIC.length + 4)) throw refuse('its bytes changed (CRC-32 mismatch)');
  const array = (name: string, length: number, type: 'Int32' | 'Float64'): Int32Array | Float64Array => {
    const entry = header.arrays.find((a) => a.name === name);
    if (!entry || entry.length !== length || entry.type !== type) throw refuse(`${name}: missing, or of the wrong length or type`);
    const Type = type === 'Int32' ? Int32Array : Float64Array;
    if (entry.offset % 8 !== 0 || entry.offset + entry.length * Type.BYTES_PER_ELEMENT > body.length) throw refuse(`${name}: outside the file`);
    return new Type(body.buffer as ArrayBuffer, body.byteOffset + entry.offset, entry.length);
  };
  // The nearest-neighbour search ran over the rows placed as points (see Selection.pointsOnly).
  let points = 0;
  for (let i = 0; i < columns.size; i++) if (columns.areaPlaced[i] === 0) points++;
  const sectorNearestKm: Float64Array[] = [];
  for (const entry of header.arrays) {
    const code = /^sectorNearestKm-(\d+)$/.exec(entry.name);
    if (code) sectorNearestKm[Number(code[1])] = array(entry.name, entry.length, 'Float64') as Float64Array;
  }
  if (sectorNearestKm.length !== columns.vocabulary.sectors.length || sectorNearestKm.includes(undefined as never)) throw refuse('sector lookups missing');
  return {
    pointCells: { resolution: header.resolution, cells: header.cells, cellOfPoint: array('cellOfPoint', columns.size, 'Int32') as Int32Array },
    districtOfRow: array('districtOfRow', columns.size, 'Int32') as Int32Array,
    nearest: { distanceKm: array('nearestDistanceKm', points, 'Float64') as Float64Array, neighbour: array('nearestNeighbour', points, 'Int32') as Int32Array },
    sectorNearestKm
  };
}
