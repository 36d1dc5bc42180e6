import type { Bbox, Filters } from '../schemas/filters.ts';

/** What the filters look at, precomputed once per feature. */
export interface Filterable {
  city: string;
  sectors: readonly string[];
  /** park kind or organisation type */
  category: string;
  /** lower-cased, NFKC-normalised names and id, joined */
  searchText: string;
  bbox: Bbox;
}

/** Lower-case + NFKC so that full-width letters, case and compatibility forms all match. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function searchTextOf(...names: (string | undefined)[]): string {
  return normalizeForSearch(names.filter(Boolean).join(' | '));
}

function bboxesIntersect(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** True when one feature passes every filter that is set; `categoryFilter` picks kinds (parks) or types (organisations). */
export function matchesFilters(item: Filterable, filters: Filters, categoryFilter: ReadonlySet<string> | undefined): boolean {
  if (filters.cities && !filters.cities.has(item.city)) return false;
  if (filters.sectors && !item.sectors.some((s) => filters.sectors!.has(s))) return false;
  if (categoryFilter && !categoryFilter.has(item.category)) return false;
  if (filters.bbox && !bboxesIntersect(item.bbox, filters.bbox)) return false;
  if (filters.q) {
    const terms = normalizeForSearch(filters.q).split(' ');
    if (!terms.every((t) => item.searchText.includes(t))) return false;
  }
  return true;
}
