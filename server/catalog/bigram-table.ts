/** What `BigramTable.get` answers for a key it does not hold (and the name index for a key in no text). */
export const NONE = -1;

/** Open addressing from a bigram key (a·65536 + b, any 32-bit value) to its dense number. */
export class BigramTable {
  keys = new Uint32Array(1 << 16);
  ids = new Int32Array(1 << 16).fill(NONE);
  size = 0;

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.ids[slot] !== NONE && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** Bytes held, for memory accounting. */
  get byteLength(): number {
    return this.keys.byteLength + this.ids.byteLength;
  }

  /** The key's number, or NONE. */
  get(key: number): number {
    return this.ids[this.slotOf(key)];
  }

  /** The key's number, given the next free one (`next`) when it has none yet. */
  add(key: number, next: number): number {
    let slot = this.slotOf(key);
    if (this.ids[slot] !== NONE) return this.ids[slot];
    if ((this.size + 1) * 2 > this.keys.length) {
      this.grow();
      slot = this.slotOf(key);
    }
    this.keys[slot] = key;
    this.ids[slot] = next;
    this.size++;
    return next;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2).fill(NONE);
    for (let s = 0; s < keys.length; s++) {
      if (ids[s] === NONE) continue;
      const slot = this.slotOf(keys[s]);
      this.keys[slot] = keys[s];
      this.ids[slot] = ids[s];
    }
  }
}
