/**
 * A seeded synthetic register as a planner would bring it: CSV with a header row, one organisation
 * per line. SYNTHETIC: every row comes from bench/synthetic.ts and says so in its names; never shipped.
 */
import type { OrganizationFeature } from '../server/schemas/places.ts';

const HEADER = 'id,name,name_en,city,sector,type,longitude,latitude,precision';

/** The organisations as CSV text (names and ids carry no commas or quotes, so no field needs quoting). */
export function registerCsv(organizations: readonly OrganizationFeature[]): string {
  const lines = new Array<string>(organizations.length + 1);
  lines[0] = HEADER;
  for (let i = 0; i < organizations.length; i++) {
    const { geometry: g, properties: p } = organizations[i];
    lines[i + 1] = `${p.id},${p.name_zh},${p.name_en},${p.city},${p.sectors.join(';')},${p.type},${g.coordinates[0]},${g.coordinates[1]},${p.precision_m}`;
  }
  return lines.join('\n') + '\n';
}
