// The scrape loop of one target: scrape now, then every scrape-interval; each scrape's samples
// and Prometheus' report samples (up, scrape_duration_seconds, ...) become points written to
// the sink. A failed scrape writes only the report (up = 0) and is logged; never throws.

import type { Logger } from 'pino';
import type { PointSink } from '../listeners/listener.js';
import { parseExposition, type Sample } from './exposition.js';
import { reportSamples, samplePoints, type SampleTarget } from './points.js';
import { scrapeText, type ScrapeClient } from './scrape.js';
import type { Target } from './targets.js';

export interface LoopSettings {
  intervalMs: number;
  client: ScrapeClient;
  database: string;
  retentionPolicy: string;
  blacklist: readonly string[];
}

export class ScrapeLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Set by stop: a scrape still in flight writes nothing. */
  private stopped = false;
  /** The last scrape's error, '' when it succeeded. */
  lastError = '';
  scrapes = 0;

  constructor(
    readonly target: Target,
    private readonly settings: LoopSettings,
    private readonly sink: PointSink,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.scrape();
    if (this.settings.intervalMs > 0) {
      this.timer = setInterval(() => {
        void this.scrape();
      }, this.settings.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One scrape (skipped while the previous one is still running). */
  async scrape(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const start = Date.now();
    let samples: Sample[];
    let error: Error | undefined;
    try {
      samples = parseExposition(await scrapeText(this.target.url, this.settings.client));
    } catch (caught) {
      error = caught as Error;
      samples = [];
    }
    const duration = (Date.now() - start) / 1000;
    this.lastError = error?.message ?? '';
    if (error !== undefined) this.logger.warn({ target: this.target.url, err: error.message }, 'scrape failed');
    const target: SampleTarget = {
      database: this.settings.database,
      retentionPolicy: this.settings.retentionPolicy,
      labels: this.target.labels,
      blacklist: this.settings.blacklist,
    };
    const points = samplePoints([...samples, ...reportSamples(error === undefined, duration, samples.length, start)], target, start);
    try {
      if (points.length > 0 && !this.stopped) await this.sink(points);
    } catch (caught) {
      this.logger.error({ err: (caught as Error).message }, 'failed to write scraped points');
    } finally {
      this.scrapes++;
      this.running = false;
    }
  }
}
