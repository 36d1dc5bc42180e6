import type { ParkFacts, ParkFactsFile } from '../schemas/park-facts.ts';
import { GeodataError } from './read-geodata.ts';

interface HasProperties {
  properties: { id: string };
}

/** The newest `as_of` among the facts present (ISO dates of different precision compare as text). */
function newestAsOf(facts: ParkFacts): string | null {
  const dates = [facts.area_km2, facts.established, facts.administrator].flatMap((f) => (f ? [f.as_of] : []));
  return dates.length ? dates.sort().at(-1)! : null;
}

/**
 * Joins each park to its facts: `facts` in full, plus the flat `area_km2`, `established` and
 * `as_of` the API contract names. A park without a facts record gets nulls, so "unknown" is
 * explicit; a facts record for an unknown park is an error in the data.
 */
export function withParkFacts<P extends HasProperties>(parks: P[], file: ParkFactsFile | undefined): P[] {
  if (!file) return parks;
  const byPark = new Map(file.parks.map((r) => [r.park, r]));
  const known = new Set(parks.map((p) => p.properties.id));
  const stray = file.parks.find((r) => !known.has(r.park));
  if (stray) throw new GeodataError(`park-facts.json: no park with id "${stray.park}"`);
  const designated = { value: file.designation.year, as_of: file.designation.as_of, source: file.designation.source };
  return parks.map((park) => {
    const record = byPark.get(park.properties.id);
    const facts: ParkFacts = {
      area_km2: record?.area_km2 ?? null,
      established: record?.established ?? null,
      designated,
      administrator: record?.administrator ?? null,
      outline: record?.outline ?? { status: 'not-published', note: 'No facts record for this place.' }
    };
    return {
      ...park,
      properties: {
        ...park.properties,
        attributes_as_of: (park.properties as { as_of?: string }).as_of ?? null,
        area_km2: facts.area_km2?.value ?? null,
        established: facts.established?.value ?? null,
        as_of: newestAsOf(facts),
        facts
      }
    };
  });
}
