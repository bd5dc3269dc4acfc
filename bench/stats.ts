/** Small statistics over timing samples (milliseconds). */

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Nearest-rank percentile: the value at least p% of the samples are at or below. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function best(samples: readonly number[]): number {
  return Math.min(...samples);
}

export interface WallAndCpu {
  wallMs: number;
  /** Process CPU time (user + system): on a machine shared with other jobs, closer to the work done than wall time. */
  cpuMs: number;
}

export function timeSyncCpu(run: () => void): WallAndCpu {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Collects garbage when node runs with --expose-gc, so one scenario's garbage does not bill the next. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}
