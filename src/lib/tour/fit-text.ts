/**
 * Shrinks a box's text until it fits its height: a booth caption must be read whole, and a step with
 * target figures below it (step 12) leaves the caption less room at 1600 × 900 than the text needs.
 * The box's CSS sizes its text in `calc(... * var(--fit, 1))`; this finds the largest `--fit` in
 * [min, 1] at which nothing overflows (by bisection, a few layouts), and scrolls as a last resort.
 */
export function largestFit(fits: (scale: number) => boolean, min = 0.55, steps = 7): number {
  if (fits(1)) return 1;
  let low = min;
  let high = 1;
  for (let i = 0; i < steps; i++) {
    const mid = (low + high) / 2;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** Svelte action: keeps `node`'s text within its height; pass what changes the text (the step) as the parameter. */
export function fitText(node: HTMLElement, _content?: unknown) {
  const fit = () => {
    node.style.overflowY = 'hidden';
    const fits = (scale: number) => {
      node.style.setProperty('--fit', String(scale));
      // Strict: scrollHeight is rounded, so a 1 px allowance can leave the last line's bottom pixel cut.
      return node.scrollHeight <= node.clientHeight;
    };
    const scale = largestFit(fits);
    fits(scale);
    node.dataset.fit = scale.toFixed(3);
    // Still too long at the smallest readable size: let it scroll rather than cut it.
    node.style.overflowY = node.scrollHeight > node.clientHeight ? 'auto' : 'hidden';
  };
  // Refit when the box changes size (window, figures below it) and when its text changes (a new step:
  // the action's update can run before the children's text is replaced, so it is not relied on).
  const resized = new ResizeObserver(() => fit());
  resized.observe(node);
  const rewritten = new MutationObserver(() => fit());
  rewritten.observe(node, { childList: true, subtree: true, characterData: true });
  // A font that arrives after the first fit changes the text's size without resizing the box.
  document.fonts?.addEventListener('loadingdone', fit);
  fit();
  return {
    update: () => requestAnimationFrame(fit),
    destroy: () => {
      resized.disconnect();
      rewritten.disconnect();
      document.fonts?.removeEventListener('loadingdone', fit);
    }
  };
}
