import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PbfWriter } from 'pbf';
import { Compression, tileIdToZxy, TileType, zxyToTileId, type Entry } from 'pmtiles';

// The `pmtiles` package only reads archives and npm has no maintained JavaScript writer, so this
// writes PMTiles v3 as spec/v3/spec.md of protomaps/PMTiles lays it out, borrowing from the
// reader what it does have: Hilbert tile ids (`zxyToTileId`) and the enums.

const HEADER_BYTES = 127;
/** Header plus root directory must fit in the first request a client makes. */
const ROOT_LIMIT_BYTES = 16_384;
/** Entries per leaf directory to start from; grown until the root fits, as go-pmtiles does. */
const FIRST_LEAF_ENTRIES = 4096;

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  /** The tile as stored, already compressed with `ArchiveOptions.tileCompression`. */
  data: Uint8Array;
}

export interface ArchiveOptions {
  tileCompression: Compression;
  tileType: TileType;
  /** [minLon, minLat, maxLon, maxLat], WGS-84 */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom] */
  center: [number, number, number];
  /** JSON metadata; for MVT it should carry TileJSON `vector_layers`. */
  metadata: Record<string, unknown>;
}

export interface ArchiveSummary {
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  leafDirectories: number;
}

/** Directory entries in the spec's columnar varint layout: ids as deltas, offsets 0 when contiguous. */
export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeVarint(entries.length);
  let lastId = 0;
  for (const e of entries) {
    pbf.writeVarint(e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) pbf.writeVarint(e.runLength);
  for (const e of entries) pbf.writeVarint(e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    pbf.writeVarint(i > 0 && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  });
  return pbf.finish();
}

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 });

/**
 * The root directory and the leaf section for `entries`: everything in the root when it fits,
 * otherwise the entries cut into leaves with the root pointing at them (run length 0).
 */
export function buildDirectories(entries: readonly Entry[]): { root: Uint8Array; leaves: Uint8Array; leafCount: number } {
  const rootOnly = gzip(serializeDirectory(entries));
  if (HEADER_BYTES + rootOnly.length <= ROOT_LIMIT_BYTES) return { root: rootOnly, leaves: new Uint8Array(0), leafCount: 0 };
  for (let leafEntries = FIRST_LEAF_ENTRIES; ; leafEntries = Math.ceil(leafEntries * 1.2)) {
    const leaves: Uint8Array[] = [];
    const pointers: Entry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafEntries) {
      const leaf = gzip(serializeDirectory(entries.slice(i, i + leafEntries)));
      pointers.push({ tileId: entries[i].tileId, offset, length: leaf.length, runLength: 0 });
      leaves.push(leaf);
      offset += leaf.length;
    }
    const root = gzip(serializeDirectory(pointers));
    if (HEADER_BYTES + root.length <= ROOT_LIMIT_BYTES) return { root, leaves: Buffer.concat(leaves), leafCount: leaves.length };
  }
}

interface Layout {
  rootLength: number;
  metadataLength: number;
  leavesLength: number;
  dataLength: number;
  summary: ArchiveSummary;
}

/** The 127-byte v3 header: sections in the spec's order (root, metadata, leaves, tile data), little-endian. */
function encodeHeader(layout: Layout, options: ArchiveOptions, zooms: { min: number; max: number }): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  bytes[7] = 3;
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + layout.rootLength;
  const leavesOffset = metadataOffset + layout.metadataLength;
  const dataOffset = leavesOffset + layout.leavesLength;
  [rootOffset, layout.rootLength, metadataOffset, layout.metadataLength, leavesOffset, layout.leavesLength, dataOffset, layout.dataLength].forEach((v, i) =>
    u64(8 + 8 * i, v)
  );
  u64(72, layout.summary.addressedTiles);
  u64(80, layout.summary.tileEntries);
  u64(88, layout.summary.tileContents);
  bytes[96] = 1; // clustered: contents are laid out in tile-id order
  bytes[97] = Compression.Gzip;
  bytes[98] = options.tileCompression;
  bytes[99] = options.tileType;
  bytes[100] = zooms.min;
  bytes[101] = zooms.max;
  options.bounds.forEach((degrees, i) => e7(102 + 4 * i, degrees));
  bytes[118] = options.center[2];
  e7(119, options.center[0]);
  e7(123, options.center[1]);
  return bytes;
}

// Tile ids grow with zoom, so the first and last ids of the sorted tiles carry the zoom range.
const tileIdZoom = (tileId: number) => tileIdToZxy(tileId)[0];

/**
 * A complete PMTiles v3 archive of `tiles`: identical contents are stored once, and runs of
 * consecutive tile ids with the same content become one run-length entry.
 */
export function writeArchive(tiles: readonly ArchiveTile[], options: ArchiveOptions): { archive: Buffer; summary: ArchiveSummary } {
  if (tiles.length === 0) throw new RangeError('a PMTiles archive needs at least one tile');
  const ordered = tiles.map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.tileId - b.tileId);

  const entries: Entry[] = [];
  const contents: Uint8Array[] = [];
  const offsetByHash = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (const { tileId, data } of ordered) {
    const hash = createHash('sha256').update(data).digest('base64');
    let stored = offsetByHash.get(hash);
    if (!stored) {
      stored = { offset: dataLength, length: data.byteLength };
      offsetByHash.set(hash, stored);
      contents.push(data);
      dataLength += data.byteLength;
    }
    const last = entries.at(-1);
    if (last && last.tileId + last.runLength > tileId) throw new RangeError(`tile ${tileIdToZxy(tileId).join('/')} is given twice`);
    if (last && last.offset === stored.offset && last.tileId + last.runLength === tileId) last.runLength++;
    else entries.push({ tileId, offset: stored.offset, length: stored.length, runLength: 1 });
  }

  const { root, leaves, leafCount } = buildDirectories(entries);
  const metadata = gzip(new TextEncoder().encode(JSON.stringify(options.metadata)));
  const summary = { addressedTiles: ordered.length, tileEntries: entries.length, tileContents: contents.length, leafDirectories: leafCount };
  const head = encodeHeader(
    { rootLength: root.length, metadataLength: metadata.length, leavesLength: leaves.length, dataLength, summary },
    options,
    { min: tileIdZoom(ordered[0].tileId), max: tileIdZoom(ordered[ordered.length - 1].tileId) }
  );
  return { archive: Buffer.concat([head, root, metadata, leaves, ...contents]), summary };
}
