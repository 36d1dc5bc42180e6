import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { TourDocument } from '../schemas/tours.ts';
import { asStoredTour, shapeProblems, shippedTour, tourProblems, type TourVocabulary } from './check.ts';

const vocabulary: TourVocabulary = { cities: ['guangzhou', 'shenzhen'], sectors: ['ai-chips'], kinds: ['tech-park'], types: ['firm'], parks: ['shenzhen-bay-sci-tech-ecological-park'] };

const tour = (step: Partial<TourDocument['steps'][number]> = {}, version = 1): TourDocument => ({
  format: 'cluster-atlas-tour',
  version,
  title: { zh: '测试', en: 'Test' },
  steps: [{ title: { zh: '一', en: 'One' }, caption: { zh: '说明', en: 'Caption' }, camera: { lon: 113.9, lat: 22.5, zoom: 10, bearing: 0, pitch: 0 }, layers: ['parks'], ...step }]
});

test('a tour that names only known cities, sectors and places has no problems', () => {
  expect(tourProblems(tour({ filters: { cities: ['shenzhen'], sectors: ['ai-chips'] }, park: 'shenzhen-bay-sci-tech-ecological-park' }), vocabulary)).toEqual([]);
});

test('an unknown city or place is reported at its step and field', () => {
  const problems = tourProblems(tour({ filters: { cities: ['beijing'] }, park: 'nowhere-park' }), vocabulary);
  expect(problems.map((p) => p.path)).toEqual(['steps/0/filters/cities', 'steps/0/park']);
  expect(problems[0].message).toContain('"beijing"');
});

test('a tour in a newer format version is refused with the version named', () => {
  expect(tourProblems(tour({}, 2), vocabulary)).toEqual([{ path: 'version', message: expect.stringContaining('version 2 is newer') }]);
});

test('shape problems point at the field, e.g. a camera without a latitude', () => {
  const broken = tour();
  delete (broken.steps[0].camera as Partial<TourDocument['steps'][number]['camera']>).lat;
  expect(shapeProblems(broken).map((p) => p.path)).toContain('steps/0/camera/lat');
});

test('a shipped tour with a problem stops the start with the file and path named', () => {
  expect(() => shippedTour({ ...tour(), steps: [] }, vocabulary, 'plan.json')).toThrow(/plan\.json is not a valid tour:\n {2}steps/);
});

test('stored tours carry the given id and the current format version', () => {
  expect(asStoredTour({ ...tour(), id: 'other' }, 't1234')).toMatchObject({ id: 't1234', version: 1, format: 'cluster-atlas-tour' });
});

test('the built-in tour file is a valid tour', () => {
  const file = join(import.meta.dirname, '..', '..', 'geodata', 'curated', 'tours', 'plan.json');
  expect(shapeProblems(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
});
