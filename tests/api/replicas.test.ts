import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildApp, type App } from '../../server/app.ts';
import { appWithTempData, editor, EDITOR_TOKEN, upload } from './datasets-upload.ts';

// The z12 tile around Canton Tower, where the register below puts its three organisations.
const TILE = '/tiles/organizations/12/3337/1777.mvt';
const register = ['编号,名称,城市,经度,纬度', 'r1,副本测试甲,广州,113.3245,23.1065', 'r2,副本测试乙,广州,113.3300,23.1100', 'r3,副本测试丙,广州,113.3150,23.1000'].join('\n');
// Another instance hears of a write within milliseconds; the margin is for a busy CI machine.
const PROPAGATION = { timeout: 10_000, interval: 50 };

/** What a user of an instance sees of the dataset: its records, search hits and the tile. */
async function view(app: App, datasetId: string) {
  const detail = await app.inject(`/api/datasets/${datasetId}`);
  const search = (await app.inject(`/api/organizations?q=${encodeURIComponent('副本测试')}`)).json();
  const tile = await app.inject(TILE);
  return { status: detail.statusCode, records: detail.statusCode === 200 ? detail.json().records : undefined, found: search.total as number, tile: tile.rawPayload, etag: tile.headers.etag };
}

describe.runIf(process.env.DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let a: Awaited<ReturnType<typeof appWithTempData>>;
  let b: App;

  beforeAll(async () => {
    a = await appWithTempData();
    b = await buildApp({ ...a.storage, editorToken: EDITOR_TOKEN });
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await a?.dispose();
  });

  test('an import through A is read through B: the same records, search hits and tile bytes; a delete through B clears A’s cached tile', async () => {
    const before = await view(a.app, 'ds00000000');
    expect((await view(b, 'ds00000000')).tile.equals(before.tile)).toBe(true);

    const imported = await upload(a.app, 'register.csv', { bytes: register });
    expect(imported.statusCode).toBe(201);
    const id: string = imported.json().dataset.id;
    const onA = await view(a.app, id);
    expect(onA.found).toBe(3);
    expect(onA.tile.equals(before.tile)).toBe(false);

    await vi.waitFor(async () => expect((await view(b, id)).found).toBe(3), PROPAGATION);
    const onB = await view(b, id);
    expect(onB.records).toEqual(onA.records);
    expect(onB.tile.equals(onA.tile)).toBe(true);
    expect(onB.etag).toBe(onA.etag);

    // A has the tile with the import in its cache; B removes the dataset.
    expect((await a.app.inject({ url: TILE, headers: { 'if-none-match': onA.etag } })).statusCode).toBe(304);
    expect((await b.inject({ method: 'DELETE', url: `/api/datasets/${id}`, headers: editor })).statusCode).toBe(200);

    await vi.waitFor(async () => expect((await view(a.app, id)).found).toBe(0), PROPAGATION);
    const afterDelete = await a.app.inject({ url: TILE, headers: { 'if-none-match': onA.etag } });
    expect(afterDelete.statusCode).toBe(200);
    expect(afterDelete.headers.etag).not.toBe(onA.etag);
    expect(afterDelete.rawPayload.equals(before.tile)).toBe(true);
  });

  test('edits through both instances land as consecutive versions that both instances list alike', async () => {
    const id: string = (await upload(b, 'register.csv', { bytes: register })).json().dataset.id;
    await vi.waitFor(async () => expect((await a.app.inject(`/api/datasets/${id}`)).statusCode).toBe(200), PROPAGATION);
    const edits = await Promise.all([
      a.app.inject({ method: 'PATCH', url: `/api/datasets/${id}/records/r1`, headers: editor, payload: { name_zh: '副本测试甲改' } }),
      b.inject({ method: 'PATCH', url: `/api/datasets/${id}/records/r2`, headers: editor, payload: { name_zh: '副本测试乙改' } })
    ]);
    expect(edits.map((e) => e.json().version.version).sort()).toEqual([2, 3]);
    const names = async (app: App) => (await app.inject(`/api/organizations?q=${encodeURIComponent('副本测试')}`)).json().features.map((f: { properties: { name_zh: string } }) => f.properties.name_zh).sort();
    const expected = ['副本测试丙', '副本测试乙改', '副本测试甲改'].sort();
    await vi.waitFor(async () => expect(await names(a.app)).toEqual(expected), PROPAGATION);
    await vi.waitFor(async () => expect(await names(b)).toEqual(expected), PROPAGATION);
    expect((await a.app.inject(`/api/datasets/${id}/history`)).json()).toEqual((await b.inject(`/api/datasets/${id}/history`)).json());
  });
});
