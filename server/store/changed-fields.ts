import type { ImportedOrganization } from '../schemas/datasets.ts';

/** Property names (and `geometry`) whose values differ between two versions of a record. */
export function changedFields(before: ImportedOrganization, after: ImportedOrganization): string[] {
  const keys = new Set([...Object.keys(before.properties), ...Object.keys(after.properties)]);
  const changed = [...keys].filter((k) => JSON.stringify((before.properties as Record<string, unknown>)[k]) !== JSON.stringify((after.properties as Record<string, unknown>)[k]));
  if (JSON.stringify(before.geometry) !== JSON.stringify(after.geometry)) changed.push('geometry');
  return changed;
}
