/** Moving through a tour: which step comes next, and what a key (or a presenter's clicker) asks for. Pure. */

export type TourAction = 'next' | 'previous' | 'first' | 'last' | 'fullscreen' | 'play-pause';

/**
 * The action of a key. Clickers send PageDown/PageUp (some send arrows); space moves on as in
 * slide software. Keys with a modifier belong to the browser.
 */
export function keyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): TourAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'p':
    case 'P':
      return 'play-pause';
    default:
      return null;
  }
}

/** The step after `index` of `count`: wraps to the first when looping, else stays on the last. */
export function nextIndex(index: number, count: number, loop: boolean): number {
  if (index + 1 < count) return index + 1;
  return loop ? 0 : count - 1;
}

/** The step before `index`; the first step stays first. */
export function previousIndex(index: number): number {
  return Math.max(0, index - 1);
}

/** The step `action` leads to from `index` (the same index for actions that do not move). */
export function indexAfter(action: TourAction, index: number, count: number, loop: boolean): number {
  if (action === 'next') return nextIndex(index, count, loop);
  if (action === 'previous') return previousIndex(index);
  if (action === 'first') return 0;
  if (action === 'last') return count - 1;
  return index;
}

/** "3 / 13": the counter of a 0-based index. */
export function stepCounter(index: number, count: number): string {
  return `${index + 1} / ${count}`;
}
