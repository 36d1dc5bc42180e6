import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
const shipped = JSON.parse(readFileSync(new URL('../../geodata/curated/context.geojson', import.meta.url), 'utf8')) as {
  features: { id: string; properties: { id: string; kind: string; city: string } }[];
};
const shippedDistricts = JSON.parse(readFileSync(new URL('../../geodata/boundaries/districts.geojson', import.meta.url), 'utf8')) as {
  features: { properties: { code: string }; geometry: unknown }[];
};
const FOCUS = ['guangzhou', 'shenzhen', 'zhuhai', 'dongguan', 'foshan'];

const shippedOrganizations = JSON.parse(readFileSync(new URL('../../geodata/curated/organizations.geojson', import.meta.url), 'utf8')) as { features: unknown[] };

describe('GET /api/context', () => {
  test('serves every context record of the shipped file, each marked as context: Hong Kong / Macau places there, cooperation zones in a focus city', async () => {
    const res = await get('/api/context');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { properties: { id: string } }) => f.properties.id).sort()).toEqual(shipped.features.map((f) => f.properties.id).sort());
    expect(body.total).toBe(shipped.features.length);
    for (const f of body.features) {
      expect(f.properties.context).toBe(true);
      if (f.properties.kind === 'cooperation-zone') expect(FOCUS).toContain(f.properties.city);
      else expect(['hongkong', 'macau']).toContain(f.properties.city);
    }
    expect(body.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'cooperation-zone').length).toBe(4);
  });

  test('a cooperation zone made of whole districts is served with the outline of those districts', async () => {
    const body = (await get('/api/context')).json();
    const nansha = body.features.find((f: { properties: { id: string } }) => f.properties.id === 'nansha-cooperation-zone');
    expect(nansha.properties.geometry_kind).toBe('districts');
    expect(['Polygon', 'MultiPolygon']).toContain(nansha.geometry.type);
    const outline = shippedDistricts.features.find((d) => d.properties.code === '440115')!;
    expect(nansha.geometry).toEqual(outline.geometry);
  });

  test('context records, cooperation zones included, never enter the organisations or their counts', async () => {
    const ids = new Set(shipped.features.map((f) => f.properties.id));
    const orgs = (await get('/api/organizations?limit=5000')).json();
    expect(orgs.features.filter((f: { properties: { id: string } }) => ids.has(f.properties.id))).toEqual([]);
    // The organisations served are exactly the shipped file's: the context file adds none to any count.
    expect(orgs.total).toBe(shippedOrganizations.features.length);
    expect((await get('/api/health')).json().data.organizations).toBe(shippedOrganizations.features.length);
    // A focus city's statistics count its organisations only: the zones inside Shenzhen, Zhuhai and Guangzhou add none.
    for (const city of ['shenzhen', 'zhuhai', 'guangzhou']) {
      const inCity = (await get(`/api/organizations?city=${city}&limit=5000`)).json();
      expect(inCity.features.filter((f: { properties: { id: string } }) => ids.has(f.properties.id))).toEqual([]);
      expect(inCity.total).toBe((shippedOrganizations.features as { properties: { city: string } }[]).filter((f) => f.properties.city === city).length);
    }
  });
});

describe('the context tile layer', () => {
  test('the parks tileset describes a context layer and the style draws it from there: outlines for areas, markers for points', async () => {
    const tilejson = (await get('/tiles/parks.json')).json();
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toContain('context');
    const style = (await get('/style.json')).json();
    const contextLayers = style.layers.filter((l: { id: string }) => l.id.startsWith('context-'));
    expect(contextLayers.map((l: { id: string }) => l.id)).toEqual(['context-area', 'context-area-outline', 'context-zone-point', 'context-point', 'context-label']);
    for (const l of contextLayers) expect(l['source-layer']).toBe('context');
  });
});
