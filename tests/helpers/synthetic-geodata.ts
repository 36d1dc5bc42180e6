import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { centresFromParks, syntheticOrganizations } from '../../bench/synthetic.ts';
import { Catalog } from '../../server/catalog/catalog.ts';
import { readGeodata } from '../../server/catalog/read-geodata.ts';
import type { OrganizationFeature } from '../../server/schemas/places.ts';

export const GEODATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata');

/** `count` seeded synthetic organisations (bench/synthetic.ts, labelled synthetic) around the shipped parks. */
export function syntheticOrganizationsAroundParks(count: number, seed = 1): OrganizationFeature[] {
  return syntheticOrganizations(centresFromParks(new Catalog(readGeodata(GEODATA_DIR)).parks), { count, seed });
}

/**
 * A temporary geodata directory (for GEODATA_DIR of a real server) that is the shipped one, linked,
 * except that its organisations are `organizations`. Nothing is written to geodata/.
 */
export function geodataDirWith(organizations: OrganizationFeature[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-geodata-'));
  for (const entry of readdirSync(GEODATA_DIR)) if (entry !== 'curated') symlinkSync(join(GEODATA_DIR, entry), join(dir, entry));
  mkdirSync(join(dir, 'curated'));
  for (const entry of readdirSync(join(GEODATA_DIR, 'curated'))) {
    if (entry !== 'organizations.geojson') symlinkSync(join(GEODATA_DIR, 'curated', entry), join(dir, 'curated', entry));
  }
  writeFileSync(join(dir, 'curated', 'organizations.geojson'), JSON.stringify({ type: 'FeatureCollection', features: organizations }));
  return dir;
}
