/** Timing helpers for the benchmarks: warm up, repeat, report min and mean ± std, and the ratio to a baseline. */
export interface Timing {
  min: number;
  mean: number;
  std: number;
  /** CPU time (user + system) of this process per run, ms: on a shared machine it shows the work done when wall time shows the queue. */
  cpuMin: number;
  cpuMean: number;
}

/** Runs `fn` `warmup` times unmeasured, then `repeats` times measured; returns ms stats and the last result. */
export function measure<T>(fn: () => T, { warmup, repeats }: { warmup: number; repeats: number }): { timing: Timing; result: T } {
  let result = fn();
  for (let i = 1; i < warmup; i++) result = fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    result = fn();
    const used = process.cpuUsage(cpuStart);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.push((used.user + used.system) / 1000);
  }
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const std = Math.sqrt(times.reduce((s, t) => s + (t - mean) ** 2, 0) / times.length);
  return { timing: { min: Math.min(...times), mean, std, cpuMin: Math.min(...cpu), cpuMean: cpu.reduce((s, t) => s + t, 0) / cpu.length }, result };
}

const show = (t: Timing) => `min ${t.min.toFixed(1)} ms, mean ${t.mean.toFixed(1)} ± ${t.std.toFixed(1)} ms wall; CPU min ${t.cpuMin.toFixed(1)} ms, mean ${t.cpuMean.toFixed(1)} ms`;

export function report(label: string, n: number, ours: Timing, baseline?: Timing, goal?: string): void {
  console.log(`${label} @ ${n.toLocaleString('en')}`);
  console.log(`  ours:     ${show(ours)}`);
  if (baseline) {
    console.log(`  baseline: ${show(baseline)}`);
    console.log(`  ratio (baseline ÷ ours): ${(baseline.mean / ours.mean).toFixed(1)}× by mean, ${(baseline.min / ours.min).toFixed(1)}× by min, ${(baseline.cpuMean / ours.cpuMean).toFixed(1)}× by CPU${goal ? `   goal ${goal}` : ''}`);
  } else if (goal) console.log(`  goal ${goal}`);
}

export function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}

/** Wall and CPU time (this process; the computation is single-threaded) of one call, and its value. */
export function timedOnce<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}
