// What a scrape-target discoverer is: something that, once started, reports its current
// target groups (addresses plus labels, keyed by source) whenever they may have changed.
// Types only.

export interface TargetGroup {
  /** Unique per group within one discoverer; a later report for the same source replaces it. */
  source: string;
  /** host:port addresses. */
  targets: string[];
  /** Labels of every target of the group (those starting with __ steer the scrape only). */
  labels: Record<string, string>;
}

export interface Discoverer {
  /** static-discovery, file-discovery or dns. */
  readonly kind: string;
  readonly id: string;
  /** Starts reporting; the callback receives the full current list each time. */
  start(report: (groups: TargetGroup[]) => void): void;
  stop(): void;
}
