import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import geojsonvt from 'geojson-vt';
import { Compression, TileType } from 'pmtiles';
import vtpbf from 'vt-pbf';
import { writeArchive, type ArchiveTile } from '../../server/export/pmtiles-writer.ts';

/**
 * Writes a small street archive in the Protomaps basemap schema (layers earth, water, roads,
 * buildings, places with Protomaps' property names), made up for tests around Songshan Lake:
 * every tile of zooms `minZoom..maxZoom` that the features touch, gzip-compressed as
 * `pmtiles extract` leaves them. Synthetic: shapes and names are invented, not OSM data.
 */
export function writeProtomapsTestArchive(path: string, minZoom = 10, maxZoom = 13): { tiles: ArchiveTile[] } {
  const [w, s, e, n] = [113.85, 22.88, 113.95, 22.96];
  const box = (x0: number, y0: number, x1: number, y1: number): GeoJSON.Polygon => ({
    type: 'Polygon',
    coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]
  });
  const layers: Record<string, GeoJSON.Feature[]> = {
    earth: [{ type: 'Feature', properties: { kind: 'earth' }, geometry: box(w, s, e, n) }],
    water: [{ type: 'Feature', properties: { kind: 'lake', name: '测试湖', 'name:en': 'Test Lake', min_zoom: 6 }, geometry: box(113.87, 22.9, 113.9, 22.93) }],
    roads: [
      {
        type: 'Feature',
        properties: { kind: 'major_road', kind_detail: 'primary', name: '测试大道', 'name:en': 'Test Avenue', min_zoom: 7 },
        geometry: { type: 'LineString', coordinates: [[w, 22.92], [e, 22.92]] }
      }
    ],
    buildings: [{ type: 'Feature', properties: { kind: 'building', height: 20 }, geometry: box(113.91, 22.94, 113.912, 22.942) }],
    places: [
      { type: 'Feature', properties: { kind: 'locality', name: '测试镇', 'name:zh': '测试镇', 'name:en': 'Test Town', min_zoom: 8, population_rank: 9 }, geometry: { type: 'Point', coordinates: [113.92, 22.95] } }
    ]
  };
  const indexes = Object.entries(layers).map(([name, features]) => ({
    name,
    index: geojsonvt({ type: 'FeatureCollection', features }, { maxZoom: maxZoom, indexMaxZoom: maxZoom, extent: 4096, buffer: 64 })
  }));
  const tiles: ArchiveTile[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const x0 = Math.floor(((w + 180) / 360) * 2 ** z);
    const x1 = Math.floor(((e + 180) / 360) * 2 ** z);
    const yOf = (lat: number) => Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
    for (let x = x0; x <= x1; x++) {
      for (let y = yOf(n); y <= yOf(s); y++) {
        const present: Record<string, geojsonvt.Tile> = {};
        for (const { name, index } of indexes) {
          const tile = index.getTile(z, x, y);
          if (tile && tile.features.length > 0) present[name] = tile;
        }
        if (Object.keys(present).length > 0) tiles.push({ z, x, y, data: gzipSync(vtpbf.fromGeojsonVt(present, { version: 2, extent: 4096 })) });
      }
    }
  }
  const { archive } = writeArchive(tiles, {
    tileCompression: Compression.Gzip,
    tileType: TileType.Mvt,
    bounds: [w, s, e, n],
    center: [113.9, 22.92, minZoom],
    metadata: {
      name: 'protomaps-test',
      attribution: 'synthetic test data in the Protomaps basemap schema',
      vector_layers: Object.keys(layers).map((id) => ({ id, fields: {} }))
    }
  });
  writeFileSync(path, archive);
  return { tiles };
}
