import { open, type FileHandle } from 'node:fs/promises';
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';

/**
 * A user-supplied street basemap: a PMTiles archive in the Protomaps basemap schema (layers
 * `earth, water, landuse, roads, transit, buildings, pois, places, boundaries`), read from a
 * local file (`BASEMAP_PMTILES`) and served under our own origin, so the booth needs no network.
 */

/** Byte ranges of a local file, for the `pmtiles` reader (its own FileSource is the browser's File API). */
export class LocalFileSource implements Source {
  private handle: Promise<FileHandle> | undefined;

  constructor(readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.handle ??= open(this.path, 'r');
    const fh = await this.handle;
    const data = new Uint8Array(length);
    const { bytesRead } = await fh.read(data, 0, length, offset);
    return { data: data.buffer.slice(0, bytesRead) };
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    // A file that never opened has nothing to close.
    if (handle) await handle.then((fh) => fh.close(), () => undefined);
  }
}

export interface StreetsArchiveInfo {
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  /** TileJSON `vector_layers` as the archive's metadata states them */
  vectorLayers: { id: string; description?: string; fields?: Record<string, string> }[];
  attribution: string;
}

/** The Protomaps basemap layers the style draws; an archive without `earth` or `roads` is not one. */
export const PROTOMAPS_REQUIRED_LAYERS = ['earth', 'roads'];

export const STREETS_ATTRIBUTION = '© OpenStreetMap contributors (ODbL) · Protomaps basemap schema';

export class StreetsArchive {
  private readonly reader: PMTiles;

  private constructor(
    private readonly source: LocalFileSource,
    readonly info: StreetsArchiveInfo
  ) {
    this.reader = new PMTiles(source);
  }

  /** Opens and checks the archive: vector tiles, Protomaps layer names. Throws a message naming the problem. */
  static async open(path: string): Promise<StreetsArchive> {
    const source = new LocalFileSource(path);
    const reader = new PMTiles(source);
    let header;
    try {
      header = await reader.getHeader();
    } catch (err) {
      await source.close();
      throw new Error(`BASEMAP_PMTILES=${path}: not a readable PMTiles v3 archive (${(err as Error).message})`);
    }
    if (header.tileType !== TileType.Mvt) {
      await source.close();
      throw new Error(`BASEMAP_PMTILES=${path}: holds tile type ${header.tileType}, not vector tiles (MVT)`);
    }
    const metadata = ((await reader.getMetadata()) ?? {}) as { vector_layers?: StreetsArchiveInfo['vectorLayers']; attribution?: string };
    const vectorLayers = Array.isArray(metadata.vector_layers) ? metadata.vector_layers : [];
    const names = new Set(vectorLayers.map((l) => l.id));
    const missing = PROTOMAPS_REQUIRED_LAYERS.filter((l) => !names.has(l));
    if (missing.length > 0) {
      await source.close();
      throw new Error(`BASEMAP_PMTILES=${path}: not in the Protomaps basemap schema (no ${missing.join(', ')} layer in its metadata)`);
    }
    return new StreetsArchive(source, {
      minZoom: header.minZoom,
      maxZoom: header.maxZoom,
      bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
      center: [header.centerLon, header.centerLat, header.centerZoom],
      vectorLayers,
      attribution: typeof metadata.attribution === 'string' && metadata.attribution ? metadata.attribution : STREETS_ATTRIBUTION
    });
  }

  /** The tile's MVT bytes (decompressed), or null when the archive has none there. */
  async tile(z: number, x: number, y: number): Promise<Uint8Array | null> {
    if (z < this.info.minZoom || z > this.info.maxZoom) return null;
    const response = await this.reader.getZxy(z, x, y);
    return response ? new Uint8Array(response.data) : null;
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
