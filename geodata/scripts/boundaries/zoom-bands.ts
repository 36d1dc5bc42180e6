/**
 * Land and water generalised once per zoom band, so no zoom shows more (or less) detail than its
 * pixels hold. Each band is simplified by mapshaper on the shared arcs of one dissolved surface
 * (topology-preserving: `keep-shapes` stops rings from collapsing into triangles, and mapshaper
 * repairs any crossing the simplification makes); lakes and islands below the band's minimum
 * area are filled or dropped, and thin slivers go too. Water is the bbox minus that band's land,
 * so land and water share exactly the same edges in every band.
 */
import type { FeatureCollection } from 'geojson';
import { REGION_BBOX, type Areal } from './config.ts';
import { runMapshaper } from './mapshaper.ts';

export interface ZoomBand {
  minzoom: number;
  maxzoom: number;
  /** mapshaper `interval` (m): about one screen pixel at the band's deepest zoom */
  simplifyM: number;
  /** islands and lakes smaller than this (m²) are dropped / filled: about 4 px² at the band's first zoom */
  minAreaM2: number;
}

/**
 * One 256-px tile pixel is ≈ 144 km / 2^z at the region's latitude (22.9° N): 563 m at z8, 141 m
 * at z10, 35 m at z12, 8.8 m at z14.
 */
export const ZOOM_BANDS: ZoomBand[] = [
  { minzoom: 0, maxzoom: 7, simplifyM: 800, minAreaM2: 5_000_000 },
  { minzoom: 8, maxzoom: 9, simplifyM: 250, minAreaM2: 1_200_000 },
  { minzoom: 10, maxzoom: 11, simplifyM: 60, minAreaM2: 80_000 },
  { minzoom: 12, maxzoom: 14, simplifyM: 12, minAreaM2: 5_000 },
];

export interface BandSurfaces {
  band: ZoomBand;
  land: FeatureCollection<Areal>;
  water: FeatureCollection<Areal>;
}

const OUT = 'format=geojson geojson-type=FeatureCollection precision=0.00001';

/** Land and water of one zoom band from the full-detail land surface. */
export async function bandSurfaces(full: FeatureCollection<Areal>, band: ZoomBand): Promise<BandSurfaces> {
  const simplified = await runMapshaper(
    [
      '-i land.json',
      `-clean gap-fill-area=${band.minAreaM2}m2 sliver-control=1`,
      `-filter-islands min-area=${band.minAreaM2}m2 remove-empty`,
      `-simplify interval=${band.simplifyM} keep-shapes`,
      `-filter-slivers min-area=${band.minAreaM2}m2`,
      '-clean',
      '-dissolve2',
      `-o land.json ${OUT}`,
    ].join(' '),
    { 'land.json': full },
  );
  // Rounding to 5 decimals on output can pinch or cross rings whose vertices are < 1 m apart; a
  // second -clean on the rounded coordinates repairs that, and water is cut from the result.
  const out = await runMapshaper(
    [
      '-i land.json name=land',
      '-clean',
      `-rectangle bbox=${REGION_BBOX.join(',')} + name=water`,
      '-erase land target=water',
      '-clean target=water',
      `-o target=land,water ${OUT}`,
    ].join(' '),
    simplified,
  );
  return { band, land: out['land.json'] as FeatureCollection<Areal>, water: out['water.json'] as FeatureCollection<Areal> };
}
