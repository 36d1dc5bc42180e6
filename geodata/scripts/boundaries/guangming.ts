/**
 * Guangming District (440311), split from Bao'an (440306) in 2018, cut out of the 2017 Bao'an
 * outline of the district source. Only the line between the two is new: Guangming is clipped to
 * the old Bao'an, and Bao'an keeps the rest, so Shenzhen's outline and every other district stay
 * as they were and the two share their new edge exactly.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { Areal } from './config.ts';
import { checkDeclaredDatum, DATUM_LABEL, GUANGMING, outlineOffsets, readDivisionSource, toWgs84 } from './division-sources.ts';
import { runMapshaper } from './mapshaper.ts';
import { areaKm2 } from './towns.ts';

const BAOAN_CODE = '440306';
const GUANGMING_CODE = '440311';

const PRECISION = 0.00001;
/** Same topology-preserving simplification as the other districts (mapshaper.ts). */
const SIMPLIFY_M = 25;
/** Guangming's vertices farther than this from the old Bao'an outline are on its new line with Bao'an (the GCJ-02 shift is ~550 m). */
const NEAR_OLD_OUTLINE_M = 1500;

/** What this step reads of a district feature (the shipped districts carry their provenance too). */
type Props = { id: string; code: string };

const one = (code: string, geometry: Areal): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { code }, geometry }],
});

async function split(baoanOld: Areal, guangming: Areal): Promise<{ baoan: Areal; guangming: Areal }> {
  const out = await runMapshaper(
    [
      '-i baoan.json',
      '-i guangming.json',
      `-simplify interval=${SIMPLIFY_M} keep-shapes target=guangming`,
      '-clip baoan.json target=guangming',
      '-filter-slivers target=guangming',
      '-erase guangming.json target=baoan',
      '-merge-layers target=baoan,guangming name=units force',
      '-clean',
      `-o units.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'baoan.json': one(BAOAN_CODE, baoanOld), 'guangming.json': one(GUANGMING_CODE, guangming) },
  );
  // Rounding to 5 decimals can pinch rings < 1 m apart: clean again on the rounded coordinates (as mapshaper.ts does).
  const rounded = await runMapshaper(`-i units.json -clean -o units.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`, out);
  const units = rounded['units.json'].features as Feature<Areal, { code: string }>[];
  const get = (code: string) => {
    const f = units.find((u) => u.properties.code === code);
    if (!f) throw new Error(`Guangming split: ${code} is empty`);
    return f.geometry;
  };
  return { baoan: get(BAOAN_CODE), guangming: get(GUANGMING_CODE) };
}

const roundUp = (m: number, step: number) => Math.ceil(m / step) * step;

/**
 * `districts`: the district features as built from the 2017 source (Bao'an whole); `dongguan`:
 * Dongguan's outline, Guangming's other neighbour. Returns the districts with Bao'an cut and
 * Guangming added, sorted by code.
 */
export async function withGuangming<F extends Feature<Areal, Props>>(districts: F[], dongguan: Feature<Areal>): Promise<F[]> {
  console.log("Guangming District (440311) out of Bao'an (440306) …");
  const baoan = districts.find((d) => d.properties.code === BAOAN_CODE);
  if (!baoan) throw new Error("no Bao'an (440306) to cut Guangming from");
  if (districts.some((d) => d.properties.code === GUANGMING_CODE)) throw new Error('the district source has Guangming already: drop this step');
  const src = readDivisionSource(GUANGMING);
  const vertices = src.features[0].geometry.type === 'Polygon' ? src.features[0].geometry.coordinates[0] : src.features[0].geometry.coordinates.flatMap((p) => p[0]);
  // Its outer edge is the old Bao'an's with Longhua and Dongguan: measured against that.
  const offset = checkDeclaredDatum('Guangming', GUANGMING, outlineOffsets(vertices, [baoan, dongguan], NEAR_OLD_OUTLINE_M));
  const sourceWgs = toWgs84(src.features[0].geometry, GUANGMING.datum);
  const parts = await split(baoan.geometry, sourceWgs);
  console.log(
    `  Guangming ${areaKm2(parts.guangming).toFixed(1)} km² (source ${areaKm2(sourceWgs).toFixed(1)} km²); Bao'an ${areaKm2(baoan.geometry).toFixed(1)} → ${areaKm2(parts.baoan).toFixed(1)} km²`,
  );
  const guangming = {
    type: 'Feature',
    properties: {
      ...baoan.properties,
      id: GUANGMING_CODE,
      code: GUANGMING_CODE,
      name_zh: '光明区',
      name_en: 'Guangming District',
      source: GUANGMING.source,
      source_url: GUANGMING.source_url,
      source_date: GUANGMING.source_date,
      source_datum: DATUM_LABEL[GUANGMING.datum],
      precision_m: Math.max(Number((baoan.properties as { precision_m?: number }).precision_m), roundUp(offset.p90M, 50)),
      location_note:
        `clipped to Bao'an's 2017 outline, of which it was part: its line with Bao'an is the source's, its other edges are Bao'an's. ` +
        `Where the two outlines run together, the source lies ${Math.round(offset.medianM)} m median / ${Math.round(offset.p90M)} m p90 from ours after GCJ-02 → WGS-84`,
    },
    geometry: parts.guangming,
  } as unknown as F;
  const newBaoan = {
    ...baoan,
    properties: { ...baoan.properties, location_note: 'Guangming District (440311, 2018) cut out with the line of its own source' },
    geometry: parts.baoan,
  };
  return districts
    .map((d) => (d === baoan ? newBaoan : d))
    .concat(guangming)
    .sort((a, b) => String(a.properties.id).localeCompare(String(b.properties.id)));
}
