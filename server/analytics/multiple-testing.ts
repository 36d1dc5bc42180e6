/**
 * Benjamini–Hochberg adjusted p-values (Benjamini & Hochberg 1995, "Controlling the false discovery
 * rate", JRSS B 57:289–300), the same numbers as R's `p.adjust(p, "BH")`: sorted ascending, the k-th
 * of m becomes min over j ≥ k of p₍ⱼ₎·m/j, capped at 1. Rejecting where the adjusted value is < q
 * keeps the expected share of false discoveries among the rejections at most q.
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k];
    running = Math.min(running, (pValues[i] * m) / (k + 1));
    adjusted[i] = running;
  }
  return adjusted;
}
