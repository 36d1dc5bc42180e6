import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';
import { normalizeForSearch, searchTextOf } from '../server/catalog/filter.ts';
import { NameIndex } from '../server/catalog/name-index.ts';
const n = Number(process.env.N ?? 1e6);
const catalog = new Catalog(readGeodata('geodata'));
const orgs = syntheticOrganizations(centresFromParks(catalog.parks), { count: n, seed: 1 });
const texts = orgs.map((o) => searchTextOf(o.properties.name_zh, o.properties.name_en, o.properties.id));
const idx = new NameIndex(texts);
for (const q of ['合成机构 0', '合成机构 0', '合成机构 0', 'organisation 7919', 'organisation 7919', '0', '0', '合成机构', '合成机构', 'organisation 55433']) {
  const t = performance.now(); const r = idx.matching(normalizeForSearch(q).split(' ')); console.log(q, r.length, (performance.now() - t).toFixed(2));
}
// includes scan cost
let t = performance.now(); let c = 0; for (let i = 0; i < n; i++) if (texts[i].includes('合成机构')) c++; console.log('includes scan 1M', c, (performance.now() - t).toFixed(2));
t = performance.now(); c = 0; for (let i = 0; i < n; i++) if (texts[i].includes('合成机构')) c++; console.log('includes scan 1M', c, (performance.now() - t).toFixed(2));
