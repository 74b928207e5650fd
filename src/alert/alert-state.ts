// The state of one alert id inside an alert node: its level history (a ring), flapping
// detection with Kapacitor's weighting, when it first/last triggered, and whether the last
// level was a change or an expired state-changes-only interval. Hot path: no allocation.

import { OK, type Level } from './levels.js';

/** Kapacitor's flapping weights: recent changes count up to 1.2 times, the oldest 0.8. */
const MAX_WEIGHT = 1.2;
const WEIGHT_DIFF = 1.5;

export interface AlertStateOptions {
  /** History length (at least 2). */
  history: number;
  flapping: { low: number; high: number } | undefined;
  /** stateChangesOnly's max interval in ns (0: none). */
  stateChangesInterval: bigint;
}

export class AlertState {
  private readonly history: Level[];
  private index = 0;
  flapping = false;
  changed = false;
  expired = false;
  firstTriggered = 0n;
  lastTriggered = 0n;

  constructor(private readonly options: AlertStateOptions) {
    this.history = new Array<Level>(Math.max(2, options.history)).fill(OK);
  }

  currentLevel(): Level {
    return this.history[this.index]!;
  }

  /** The level before the current one. */
  previousLevel(): Level {
    const previous = this.index === 0 ? this.history.length - 1 : this.index - 1;
    return this.history[previous]!;
  }

  /** Records a new level at time t (ns); updates changed, expired and flapping. */
  addEvent(time: bigint, level: Level): void {
    this.changed = this.history[this.index] !== level;
    this.index = (this.index + 1) % this.history.length;
    this.history[this.index] = level;
    const interval = this.options.stateChangesInterval;
    this.expired = !this.changed && interval > 0n && time - this.lastTriggered >= interval;
    if (this.options.flapping !== undefined) this.updateFlapping(this.options.flapping);
  }

  /** Marks the alert triggered at t; a trigger right after OK starts a new duration. */
  triggered(time: bigint): void {
    this.lastTriggered = time;
    if (this.previousLevel() === OK) this.firstTriggered = time;
  }

  duration(): bigint {
    return this.lastTriggered - this.firstTriggered;
  }

  /** Restores a level kept across a restart (the alert was at `level` since `since`). */
  restore(level: Level, since: bigint, last: bigint): void {
    this.history.fill(OK);
    this.index = 0;
    this.history[0] = level;
    this.firstTriggered = since;
    this.lastTriggered = last;
  }

  /** Weighted share of level changes across the history (0..1). */
  percentChange(): number {
    const length = this.history.length;
    let changes = 0;
    let weight = MAX_WEIGHT / WEIGHT_DIFF;
    const step = (MAX_WEIGHT - weight) / (length - 1);
    for (let i = 0; i < length - 1; i++) {
      const current = (i + this.index) % length;
      const previous = current === 0 ? length - 1 : current - 1;
      if (this.history[current] !== this.history[previous]) changes += weight;
      weight += step;
    }
    return changes / (length - 1);
  }

  private updateFlapping(limits: { low: number; high: number }): void {
    const change = this.percentChange();
    if (this.flapping && change < limits.low) this.flapping = false;
    else if (!this.flapping && change > limits.high) this.flapping = true;
  }
}
