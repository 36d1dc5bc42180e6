import { Compression, FileSource, PMTiles, TileType } from 'pmtiles';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, test } from 'vitest';
import { writeArchive, type ArchiveOptions, type ArchiveTile } from './pmtiles-writer.ts';

const OPTIONS: ArchiveOptions = {
  tileCompression: Compression.None,
  tileType: TileType.Mvt,
  bounds: [111.35, 21.45, 115.45, 24.4],
  center: [113.45, 22.75, 8],
  metadata: { name: '测试 · test', vector_layers: [{ id: 'demo', fields: {} }] }
};

/** Opens an archive with the reference reader, as a browser or CDN client would. */
function open(archive: Buffer): PMTiles {
  return new PMTiles(new FileSource(new File([new Uint8Array(archive)], 'test.pmtiles')));
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: ArrayBuffer | undefined) => (data ? new TextDecoder().decode(data) : undefined);

/** Every tile of zoom z, each with content unique to it. */
function wholeZoom(z: number): ArchiveTile[] {
  const tiles: ArchiveTile[] = [];
  for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) tiles.push({ z, x, y, data: bytes(`${z}/${x}/${y}`) });
  return tiles;
}

/** `count` tiles of zoom z at scattered places with lengths of 1–200 bytes: an index that compresses poorly. */
function scatteredTiles(z: number, count: number): ArchiveTile[] {
  const rng = xoroshiro128plus(8);
  const tiles = new Map<string, ArchiveTile>();
  while (tiles.size < count) {
    const [x, y] = [uniformInt(rng, 0, 2 ** z - 1), uniformInt(rng, 0, 2 ** z - 1)];
    tiles.set(`${x}/${y}`, { z, x, y, data: bytes(`${x}/${y}`.padEnd(uniformInt(rng, 1, 200), '.')) });
  }
  return [...tiles.values()];
}

describe('writeArchive', () => {
  test('the pmtiles reader finds every tile, and nothing where no tile was written', async () => {
    const tiles = [...wholeZoom(0), ...wholeZoom(1), { z: 5, x: 26, y: 13, data: bytes('deep') }];
    const reader = open(writeArchive(tiles, OPTIONS).archive);
    for (const t of tiles) expect(text((await reader.getZxy(t.z, t.x, t.y))?.data)).toBe(new TextDecoder().decode(t.data));
    expect(await reader.getZxy(5, 26, 14)).toBeUndefined();
    expect(await reader.getZxy(2, 0, 0)).toBeUndefined();
  });

  test('the header carries zoom range, bounds, centre and tile type, and the metadata reads back', async () => {
    const reader = open(writeArchive([...wholeZoom(2), { z: 6, x: 52, y: 27, data: bytes('x') }], OPTIONS).archive);
    const header = await reader.getHeader();
    expect(header).toMatchObject({ specVersion: 3, minZoom: 2, maxZoom: 6, tileType: TileType.Mvt, tileCompression: Compression.None, clustered: true });
    expect([header.minLon, header.minLat, header.maxLon, header.maxLat]).toEqual(OPTIONS.bounds);
    expect([header.centerLon, header.centerLat, header.centerZoom]).toEqual(OPTIONS.center);
    expect(await reader.getMetadata()).toEqual(OPTIONS.metadata);
  });

  test('identical tiles are stored once, and a run of them becomes one entry', async () => {
    const sea = bytes('open sea');
    const tiles = wholeZoom(3).map((t) => ({ ...t, data: t.x < 4 ? sea : t.data }));
    const { archive, summary } = writeArchive(tiles, OPTIONS);
    expect(summary.addressedTiles).toBe(64);
    expect(summary.tileContents).toBe(33);
    expect(summary.tileEntries).toBeLessThan(64);
    const reader = open(archive);
    for (const t of tiles) expect(text((await reader.getZxy(t.z, t.x, t.y))?.data)).toBe(new TextDecoder().decode(t.data));
  });

  test('an index too large for the first 16 KiB moves into leaf directories, and every tile still reads back', async () => {
    const tiles = scatteredTiles(12, 20_000);
    const { archive, summary } = writeArchive(tiles, OPTIONS);
    expect(summary.leafDirectories).toBeGreaterThan(1);
    const header = await open(archive).getHeader();
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    const reader = open(archive);
    for (const t of tiles.filter((_, i) => i % 97 === 0)) {
      expect(text((await reader.getZxy(t.z, t.x, t.y))?.data)).toBe(new TextDecoder().decode(t.data));
    }
  });

  test('refuses to write an archive with no tile, which no reader could open', () => {
    expect(() => writeArchive([], OPTIONS)).toThrow(/at least one tile/);
  });

  test('refuses a tile given twice, naming it, rather than keep one copy at random', () => {
    const twice = [...wholeZoom(1), { z: 1, x: 1, y: 0, data: bytes('again') }];
    expect(() => writeArchive(twice, OPTIONS)).toThrow('tile 1/1/0 is given twice');
  });
});
