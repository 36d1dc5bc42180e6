/**
 * Row of an organisation id, looked up in the ids' string table through an open-addressing hash
 * table of row numbers: 8 bytes per organisation, where a Map of a million id strings costs ~100.
 */
import { shared, type OrganizationColumns } from './organization-columns.ts';

const EMPTY = -1;

/** FNV-1a over bytes [from, to) of `bytes`. */
function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

export class IdLookup {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly columns: Pick<OrganizationColumns, 'size' | 'idText' | 'idEnd'>) {
    // A power of two at least twice the rows keeps probe runs short.
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(2, columns.size * 2)));
    this.slots = shared(Int32Array, capacity).fill(EMPTY);
    this.mask = capacity - 1;
    // Inserted last row first, so that of two records sharing an id the later one is found (as an import layered over the shipped list would be).
    for (let row = columns.size - 1; row >= 0; row--) {
      const from = row === 0 ? 0 : columns.idEnd[row - 1];
      let slot = hashOf(columns.idText, from, columns.idEnd[row]) & this.mask;
      while (this.slots[slot] !== EMPTY) {
        if (this.sameId(this.slots[slot], columns.idText, from, columns.idEnd[row])) break;
        slot = (slot + 1) & this.mask;
      }
      if (this.slots[slot] === EMPTY) this.slots[slot] = row;
    }
  }

  /** The row of `id`, or undefined when no organisation has it. */
  rowOf(id: string): number | undefined {
    const key = Buffer.from(id, 'utf8');
    for (let slot = hashOf(key, 0, key.length) & this.mask; this.slots[slot] !== EMPTY; slot = (slot + 1) & this.mask) {
      if (this.sameId(this.slots[slot], key, 0, key.length)) return this.slots[slot];
    }
    return undefined;
  }

  private sameId(row: number, bytes: Uint8Array, from: number, to: number): boolean {
    const start = row === 0 ? 0 : this.columns.idEnd[row - 1];
    if (this.columns.idEnd[row] - start !== to - from) return false;
    for (let k = 0; k < to - from; k++) if (this.columns.idText[start + k] !== bytes[from + k]) return false;
    return true;
  }
}
