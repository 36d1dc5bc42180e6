import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { appWithTempData, editor } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
beforeAll(async () => {
  env = await appWithTempData();
});
afterAll(() => env.dispose());

const get = (url: string) => env.app.inject({ method: 'GET', url });

/** A small tour as the presenter's editor sends it. */
const draft = (title = '展会导览') => ({
  format: 'cluster-atlas-tour',
  version: 1,
  title: { zh: title, en: 'Booth tour' },
  steps: [
    {
      title: { zh: '深圳湾', en: 'Shenzhen Bay' },
      caption: { zh: '深圳湾科技生态园', en: 'Shenzhen Bay Science & Technology Ecological Park' },
      camera: { lon: 113.95, lat: 22.53, zoom: 12, bearing: 0, pitch: 30 },
      layers: ['boundaries', 'parks', 'organizations'],
      filters: { cities: ['shenzhen'] },
      park: 'shenzhen-bay-sci-tech-ecological-park',
      duration_s: 8
    }
  ]
});

describe('the built-in tour of the plan', () => {
  test('is listed first as read-only, and plays all five cities with both languages', async () => {
    const list = (await get('/api/tours')).json();
    expect(list[0]).toMatchObject({ id: 'plan', builtin: true, updated_at: null });
    const plan = (await get('/api/tours/plan')).json();
    expect(plan).toMatchObject({ format: 'cluster-atlas-tour', version: 1, id: 'plan' });
    expect(plan.steps.length).toBe(list[0].steps);
    const cities = new Set(plan.steps.flatMap((s: { filters?: { cities?: string[] } }) => s.filters?.cities ?? []));
    expect([...cities].sort()).toEqual(['dongguan', 'foshan', 'guangzhou', 'shenzhen', 'zhuhai']);
    for (const step of plan.steps) {
      expect(step.caption.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(step.caption.en).not.toMatch(/[\u3000-\u9fff]/);
    }
    const layers = new Set(plan.steps.flatMap((s: { layers: string[] }) => s.layers));
    expect(layers).toEqual(new Set(['boundaries', 'parks', 'organizations', 'hexagons', 'clusters']));
  });

  test('quotes the plan word for word wherever a caption quotes it', () => {
    const plan = readFileSync(join(import.meta.dirname, '..', '..', 'geodata', 'sources', 'guangdong-ai-action-plan-2018-2020.txt'), 'utf8').replace(/\s+|\*\*/g, '');
    const tour = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'geodata', 'curated', 'tours', 'plan.json'), 'utf8'));
    const quotes = tour.steps.flatMap((s: { caption: { zh: string } }) => [...s.caption.zh.matchAll(/“((?:[^“”]|“[^“”]*”)*)”/g)].flatMap((m) => m[1].split('……')));
    expect(quotes.length).toBeGreaterThan(10);
    for (const quote of quotes) expect(plan, quote).toContain(quote.replace(/\s+/g, ''));
  });

  test('cannot be changed or deleted, even with an editor key', async () => {
    const put = await env.app.inject({ method: 'PUT', url: '/api/tours/plan', headers: editor, payload: draft() });
    expect(put.statusCode).toBe(409);
    expect(put.json()).toMatchObject({ error: 'Conflict', parameter: 'id' });
    expect((await env.app.inject({ method: 'DELETE', url: '/api/tours/plan', headers: editor })).statusCode).toBe(409);
  });
});

describe('saved tours', () => {
  test('save, read, replace, export and delete a tour with an editor key', async () => {
    const created = await env.app.inject({ method: 'POST', url: '/api/tours', headers: editor, payload: draft() });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(id).toMatch(/^t[0-9a-f]{8}$/);
    expect(created.headers.location).toBe(`/api/tours/${id}`);
    expect((await get(`/api/tours/${id}`)).json()).toMatchObject({ id, title: { zh: '展会导览' }, steps: [{ park: 'shenzhen-bay-sci-tech-ecological-park' }] });

    const replaced = await env.app.inject({ method: 'PUT', url: `/api/tours/${id}`, headers: editor, payload: draft('改名后') });
    expect(replaced.statusCode).toBe(200);
    expect((await get('/api/tours')).json()).toContainEqual(expect.objectContaining({ id, title: { zh: '改名后', en: 'Booth tour' }, steps: 1, builtin: false }));

    const exported = await get(`/api/tours/${id}?download=true`);
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="tour-${id}.json"`);
    const imported = await env.app.inject({ method: 'POST', url: '/api/tours', headers: editor, payload: exported.json() });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().id).not.toBe(id);
    expect(imported.json().steps).toEqual(exported.json().steps);

    expect((await env.app.inject({ method: 'DELETE', url: `/api/tours/${id}`, headers: editor })).statusCode).toBe(204);
    expect((await get(`/api/tours/${id}`)).statusCode).toBe(404);
  });

  test('a saved tour survives a restart of the server on the same data directory', async () => {
    const { id } = (await env.app.inject({ method: 'POST', url: '/api/tours', headers: editor, payload: draft('重启后仍在') })).json();
    const again = await buildApp(env.storage);
    try {
      expect((await again.inject(`/api/tours/${id}`)).json().title.zh).toBe('重启后仍在');
    } finally {
      await again.close();
    }
  });

  test('writing without an editor key is refused', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/tours', payload: draft() });
    expect(res.statusCode).toBe(401);
    expect(res.json().parameter).toBe('authorization');
  });

  test('a step naming an unknown place or city is refused with the step and field named', async () => {
    const bad = draft();
    bad.steps[0].park = 'atlantis-park';
    const res = await env.app.inject({ method: 'POST', url: '/api/tours', headers: editor, payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ parameter: 'steps/0/park', message: expect.stringContaining('atlantis-park') });
    bad.steps[0].park = 'shenzhen-bay-sci-tech-ecological-park';
    bad.steps[0].filters = { cities: ['atlantis'] };
    expect((await env.app.inject({ method: 'POST', url: '/api/tours', headers: editor, payload: bad })).json().parameter).toBe('steps/0/filters/cities');
  });

  test('malformed tours get a 400 naming the field, never a 5xx', async () => {
    const noLat = draft() as { steps: { camera: Partial<{ lat: number }> }[] };
    delete noLat.steps[0].camera.lat;
    const cases: [unknown, RegExp][] = [
      [noLat, /camera/],
      [{ ...draft(), version: 2 }, /^version/],
      [{ ...draft(), format: 'something-else' }, /format/],
      [{ ...draft(), steps: [] }, /steps/],
      [{ ...draft(), steps: [{ ...draft().steps[0], layers: ['satellite'] }] }, /layers/],
      ['not json at all', /body|json/i]
    ];
    for (const [payload, parameter] of cases) {
      const res = await env.app.inject({ method: 'POST', url: '/api/tours', headers: { ...editor, 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().parameter ?? res.json().message).toMatch(parameter);
    }
  });

  test('an unknown tour is a 404 and a malformed id a 400', async () => {
    expect((await get('/api/tours/t00000000')).statusCode).toBe(404);
    expect((await get('/api/tours/NOT%20AN%20ID')).json()).toMatchObject({ statusCode: 400, parameter: 'id' });
  });

  test('the tour routes are in the OpenAPI document', async () => {
    const { paths } = (await get('/openapi.json')).json();
    expect(Object.keys(paths['/api/tours'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/api/tours/{id}'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
  });
});
