import { expect, test } from 'vitest';
import { TOUR_LAYERS } from '$server/schemas/tours.ts';
import { buildStyle } from '$server/tiles/style.ts';
import { DEFAULT_LAYER_IDS, LAYERS, layerOfDeckId, mapLibreLayers, needsDeck } from './layer-registry.ts';

const names = { lang: 'en' as const, cityName: (id: string) => `city:${id}`, sectorName: (id: string) => `sector:${id}` };

test('every layer has a unique id, a name and a legend note or units in both languages', () => {
  expect(new Set(LAYERS.map((l) => l.id)).size).toBe(LAYERS.length);
  for (const l of LAYERS) {
    expect(l.name.zh && l.name.en, l.id).toBeTruthy();
    const text = l.legend.kind === 'ramp' ? l.legend.units : l.legend.note;
    expect(text?.zh && text?.en, `${l.id} legend`).toBeTruthy();
  }
});

test('tour files accept every registry layer (add new ids to TOUR_LAYERS in server/schemas/tours.ts)', () => {
  expect([...TOUR_LAYERS].sort()).toEqual(expect.arrayContaining(LAYERS.map((l) => l.id).sort()));
});

test('each MapLibre layer owns at least one layer of the server style, and no style layer has two owners', () => {
  const ids = buildStyle('http://x').layers.map((l) => l.id);
  const owned = mapLibreLayers().flatMap((l) => {
    const mine = l.styleLayers(ids);
    expect(mine.length, l.id).toBeGreaterThan(0);
    return mine;
  });
  expect(new Set(owned).size).toBe(owned.length);
});

test('the default view shows boundaries, parks and organisations and needs no deck.gl', () => {
  expect(DEFAULT_LAYER_IDS).toEqual(['boundaries', 'parks', 'organizations']);
  expect(needsDeck(DEFAULT_LAYER_IDS)).toBe(false);
  expect(needsDeck(['parks', 'clusters'])).toBe(true);
});

test('a deck.gl label layer belongs to the registry layer whose id it starts with', () => {
  expect(layerOfDeckId('clusters:labels')?.id).toBe('clusters');
  expect(layerOfDeckId('nothing')).toBeUndefined();
});

test('cluster hulls get one legend entry per city, named, in the colour the map draws', () => {
  const clusters = LAYERS.find((l) => l.id === 'clusters')!;
  const data = { clusters: { features: [{ properties: { city: 'shenzhen' } }, { properties: { city: 'guangzhou' } }, { properties: { city: 'shenzhen' } }] } };
  const items = clusters.legend.kind === 'swatches' ? clusters.legend.items(data, names) : [];
  expect(items.map((i) => i.label)).toEqual(['city:guangzhou', 'city:shenzhen']);
  expect(new Set(items.map((i) => i.color)).size).toBe(2);
});

test('the hexagon ramp is scaled from 1 to the largest count drawn', () => {
  const hex = LAYERS.find((l) => l.id === 'hexagons')!;
  const data = { hexagons: { cells: { features: [{ properties: { count: 4 } }, { properties: { count: 17 } }] } } };
  expect(hex.legend.kind === 'ramp' && hex.legend.domain(data)).toEqual([1, 17]);
  expect(hex.legend.kind === 'ramp' && hex.legend.domain(undefined)).toBeNull();
});
