// Stream forks (Kapacitor's NewFork): taps on a task master's incoming stream that receive the
// written points of some databases/retention policies (and, optionally, measurements) without
// being tasks. A stream recording is one. A fork never changes or holds back the points.

import type { Point } from '../models/point.js';
import type { DBRP } from '../pipeline/types.js';

/** Receives one forked point (synchronously, on the write path). */
export type ForkSink = (point: Point) => void;

/** A registered fork; closing it stops the points (Kapacitor's DelFork). */
export interface StreamFork {
  close(): void;
}

/** The task master's side of forks: register one on its incoming stream. */
export interface StreamForking {
  /** `measurements` undefined or empty: every measurement of the dbrps. */
  forkStream(name: string, dbrps: readonly DBRP[], measurements: readonly string[] | undefined, sink: ForkSink): StreamFork;
}

class Fork {
  constructor(
    readonly name: string,
    private readonly measurements: ReadonlySet<string> | undefined,
    private readonly sink: ForkSink,
  ) {}

  /** Hot path: points[from, to) are of one db/rp. */
  write(points: readonly Point[], from: number, to: number): void {
    const measurements = this.measurements;
    const sink = this.sink;
    for (let i = from; i < to; i++) {
      const point = points[i]!;
      if (measurements === undefined || measurements.has(point.name)) sink(point);
    }
  }
}

/** The forks of one task master, indexed by db/rp key. */
export class StreamForks {
  private readonly byKey = new Map<string, Fork[]>();

  get size(): number {
    return this.byKey.size;
  }

  add(name: string, keys: readonly string[], measurements: readonly string[] | undefined, sink: ForkSink): StreamFork {
    const fork = new Fork(name, measurements !== undefined && measurements.length > 0 ? new Set(measurements) : undefined, sink);
    const unique = [...new Set(keys)];
    for (const key of unique) this.byKey.set(key, [...(this.byKey.get(key) ?? []), fork]);
    let closed = false;
    return {
      close: () => {
        if (closed) return;
        closed = true;
        for (const key of unique) {
          const rest = (this.byKey.get(key) ?? []).filter((f) => f !== fork);
          if (rest.length > 0) this.byKey.set(key, rest);
          else this.byKey.delete(key);
        }
      },
    };
  }

  /** Hands points[from, to) of the db/rp `key` to its forks. */
  write(key: string, points: readonly Point[], from: number, to: number): void {
    const forks = this.byKey.get(key);
    if (forks === undefined) return;
    for (let i = 0; i < forks.length; i++) forks[i]!.write(points, from, to);
  }
}
