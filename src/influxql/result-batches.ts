// InfluxQL results → batches, as Kapacitor turns query answers into buffered batches: one
// batch per series (name, tags, group by measurement or not), a point per row with at least
// one non-null value, numbers as floats, tmax the latest row time. Also the stream view of a
// result (points in time order across series) used by stream query recordings and replays.

import type { Fields, Point } from '../models/point.js';
import { parseRFC3339 } from '../models/time.js';
import type { InfluxResult } from './client.js';
import type { RecordedBatch } from '../recording/recording-files.js';
import { ZERO_TIME } from '../recording/recording-files.js';

export function resultToBatches(result: InfluxResult, byName: boolean): RecordedBatch[] {
  if (result.error) throw new Error(result.error);
  const batches: RecordedBatch[] = [];
  for (const series of result.series ?? []) {
    const tags = series.tags ?? {};
    const batch: RecordedBatch = { name: series.name ?? '', tmax: ZERO_TIME, tags, byName, points: [] };
    const timeIndex = series.columns.indexOf('time');
    for (const row of series.values ?? []) {
      const fields: Fields = {};
      let count = 0;
      for (let i = 0; i < series.columns.length; i++) {
        if (i === timeIndex) continue;
        const value = row[i];
        if (value === null || value === undefined) continue;
        if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
          fields[series.columns[i]!] = value;
          count++;
        }
      }
      if (count === 0) continue;
      let time = ZERO_TIME;
      if (timeIndex >= 0) {
        const raw = row[timeIndex];
        const parsed = typeof raw === 'string' ? parseRFC3339(raw) : undefined;
        if (parsed === undefined) throw new Error(`unexpected time value: ${String(raw)}`);
        time = parsed;
      }
      if (time > batch.tmax) batch.tmax = time;
      batch.points.push({ fields, tags, time });
    }
    batches.push(batch);
  }
  return batches;
}

/** The points of a result in time order across its series (a stream recording of a query). */
export function resultToPoints(result: InfluxResult, database: string, retentionPolicy: string): Point[] {
  const points: Point[] = [];
  for (const batch of resultToBatches(result, false)) {
    for (const p of batch.points) {
      points.push({ name: batch.name, tags: p.tags, fields: p.fields, time: p.time, database, retentionPolicy });
    }
  }
  // Stable sort keeps each series' order for equal times, as Kapacitor's merge does.
  return points.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
