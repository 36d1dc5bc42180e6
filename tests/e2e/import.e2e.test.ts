import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { closePage, JOURNEY_SCREENS, menuItem, OUTPUT, press, shot, useE2e } from '../helpers/e2e-page.ts';

const GBK_CSV = join(OUTPUT, '..', 'fixtures', 'import', 'good', 'amap-gbk-gcj02.csv');
const KEY = 'e2e-editor-key';

const e2e = useE2e({ EDITOR_TOKEN: KEY });

describe.each(JOURNEY_SCREENS)('on a $name screen', (screen) => {
  test('an editor imports a GBK CSV copied from AMap, reads the report, and the organisations appear everywhere', async () => {
    const page = await e2e.open(screen);
    const before = await e2e.api('/api/organizations?limit=1');
    const densityBefore = await e2e.api('/api/analytics/density');

    await menuItem(screen, page, 'open-import');
    await page.getByTestId('import-key').fill(KEY);
    // A file of its own per screen: the same file twice would be recognised as one import (replayed).
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-import-')), `amap-gbk-gcj02-${screen.name}.csv`);
    copyFileSync(GBK_CSV, file);
    await page.getByTestId('import-file').setInputFiles(file);
    await press(screen, page.getByTestId('import-check'));
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.innerText(), { timeout: 15_000 }).toMatch(/GB18030|GBK/i);
    await shot(page, screen, 'import', 'report');
    await press(screen, page.getByTestId('import-run'));
    // The check's row summary already holds digits; wait for the line saying the import was written.
    await report.getByRole('status').waitFor({ timeout: 15_000 });

    const after = await e2e.api('/api/organizations?limit=1');
    expect(after.total).toBeGreaterThan(before.total);
    const imported = after.total - before.total;
    const densityAfter = await e2e.api('/api/analytics/density');
    expect(densityAfter.total).toBe(densityBefore.total + imported);

    // The page's own count follows without a reload once the dialog is closed.
    await page.keyboard.press('Escape');
    if (screen.touch) await press(screen, page.getByRole('tab', { name: '机构' }));
    await expect.poll(() => page.getByTestId('organization-count').innerText(), { timeout: 15_000 }).toContain(String(after.total));
    await shot(page, screen, 'import', 'done');
    await closePage(page);
  });
});

test('no request left the server it came from', () => {
  expect(e2e.foreign).toEqual([]);
});
