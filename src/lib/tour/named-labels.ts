/**
 * Where the labels of a tour step's named organisations go, so that none covers another: a label sits
 * east or west of its ring, on the side that faces the middle of the view if that side is free. Pure:
 * screen pixels in, sides out (the page measures the labels and applies the sides).
 */

export type LabelSide = 'east' | 'west' | 'hidden';

export interface NamedLabel {
  /** The ring's centre on screen, in CSS pixels. */
  x: number;
  y: number;
  /** The label's size in CSS pixels. */
  width: number;
  height: number;
  /** A platform's host (the caption's subject): placed before its partners. */
  host: boolean;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Gap between a ring's centre and its label, in px (the ring's radius and a little air). */
export const LABEL_GAP_PX = 14;
/** Half the side of the square a ring covers with its white edge, in px: no label may cover another organisation's ring. */
export const RING_HALF_PX = 13;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Box, view: Box) => a.left >= view.left && a.right <= view.right && a.top >= view.top && a.bottom <= view.bottom;

/** The box a label takes on `side` of its ring. */
export function labelBox(label: NamedLabel, side: 'east' | 'west'): Box {
  const top = label.y - label.height / 2;
  const left = side === 'east' ? label.x + LABEL_GAP_PX : label.x - LABEL_GAP_PX - label.width;
  return { left, top, right: left + label.width, bottom: top + label.height };
}

/**
 * Each label's side, in the order given. Hosts are placed first, then the others in order. A label takes the
 * side facing the view's middle if it fits in `view` and covers no label placed before it and no ring; else the
 * other side on the same terms; else the side facing the middle, if it covers nothing (the view's edge may cut
 * it); else it is hidden (its ring stays, and the caption names it). Rings stacked on a label's own ring are not
 * counted: no side keeps clear of them.
 */
export function placeNamedLabels(labels: NamedLabel[], view: Box): LabelSide[] {
  const middle = (view.left + view.right) / 2;
  const rings: Box[] = labels.map(({ x, y }) => ({ left: x - RING_HALF_PX, top: y - RING_HALF_PX, right: x + RING_HALF_PX, bottom: y + RING_HALF_PX }));
  const order = labels.map((_, i) => i).sort((a, b) => Number(labels[b].host) - Number(labels[a].host) || a - b);
  const placed: Box[] = [];
  const sides: LabelSide[] = labels.map(() => 'hidden');
  for (const i of order) {
    const label = labels[i];
    const facing: 'east' | 'west' = label.x > middle ? 'west' : 'east';
    const other: 'east' | 'west' = facing === 'east' ? 'west' : 'east';
    // A ring stacked on this one's own cannot be kept clear of, so it does not count.
    const clearOf = rings.filter((r, j) => j !== i && !overlaps(r, rings[i]));
    const free = (box: Box) => !placed.some((p) => overlaps(box, p)) && !clearOf.some((r) => overlaps(box, r));
    const side = [facing, other].find((s) => free(labelBox(label, s)) && inside(labelBox(label, s), view)) ?? (free(labelBox(label, facing)) ? facing : undefined);
    if (side === undefined) continue;
    sides[i] = side;
    placed.push(labelBox(label, side));
  }
  return sides;
}
