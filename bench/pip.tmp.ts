import { join } from 'node:path';
import { areaIndex, countPerArea } from '../server/analytics/district-join.ts';
import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';
const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', 'geodata')));
const pts = syntheticOrganizations(centresFromParks(catalog.parks), { count: 100_000, seed: 1 }).map((f) => f.geometry.coordinates);
for (let r = 0; r < 5; r++) { const t = performance.now(); const res = countPerArea(areaIndex(catalog.districts), pts); console.log((performance.now() - t).toFixed(1), res.outside, res.counts.slice(0, 5)); }
for (let r = 0; r < 3; r++) { let t = performance.now(); const idx = areaIndex(catalog.districts); const b = performance.now() - t; t = performance.now(); countPerArea(idx, pts); const l1 = performance.now() - t; t = performance.now(); countPerArea(idx, pts); console.log('build', b.toFixed(1), 'first', l1.toFixed(1), 'warm', (performance.now() - t).toFixed(1), idx.cells.size, [...idx.cells.values()].filter((v) => v === -2).length); }
