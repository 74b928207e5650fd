// Bounds how far V8 lets the old generation grow past its live data before the next full
// collection. Left to itself, V8 picks a factor of up to 4x when collections are cheap, which
// made a server holding 25 MB of live data sit at 120 MB of heap under steady writes. A factor
// of 1.5 measured the same throughput as 2 with 5-10% less RSS on the benchmark workloads
// (W3, alerts with persisted state: 128 MB rather than 138). A large live heap (many series
// held in windows) grows by a third instead: W5 (100k series) after the other workloads
// read 282 MB rather than 332. Applied at server start and after each full collection; never
// overrides a growth factor the operator gave Node (command line or NODE_OPTIONS).

import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { givenNodeFlag } from './node-flags.js';

/** The old generation may grow to this percentage above its live size before a full collection. */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;
/** The percentage once the live heap is large. */
export const LARGE_HEAP_GROWING_PERCENT = 33;
/** Live heap (after a full collection) from which it counts as large. */
export const LARGE_HEAP_BYTES = 96 * 2 ** 20;
/** Live heap under which it counts as small again (the gap keeps the factor from flapping). */
export const SMALL_HEAP_BYTES = 80 * 2 ** 20;

const FLAG = 'heap-growing-percent';

/** True when the operator already set the growth factor for this process. */
export function heapGrowthGivenByOperator(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return givenNodeFlag(FLAG, execArgv, nodeOptions) !== undefined;
}

/** The growth percentage for a heap with this much live data, given the one in force. */
export function growingPercentFor(liveBytes: number, current: number): number {
  if (liveBytes >= LARGE_HEAP_BYTES) return LARGE_HEAP_GROWING_PERCENT;
  if (liveBytes < SMALL_HEAP_BYTES) return DEFAULT_HEAP_GROWING_PERCENT;
  return current;
}

/** Chooses the percentage after each full collection, from the heap in use right after it. */
export class HeapGrowthPolicy {
  private current = DEFAULT_HEAP_GROWING_PERCENT;

  constructor(
    private readonly setPercent: (percent: number) => void = (percent) => setFlagsFromString(`--${FLAG}=${percent}`),
    private readonly liveBytes: () => number = () => getHeapStatistics().used_heap_size,
  ) {}

  get percent(): number {
    return this.current;
  }

  afterFullCollection(): void {
    const next = growingPercentFor(this.liveBytes(), this.current);
    if (next === this.current) return;
    this.current = next;
    this.setPercent(next);
  }

  /** Follows this thread's full collections until the returned function is called. */
  watch(): () => void {
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const detail = (entry as { detail?: { kind?: number } }).detail;
        if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) this.afterFullCollection();
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    return () => observer.disconnect();
  }
}

/**
 * Sets the default growth factor and starts following the live heap, unless the operator chose
 * a factor. Returns the flag applied, if any.
 */
export function applyHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  policy: HeapGrowthPolicy | undefined = new HeapGrowthPolicy(),
): string | undefined {
  if (heapGrowthGivenByOperator(execArgv, nodeOptions)) return undefined;
  const flag = `--${FLAG}=${DEFAULT_HEAP_GROWING_PERCENT}`;
  setFlagsFromString(flag);
  policy?.watch();
  return flag;
}
