/**
 * The mapshaper steps and their tolerances: districts and cities in one topology, and the land
 * surface.
 */
import type { FeatureCollection, Polygon } from 'geojson';
import { REGION_BBOX, type Areal } from './config.ts';
import { mapshaper, type SourceUnit } from './sources.ts';

/**
 * Simplification tolerance for districts (metres, mapshaper `interval`). The district source
 * sits on a ~0.001° (~100 m) grid, so 25 m only removes near-collinear vertices: edges stay
 * visually right at zoom ~11 (~70 m per 256-px tile pixel at this latitude).
 */
const DISTRICT_SIMPLIFY_M = 25;
/** Runs one mapshaper command line on in-memory GeoJSON; returns the named outputs, parsed. */
export async function runMapshaper(
  commands: string,
  inputs: Record<string, FeatureCollection>,
): Promise<Record<string, FeatureCollection>> {
  const files: Record<string, string> = {};
  for (const [name, fc] of Object.entries(inputs)) files[name] = JSON.stringify(fc);
  const out: Record<string, string | Buffer> = await mapshaper.applyCommands(commands + ' -quiet', files);
  const parsed: Record<string, FeatureCollection> = {};
  for (const [name, content] of Object.entries(out)) parsed[name] = JSON.parse(content.toString());
  return parsed;
}

/** 5 decimals ≈ 1 m (CONVENTIONS). */
const PRECISION = 0.00001;
const bboxArg = () => `bbox=${REGION_BBOX.join(',')}`;

/**
 * Districts and cities in one topology: all units are snapped together (neighbouring files of
 * the source share vertices on the same grid), clipped, cleaned (removes slivers and overlaps
 * between e.g. the Hong Kong and Shenzhen files), simplified on shared arcs, and then the
 * cities are dissolved from the same arcs, so city and district edges coincide exactly.
 */
export async function buildAdminLayers(units: SourceUnit[]) {
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: units.map((u) => ({
      type: 'Feature',
      properties: { code: u.code, name_zh: u.name_zh, city: u.city, whole: u.wholeCity ? 1 : 0 },
      geometry: u.geometry,
    })),
  };
  const simplified = await runMapshaper(
    [
      '-i units.json snap',
      `-clip ${bboxArg()} remove-slivers`,
      '-clean',
      `-simplify interval=${DISTRICT_SIMPLIFY_M} keep-shapes`,
      '-filter-slivers',
      '-filter "!this.isNull"',
      `-o units.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'units.json': fc },
  );
  // Rounding to 5 decimals on output can pinch or cross rings where vertices are < 1 m apart;
  // a second -clean on the rounded coordinates repairs that before the cities are dissolved.
  const out = await runMapshaper(
    [
      '-i units.json',
      '-clean',
      '-dissolve city + name=cities',
      `-o target=* format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    simplified,
  );
  return { units: out['units.json'] as FeatureCollection<Areal>, cities: out['cities.json'] as FeatureCollection<Areal> };
}

/** Land dissolved into one surface (no country borders), clipped to the bbox, unsimplified. */
export async function buildFullLand(near: FeatureCollection<Polygon>) {
  const out = await runMapshaper(
    [
      '-i land.json snap',
      `-clip ${bboxArg()}`,
      '-dissolve2',
      `-o land_full.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'land.json': near },
  );
  return out['land_full.json'] as FeatureCollection<Areal>;
}
