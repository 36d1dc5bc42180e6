import { expect, test } from 'vitest';
import type { TourStep } from '$server/schemas/tours.ts';
import { defaultState, queryToState } from '$lib/state/url-state';
import { capturedStep, stepShareUrl, stepState } from './steps.ts';

const step: TourStep = {
  title: { zh: '深圳', en: 'Shenzhen' },
  caption: { zh: '说明', en: 'Caption' },
  camera: { lon: 113.98, lat: 22.58, zoom: 10.6, bearing: -12, pitch: 30 },
  layers: ['boundaries', 'parks', 'hexagons'],
  filters: { cities: ['shenzhen'] },
  park: 'shenzhen-bay-sci-tech-ecological-park'
};

test('the share link of a step opens the explorer on the same camera, layers, filters and place', () => {
  const url = new URL(stepShareUrl('http://192.168.1.20:8080', step, 'en'));
  expect(url.origin + url.pathname).toBe('http://192.168.1.20:8080/');
  const restored = queryToState(url.searchParams);
  expect(restored).toMatchObject({ lang: 'en', layers: ['boundaries', 'parks', 'hexagons'], park: step.park, camera: step.camera });
  expect(restored.filters.cities).toEqual(['shenzhen']);
});

test('a step without filters shows everything', () => {
  expect(stepState({ ...step, filters: undefined }, 'zh').filters).toEqual(defaultState().filters);
});

test('capturing keeps only what filters and rounds the camera like the share link', () => {
  const state = { ...defaultState(), layers: ['parks', 'clusters'], opacity: { parks: 0.5, clusters: 1 }, park: null };
  state.filters.sectors = ['ai-chips'];
  const captured = capturedStep(state, { lon: 113.123456789, lat: 22.987654321, zoom: 9.87654, bearing: 10.04, pitch: 0 }, { title: step.title, caption: step.caption });
  expect(captured).toEqual({
    title: step.title,
    caption: step.caption,
    camera: { lon: 113.12346, lat: 22.98765, zoom: 9.88, bearing: 10, pitch: 0 },
    layers: ['parks', 'clusters'],
    opacity: { parks: 0.5 },
    filters: { sectors: ['ai-chips'] }
  });
});
