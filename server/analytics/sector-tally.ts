/** How many of a group's organisations list one sector. */
export interface SectorCount {
  sector: string;
  count: number;
}

/** Counts per sector (an organisation in several sectors counts once in each), most common first, ties by id. */
export function sectorTally(sectorLists: Iterable<readonly string[]>): SectorCount[] {
  const counts = new Map<string, number>();
  for (const sectors of sectorLists) for (const s of sectors) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([sector, count]) => ({ sector, count })).sort((a, b) => b.count - a.count || a.sector.localeCompare(b.sector));
}
