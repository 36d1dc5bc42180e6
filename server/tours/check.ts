import { Value } from '@sinclair/typebox/value';
import { TOUR_FORMAT_VERSION, TourDocument, type TourStep } from '../schemas/tours.ts';

/** Ids a tour may refer to: the catalog's closed vocabularies and its places. */
export interface TourVocabulary {
  cities: readonly string[];
  sectors: readonly string[];
  kinds: readonly string[];
  types: readonly string[];
  parks: readonly string[];
}

/** One thing wrong with a tour, at a JSON-pointer-like path such as `steps/3/park`. */
export interface TourProblem {
  path: string;
  message: string;
}

/** Shape problems (TypeBox), for tours read from disk rather than through the API's validation. */
export function shapeProblems(value: unknown): TourProblem[] {
  return [...Value.Errors(TourDocument, value)].slice(0, 20).map((e) => ({ path: e.path.replace(/^\//, '') || 'tour', message: e.message }));
}

function unknownIds(path: string, ids: readonly string[] | undefined, known: readonly string[], what: string): TourProblem[] {
  return (ids ?? []).filter((id) => !known.includes(id)).map((id) => ({ path, message: `unknown ${what} "${id}"; known: ${known.join(', ')}` }));
}

function stepProblems(step: TourStep, index: number, vocabulary: TourVocabulary): TourProblem[] {
  const at = `steps/${index}`;
  const f = step.filters ?? {};
  const problems = [
    ...unknownIds(`${at}/filters/cities`, f.cities, vocabulary.cities, 'city'),
    ...unknownIds(`${at}/filters/sectors`, f.sectors, vocabulary.sectors, 'sector'),
    ...unknownIds(`${at}/filters/kinds`, f.kinds, vocabulary.kinds, 'park kind'),
    ...unknownIds(`${at}/filters/types`, f.types, vocabulary.types, 'organisation type')
  ];
  if (step.park && !vocabulary.parks.includes(step.park)) problems.push({ path: `${at}/park`, message: `unknown place "${step.park}"; use a park id of GET /api/parks` });
  return problems;
}

/**
 * What is wrong with a well-shaped tour: a format version newer than this program reads, or ids
 * the catalog does not know (a tour from another dataset). Empty when the tour can be played.
 */
export function tourProblems(tour: TourDocument, vocabulary: TourVocabulary): TourProblem[] {
  if (tour.version > TOUR_FORMAT_VERSION) {
    return [{ path: 'version', message: `tour format version ${tour.version} is newer than this server reads (${TOUR_FORMAT_VERSION}); update Cluster Atlas to import it` }];
  }
  return tour.steps.flatMap((step, i) => stepProblems(step, i, vocabulary));
}

/** The tour as it is stored and exported: the current format version and the given id. */
export function asStoredTour(tour: TourDocument, id: string): TourDocument {
  return { format: tour.format, version: TOUR_FORMAT_VERSION, id, title: tour.title, steps: tour.steps };
}

/** A tour shipped in geodata/, checked at start so a broken file stops the server with the path at fault. */
export function shippedTour(value: unknown, vocabulary: TourVocabulary, file: string): TourDocument {
  const problems = shapeProblems(value);
  if (problems.length === 0) problems.push(...tourProblems(value as TourDocument, vocabulary));
  if (problems.length > 0) throw new Error(`${file} is not a valid tour:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  return value as TourDocument;
}
