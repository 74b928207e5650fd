// Scraped samples → points, as Kapacitor's scraper writes them: the target's labels are laid
// over each sample's (a sample label the target also sets is kept as exported_<name>), the
// measurement is the metric name, every label but job becomes a tag (__name__ included, as in
// Kapacitor), the value is the float field "value", the time the sample's own timestamp or
// else the scrape's. NaN samples and samples of a blacklisted instance are dropped.

import type { Point } from '../../models/point.js';
import type { Sample } from './exposition.js';

export interface SampleTarget {
  database: string;
  retentionPolicy: string;
  /** The target's labels (job, instance, discovery labels). */
  labels: Record<string, string>;
  blacklist: readonly string[];
}

/** Lays the target labels over a sample's labels (Prometheus' rule labels). */
export function withTargetLabels(sample: Sample, targetLabels: Record<string, string>): Record<string, string> {
  const labels = { ...sample.labels };
  for (const [name, value] of Object.entries(targetLabels)) {
    const own = labels[name];
    if (own !== undefined && own !== '') labels[`exported_${name}`] = own;
    labels[name] = value;
  }
  return labels;
}

export function samplePoints(samples: readonly Sample[], target: SampleTarget, scrapeMs: number): Point[] {
  const points: Point[] = [];
  const instance = target.labels.instance;
  if (instance !== undefined && target.blacklist.includes(instance)) return points;
  for (const sample of samples) {
    if (Number.isNaN(sample.value)) continue;
    const labels = withTargetLabels(sample, target.labels);
    const tags: Record<string, string> = {};
    for (const [name, value] of Object.entries(labels)) if (name !== 'job') tags[name] = value;
    points.push({
      name: labels.__name__!,
      tags,
      fields: { value: sample.value },
      time: BigInt(sample.timestampMs ?? scrapeMs) * 1_000_000n,
      database: target.database,
      retentionPolicy: target.retentionPolicy,
    });
  }
  return points;
}

/** Prometheus' per-scrape report: up, scrape_duration_seconds, scrape_samples_scraped, scrape_samples_post_metric_relabeling. */
export function reportSamples(up: boolean, durationSeconds: number, scraped: number, timestampMs: number): Sample[] {
  const sample = (name: string, value: number): Sample => ({ labels: { __name__: name }, value, timestampMs });
  return [
    sample('up', up ? 1 : 0),
    sample('scrape_duration_seconds', durationSeconds),
    sample('scrape_samples_scraped', scraped),
    sample('scrape_samples_post_metric_relabeling', scraped),
  ];
}
