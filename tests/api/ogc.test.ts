import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url, headers: { host: 'atlas.test:8080' } });
type Link = { rel: string; href: string; type?: string };
const link = (links: Link[], rel: string) => links.find((l) => l.rel === rel);
const ids = (body: { features: { id: string }[] }) => body.features.map((f) => f.id);

/** Every page of a collection's items, following `next` links as an OGC client does. */
async function allItems(start: string): Promise<{ id: string; properties: Record<string, unknown> }[]> {
  const out = [];
  let url: string | undefined = start;
  for (let pages = 0; url && pages < 1000; pages++) {
    const body: { features: { id: string; properties: Record<string, unknown> }[]; links: Link[] } = (await get(url)).json();
    out.push(...body.features);
    const next: string | undefined = link(body.links, 'next')?.href;
    url = next && new URL(next).pathname + new URL(next).search;
  }
  return out;
}

describe('OGC API – Features landing, conformance and collections', () => {
  test('the landing page links the API definition, conformance and collections as JSON', async () => {
    const res = await get('/ogc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { links } = res.json();
    expect(link(links, 'conformance')?.href).toBe('http://atlas.test:8080/ogc/conformance');
    expect(link(links, 'data')?.href).toBe('http://atlas.test:8080/ogc/collections');
    expect(link(links, 'service-desc')).toMatchObject({ href: 'http://atlas.test:8080/openapi.json', type: 'application/vnd.oai.openapi+json;version=3.1' });
  });

  test('declares the Core and GeoJSON conformance classes', async () => {
    const { conformsTo } = (await get('/ogc/conformance')).json();
    expect(conformsTo).toEqual(expect.arrayContaining(['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson']));
  });

  test('lists parks, organizations, districts and cities with CRS84 extents inside Guangdong and items links', async () => {
    const { collections } = (await get('/ogc/collections')).json();
    expect(collections.map((c: { id: string }) => c.id)).toEqual(['parks', 'organizations', 'districts', 'cities']);
    for (const c of collections) {
      expect(c.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
      const [minLon, minLat, maxLon, maxLat] = c.extent.spatial.bbox[0];
      expect(minLon).toBeGreaterThan(111);
      expect(maxLon).toBeLessThan(116);
      expect(minLat).toBeGreaterThan(21);
      expect(maxLat).toBeLessThan(25);
      expect(link(c.links, 'items')).toMatchObject({ href: `http://atlas.test:8080/ogc/collections/${c.id}/items`, type: 'application/geo+json' });
    }
  });

  test('an unknown collection is a 404 that names the collections there are', async () => {
    const res = await get('/ogc/collections/roads');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('parks, organizations, districts, cities');
  });

  test('links are not built from a Host header unfit for a URL', async () => {
    const res = await app().inject({ method: 'GET', url: '/ogc', headers: { host: 'evil.test/"><script>' } });
    for (const l of res.json().links) expect(l.href).not.toContain('evil');
  });
});

describe('GET /ogc/collections/{id}/items', () => {
  test('serves GeoJSON with numberMatched, numberReturned, the default limit of 10 and a next link', async () => {
    const res = await get('/ogc/collections/organizations/items');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const body = res.json();
    const total = (await get('/api/organizations?limit=5000')).json().total;
    expect(body.numberMatched).toBe(total);
    expect(body.numberReturned).toBe(10);
    expect(body.features).toHaveLength(10);
    expect(body.features[0].id).toBe(body.features[0].properties.id);
    expect(link(body.links, 'next')?.href).toBe('http://atlas.test:8080/ogc/collections/organizations/items?limit=10&offset=10');
    expect(link(body.links, 'prev')).toBeUndefined();
  });

  test('following next links yields every organisation of the JSON API exactly once, in its order', async () => {
    const json = (await get('/api/organizations?limit=5000')).json();
    const paged = await allItems('/ogc/collections/organizations/items?limit=7');
    expect(paged.map((f) => f.id)).toEqual(json.features.map((f: { properties: { id: string } }) => f.properties.id));
  });

  test('a later page links back with prev', async () => {
    const body = (await get('/ogc/collections/parks/items?limit=5&offset=5')).json();
    expect(link(body.links, 'prev')?.href).toBe('http://atlas.test:8080/ogc/collections/parks/items?limit=5');
  });

  test('bbox selects the same organisations as the JSON API', async () => {
    const bbox = '113.85,22.45,114.1,22.6';
    const json = (await get(`/api/organizations?bbox=${bbox}&limit=5000`)).json();
    const ogc = (await get(`/ogc/collections/organizations/items?bbox=${bbox}&limit=5000`)).json();
    expect(json.total).toBeGreaterThan(0);
    expect(ids(ogc)).toEqual(json.features.map((f: { properties: { id: string } }) => f.properties.id));
  });

  test('the shared filters are extra query parameters, and the next link carries them', async () => {
    const json = (await get('/api/organizations?city=shenzhen&type=firm&limit=5000')).json();
    const body = (await get('/ogc/collections/organizations/items?city=shenzhen&type=firm&limit=2')).json();
    expect(body.numberMatched).toBe(json.total);
    const next = new URL(link(body.links, 'next')!.href);
    expect(next.searchParams.get('city')).toBe('shenzhen');
    expect(next.searchParams.get('type')).toBe('firm');
  });

  test('a text search finds Tencent in the organisations', async () => {
    expect(ids((await get(`/ogc/collections/organizations/items?q=${encodeURIComponent('腾讯')}`)).json())).toContain('tencent');
  });

  test('districts filter by city', async () => {
    const body = (await get('/ogc/collections/districts/items?city=shenzhen&limit=100')).json();
    expect(body.numberMatched).toBe(9); // Guangming (2018) included
    expect(body.features.every((f: { properties: { city: string } }) => f.properties.city === 'shenzhen')).toBe(true);
  });

  test('a valid datetime is accepted and, with no temporal extent, selects everything', async () => {
    const all = (await get('/ogc/collections/parks/items')).json();
    const res = await get('/ogc/collections/parks/items?datetime=2018-01-01/..');
    expect(res.statusCode).toBe(200);
    expect(res.json().numberMatched).toBe(all.numberMatched);
  });

  test('a limit above 10000 is lowered to it, not refused', async () => {
    const res = await get('/ogc/collections/cities/items?limit=99999');
    expect(res.statusCode).toBe(200);
    expect(link(res.json().links, 'self')?.href).toContain('limit=10000');
  });

  test.each([
    ['/ogc/collections/parks/items?limit=0', 'limit'],
    ['/ogc/collections/parks/items?bbox=114,22,113', 'bbox'],
    ['/ogc/collections/parks/items?colour=red', 'colour'],
    ['/ogc/collections/cities/items?sector=drones', 'sector'],
    ['/ogc/collections/parks/items?city=atlantis', 'city'],
    ['/ogc/collections/parks/items?datetime=soon', 'datetime']
  ])('%s is a 400 naming %s', async (url, parameter) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });
});

describe('GET /ogc/collections/{id}/items/{featureId}', () => {
  test('returns one feature as GeoJSON with self and collection links', async () => {
    const res = await get('/ogc/collections/parks/items/songshan-lake-high-tech-zone');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const one = res.json();
    expect(one).toMatchObject({ type: 'Feature', id: 'songshan-lake-high-tech-zone', properties: { name_zh: '松山湖高新区' } });
    expect(link(one.links, 'collection')?.href).toBe('http://atlas.test:8080/ogc/collections/parks');
  });

  test('a district is found by its GB code', async () => {
    const res = await get('/ogc/collections/districts/items/440305');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.json().properties.name_zh).toBe('南山区');
  });

  test('an organisation is found by its id, and an unknown id is a 404', async () => {
    expect((await get('/ogc/collections/organizations/items/tencent')).json().properties.name_en).toMatch(/Tencent/);
    expect((await get('/ogc/collections/organizations/items/no-such-firm')).statusCode).toBe(404);
  });
});
