import { describe, expect, test } from 'vitest';
import { defaultState, queryToState, stateToQuery, type AppState } from './url-state.ts';

describe('shared-link state', () => {
  test('a full state survives the round trip through the URL', () => {
    const state: AppState = {
      lang: 'en',
      labels: 'zh',
      filters: { cities: ['shenzhen', 'dongguan'], sectors: ['drones'], kinds: ['tech-park'], types: ['firm', 'lab'], q: '松山湖', near: { lon: 113.9, lat: 22.5, radiusKm: 5 } },
      layers: ['parks', 'hexagons'],
      opacity: { hexagons: 0.6 },
      park: 'songshan-lake-high-tech-zone',
      organization: 'tencent',
      shortlist: ['a', 'b', 'c'],
      camera: { lon: 113.91234, lat: 22.51234, zoom: 10.5, bearing: 12, pitch: 40 },
      suitability: { sectors: ['service-robots'], radiusKm: 15, weights: { organizations: 1, research: 5, platforms: 0, airport: 2, port: 1, specialisation: 1, area: 3 }, shortlistOnly: true }
    };
    const query = new URLSearchParams(stateToQuery(state).toString());
    expect(queryToState(query)).toEqual(state);
  });

  test('the default state makes an empty query', () => {
    expect(stateToQuery(defaultState()).toString()).toBe('');
  });

  test('malformed values fall back to defaults instead of breaking the page', () => {
    const s = queryToState(new URLSearchParams('lang=fr&near=abc&at=1,2&opacity=hexagons:7&shortlist=1,2,3,4,5,6,7,8'));
    expect(s.lang).toBe('zh');
    expect(s.filters.near).toBeNull();
    expect(s.camera).toBeNull();
    expect(s.opacity).toEqual({});
    expect(s.shortlist).toHaveLength(6);
  });
});
