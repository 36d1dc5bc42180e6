import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
const bands = JSON.parse(readFileSync('geodata/basemap/land.geojson','utf8')).features;
const land = bands.reduce((a,b)=>((b.properties?.maxzoom??0)>(a.properties?.maxzoom??0)?b:a));
const d = JSON.parse(readFileSync('geodata/boundaries/districts.geojson','utf8')).features;
for (const a of process.argv.slice(2)) { const p=a.split(',').map(Number); const dist=d.find(f=>booleanPointInPolygon(p,f)); console.log(p, booleanPointInPolygon(p, land), dist?.properties.name_zh); }
