import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { densityReport } from './density-report.ts';
import { HEX_DEFAULTS } from './hex-density.ts';
import { digestOf, KeptLookupsRefused, keptLookupsKey, readKeptLookups, writeKeptLookups } from './kept-lookups-file.ts';
import { nniReport } from './nni-report.ts';
import { buildEveryTime, keptLookupsOf, prepareDataset, PREPARE_STEPS, restoreKeptLookups } from './per-dataset.ts';
import { runToEnd } from './progress.ts';
import { Selection } from './selection.ts';
import { keeper, seededColumns, testCatalog } from './test-columns.ts';

const { ctx, districts } = testCatalog;
const dir = mkdtempSync(join(tmpdir(), 'atlas-kept-lookups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns = seededColumns(4000, 9);
const key = keptLookupsKey(columns, digestOf(districts), HEX_DEFAULTS.resolution);
const prepared = keeper();
for (const step of PREPARE_STEPS) prepareDataset(step, prepared, columns, ctx);
const file = join(dir, 'analytics-lookups.bin');
writeKeptLookups(file, key, keptLookupsOf(prepared, columns, ctx));

/** A copy of the written file, changed by `change`, and what reading it does. */
function readChanged(change: (path: string) => void) {
  const path = join(dir, `changed-${Math.random().toString(36).slice(2)}.bin`);
  writeFileSync(path, readFileSync(file));
  change(path);
  return () => readKeptLookups(path, key, columns);
}

describe('per-dataset lookups kept on disk', () => {
  test('read back, they equal what was prepared, and density and nni answer byte for byte as when found anew', () => {
    const read = readKeptLookups(file, key, columns)!;
    expect(read).toEqual(keptLookupsOf(prepared, columns, ctx));
    const restored = keeper();
    restoreKeptLookups(restored, read);
    for (const report of [densityReport, nniReport]) {
      const fresh = JSON.stringify(runToEnd(report({ selection: new Selection(columns, null), query: {} as never, ctx, perDataset: buildEveryTime })));
      expect(JSON.stringify(runToEnd(report({ selection: new Selection(columns, null, restored), query: {} as never, ctx, perDataset: restored })))).toBe(fresh);
    }
    // What the preparation then finds is what was read, not found again.
    for (const step of PREPARE_STEPS) prepareDataset(step, restored, columns, ctx);
    expect(keptLookupsOf(restored, columns, ctx).nearest.distanceKm).toBe(read.nearest.distanceKm);
  });

  test('no file is not an error: there is simply nothing to read', () => {
    expect(readKeptLookups(join(dir, 'absent.bin'), key, columns)).toBeNull();
  });

  test('the key changes with any coordinate, sector or the districts, so a file of other data is refused as stale', () => {
    const moved = seededColumns(4000, 9);
    moved.lon[17] += 1e-9;
    const movedKey = keptLookupsKey(moved, digestOf(districts), HEX_DEFAULTS.resolution);
    expect(movedKey).not.toBe(key);
    const resectored = seededColumns(4000, 9);
    resectored.sectorBits[3] ^= 1;
    expect(keptLookupsKey(resectored, digestOf(districts), HEX_DEFAULTS.resolution)).not.toBe(key);
    expect(keptLookupsKey(columns, digestOf(districts.slice(1)), HEX_DEFAULTS.resolution)).not.toBe(key);
    expect(() => readKeptLookups(file, movedKey, moved)).toThrow(/stale/);
    expect(() => readKeptLookups(file, movedKey, moved)).toThrow(expect.objectContaining({ stale: true }));
  });

  test('a truncated file, or one with a changed byte, is refused with the reason, never used', () => {
    const size = statSync(file).size;
    expect(readChanged((path) => truncateSync(path, size - 8))).toThrow(/truncated/);
    expect(readChanged((path) => truncateSync(path, size - 8))).toThrow(expect.objectContaining({ stale: false }));
    expect(readChanged((path) => truncateSync(path, 20))).toThrow(KeptLookupsRefused);
    expect(readChanged((path) => truncateSync(path, 3))).toThrow(/not a lookups file/);
    expect(
      readChanged((path) => {
        const bytes = readFileSync(path);
        bytes[size - 100] ^= 0x40;
        writeFileSync(path, bytes);
      })
    ).toThrow(/CRC-32/);
  });
});
