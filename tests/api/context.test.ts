import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
const shipped = JSON.parse(readFileSync(new URL('../../geodata/curated/context.geojson', import.meta.url), 'utf8')) as {
  features: { id: string; properties: { id: string } }[];
};

const shippedOrganizations = JSON.parse(readFileSync(new URL('../../geodata/curated/organizations.geojson', import.meta.url), 'utf8')) as { features: unknown[] };

describe('GET /api/context', () => {
  test('serves every Hong Kong and Macau context record of the shipped file, each marked as context', async () => {
    const res = await get('/api/context');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { properties: { id: string } }) => f.properties.id).sort()).toEqual(shipped.features.map((f) => f.properties.id).sort());
    expect(body.total).toBe(shipped.features.length);
    for (const f of body.features) {
      expect(f.properties.context).toBe(true);
      expect(['hongkong', 'macau']).toContain(f.properties.city);
    }
  });

  test('context records never enter the organisations or their counts', async () => {
    const ids = new Set(shipped.features.map((f) => f.properties.id));
    const orgs = (await get('/api/organizations?limit=5000')).json();
    expect(orgs.features.filter((f: { properties: { id: string } }) => ids.has(f.properties.id))).toEqual([]);
    // The organisations served are exactly the shipped file's: the context file adds none to any count.
    expect(orgs.total).toBe(shippedOrganizations.features.length);
    expect((await get('/api/health')).json().data.organizations).toBe(shippedOrganizations.features.length);
  });
});

describe('the context tile layer', () => {
  test('the parks tileset describes a context layer and the style draws it from there', async () => {
    const tilejson = (await get('/tiles/parks.json')).json();
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toContain('context');
    const style = (await get('/style.json')).json();
    const contextLayers = style.layers.filter((l: { id: string }) => l.id.startsWith('context-'));
    expect(contextLayers.map((l: { id: string }) => l.id)).toEqual(['context-point', 'context-label']);
    for (const l of contextLayers) expect(l['source-layer']).toBe('context');
  });
});
