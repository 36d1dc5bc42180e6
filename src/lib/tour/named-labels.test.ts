import { describe, expect, test } from 'vitest';
import { labelBox, placeNamedLabels, type Box, type NamedLabel } from './named-labels.ts';

const VIEW: Box = { left: 0, top: 0, right: 400, bottom: 300 };
const label = (x: number, y: number, host = false, width = 120, height = 30): NamedLabel => ({ x, y, width, height, host });

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placeNamedLabels', () => {
  test('a lone label faces the middle of the view', () => {
    expect(placeNamedLabels([label(50, 100)], VIEW)).toEqual(['east']);
    expect(placeNamedLabels([label(350, 100)], VIEW)).toEqual(['west']);
  });

  test('two rings side by side: their labels go to opposite sides rather than cover each other', () => {
    const labels = [label(150, 100), label(160, 105)];
    const sides = placeNamedLabels(labels, VIEW);
    expect([...sides].sort()).toEqual(['east', 'west']);
    expect(overlap(labelBox(labels[0], sides[0] as 'east' | 'west'), labelBox(labels[1], sides[1] as 'east' | 'west'))).toBe(false);
  });

  test('a host is placed before its partners, so a partner gives way to it', () => {
    const partner = label(150, 100);
    const host = label(155, 102, true);
    expect(placeNamedLabels([partner, host], VIEW)).toEqual(['west', 'east']);
  });

  test('three rings in one spot: the third label is hidden, never drawn over the others', () => {
    const labels = [label(200, 100, true), label(205, 104), label(198, 98)];
    const sides = placeNamedLabels(labels, VIEW);
    expect(sides[0]).not.toBe('hidden');
    expect(sides.filter((s) => s === 'hidden')).toHaveLength(1);
    const shown = labels.flatMap((l, i) => (sides[i] === 'hidden' ? [] : [labelBox(l, sides[i] as 'east' | 'west')]));
    for (let a = 0; a < shown.length; a++) for (let b = a + 1; b < shown.length; b++) expect(overlap(shown[a], shown[b])).toBe(false);
  });

  test('no label covers another organisation’s ring', () => {
    // The second ring lies right where the first label would go east (towards the middle).
    const sides = placeNamedLabels([label(150, 100), label(200, 100)], VIEW);
    expect(sides).toEqual(['west', 'east']);
  });

  test('a label wider than either side of the view still shows, facing the middle', () => {
    expect(placeNamedLabels([label(30, 100, false, 300)], { ...VIEW, right: 140 })).toEqual(['east']);
    expect(placeNamedLabels([label(110, 100, false, 300)], { ...VIEW, right: 140 })).toEqual(['west']);
  });

  test('where the side facing the middle is taken and the other would leave the view, the label is hidden', () => {
    expect(placeNamedLabels([label(40, 100, true), label(30, 105)], VIEW)).toEqual(['east', 'hidden']);
  });

  test('labels far apart all show, however many there are', () => {
    const labels = Array.from({ length: 8 }, (_, i) => label(60 + (i % 2) * 250, 20 + i * 35));
    expect(placeNamedLabels(labels, VIEW).every((s) => s !== 'hidden')).toBe(true);
  });

  test('no labels, no sides', () => {
    expect(placeNamedLabels([], VIEW)).toEqual([]);
  });
});
