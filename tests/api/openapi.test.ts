import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });

describe('GET /openapi.json', () => {
  test('is an OpenAPI 3.1 document that an independent validator accepts', async () => {
    const doc = (await get('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('documents every public route with its parameters and error answers', async () => {
    const { paths } = (await get('/openapi.json')).json();
    for (const path of ['/api/health', '/api/cities', '/api/parks', '/api/parks/{id}', '/api/organizations', '/api/sectors', '/api/targets', '/style.json', '/tiles/{layer}.json', '/tiles/{layer}/{z}/{x}/{y}.mvt']) {
      expect(paths[path]?.get, path).toBeDefined();
    }
    const orgs = paths['/api/organizations'].get;
    expect(orgs.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['city', 'sector', 'type', 'q', 'bbox', 'limit', 'offset']));
    expect(Object.keys(orgs.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(JSON.stringify(paths['/api/parks/{id}'].get.responses['200'])).toContain('profile');
  });
});

describe('GET /docs', () => {
  test('serves the interactive docs with every asset from this server (no CDN)', async () => {
    const res = await app().inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const assets = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(1);
    for (const url of assets) expect(url, url).not.toMatch(/^(https?:)?\/\//);
    for (const url of assets) {
      const asset = await app().inject({ method: 'GET', url: new URL(url, 'http://x/docs/').pathname });
      expect(asset.statusCode, url).toBe(200);
      expect(asset.body, url).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs|jsdelivr)/);
    }
  });
});
