// A node's avg_exec_time_ns as Kapacitor keeps it: each message is timed with probability
// [stats] timing-sample-rate, the timings feed a moving average over the last
// timing-movavg-size of them, and the statistic is the largest such average seen so far
// (Kapacitor's MaxDuration). Time spent in child nodes is paused out. Never reads the clock
// for a message that is not sampled.

/** [stats] timing settings; a sample rate of 0 (statistics disabled) times nothing. */
export interface TimingSettings {
  readonly sampleRate: number;
  readonly movingAverageSize: number;
}

export const DEFAULT_TIMING: TimingSettings = Object.freeze({ sampleRate: 0.1, movingAverageSize: 1000 });

/** Kapacitor's movavg: a running mean over a ring of the last `size` values. */
export class MovingAverage {
  private history: Float64Array | undefined;
  private index = -1;
  private count = 0;
  private average = 0;

  constructor(private readonly size: number) {}

  update(value: number): number {
    const size = this.size;
    // (allocated on first use: most nodes of an idle task are never timed)
    const history = (this.history ??= new Float64Array(size));
    this.count++;
    const n = this.count;
    this.average += (value - this.average) / n;
    this.index = (this.index + 1) % size;
    if (n === size + 1) {
      this.average = (n * this.average - history[this.index]!) / (n - 1);
      this.count--;
    }
    history[this.index] = value;
    return this.average;
  }
}

export class ExecTimer {
  private readonly rate: number;
  private readonly average: MovingAverage | undefined;
  /** performance.now() when the running timing (re)started; -1 when not timing. */
  private startedMs = -1;
  private elapsedMs = 0;
  /** The largest moving average so far, whole nanoseconds. */
  maxAverageNs = 0;

  constructor(settings: TimingSettings) {
    this.rate = settings.sampleRate;
    this.average = settings.sampleRate > 0 && settings.movingAverageSize > 0 ? new MovingAverage(settings.movingAverageSize) : undefined;
    if (this.average !== undefined) this.skip = this.nextSkip();
  }

  /** Messages still to let pass before the next sampled one (geometric: each is sampled with probability rate). */
  private skip = 0;

  /** Starts timing a message when it is sampled; returns whether it is. */
  start(): boolean {
    if (this.average === undefined) return false;
    if (this.skip > 0) {
      this.skip--;
      return false;
    }
    // one random draw per sampled message instead of one per message, same distribution
    this.skip = this.nextSkip();
    this.elapsedMs = 0;
    this.startedMs = performance.now();
    return true;
  }

  private nextSkip(): number {
    return this.rate >= 1 ? 0 : Math.floor(Math.log(1 - Math.random()) / Math.log(1 - this.rate));
  }

  /** Stops the clock while children run (no-op when not timing). */
  pause(): boolean {
    if (this.startedMs < 0) return false;
    this.elapsedMs += performance.now() - this.startedMs;
    this.startedMs = -1;
    return true;
  }

  resume(): void {
    this.startedMs = performance.now();
  }

  /** Ends the sampled message's timing and updates the statistic. */
  stop(): void {
    if (this.startedMs >= 0) this.elapsedMs += performance.now() - this.startedMs;
    this.startedMs = -1;
    const average = Math.trunc(this.average!.update(Math.round(this.elapsedMs * 1e6)));
    if (average > this.maxAverageNs) this.maxAverageNs = average;
  }
}
