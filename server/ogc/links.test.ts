import { describe, expect, test } from 'vitest';
import { itemsPageLinks, landingLinks } from './links.ts';

const itemsUrl = 'http://atlas.test/ogc/collections/organizations/items';
const rels = (links: { rel: string }[]) => links.map((l) => l.rel);
const href = (links: { rel: string; href: string }[], rel: string) => links.find((l) => l.rel === rel)?.href;

describe('itemsPageLinks', () => {
  test('the first of several pages links self and next, but no prev', () => {
    const links = itemsPageLinks({ itemsUrl, query: [], offset: 0, limit: 10, numberMatched: 25 });
    expect(rels(links)).toEqual(['self', 'next', 'collection']);
    expect(href(links, 'next')).toBe(`${itemsUrl}?limit=10&offset=10`);
    expect(href(links, 'collection')).toBe('http://atlas.test/ogc/collections/organizations');
  });

  test('the last page has prev but no next', () => {
    const links = itemsPageLinks({ itemsUrl, query: [], offset: 20, limit: 10, numberMatched: 25 });
    expect(rels(links)).toEqual(['self', 'prev', 'collection']);
    expect(href(links, 'prev')).toBe(`${itemsUrl}?limit=10&offset=10`);
  });

  test('a page that ends exactly at the last match has no next', () => {
    expect(rels(itemsPageLinks({ itemsUrl, query: [], offset: 10, limit: 10, numberMatched: 20 }))).not.toContain('next');
  });

  test('prev never goes below offset 0 when the offset is not a multiple of the limit', () => {
    const links = itemsPageLinks({ itemsUrl, query: [], offset: 3, limit: 10, numberMatched: 25 });
    expect(href(links, 'prev')).toBe(`${itemsUrl}?limit=10`);
  });

  test('an empty result links only self and the collection', () => {
    expect(rels(itemsPageLinks({ itemsUrl, query: [], offset: 0, limit: 10, numberMatched: 0 }))).toEqual(['self', 'collection']);
  });

  test('paging links keep every other query parameter, encoded, and replace limit and offset', () => {
    const query = [['city', 'shenzhen,dongguan'], ['q', '腾讯 ai'], ['limit', '5'], ['offset', '0'], ['bbox', '113,22,114,23']] as const;
    const next = href(itemsPageLinks({ itemsUrl, query, offset: 0, limit: 5, numberMatched: 12 }), 'next')!;
    const params = new URL(next).searchParams;
    expect(params.get('city')).toBe('shenzhen,dongguan');
    expect(params.get('q')).toBe('腾讯 ai');
    expect(params.get('bbox')).toBe('113,22,114,23');
    expect(params.getAll('limit')).toEqual(['5']);
    expect(params.getAll('offset')).toEqual(['5']);
  });
});

describe('landingLinks', () => {
  test('names the API definition, conformance and data, as §7.2.2 requires', () => {
    const links = landingLinks('http://atlas.test/ogc', 'http://atlas.test');
    expect(rels(links)).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    expect(href(links, 'data')).toBe('http://atlas.test/ogc/collections');
  });
});
