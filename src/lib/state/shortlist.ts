/** At most this many parks are compared side by side. */
export const SHORTLIST_MAX = 6;

/** The shortlist with `id` added or removed; adding past the maximum leaves it unchanged. */
export function toggledShortlist(list: string[], id: string): string[] {
  if (list.includes(id)) return list.filter((x) => x !== id);
  return list.length >= SHORTLIST_MAX ? list : [...list, id];
}
