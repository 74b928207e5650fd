// InfluxDB sink: rows become points (key_time, key_tags, the rest fields) written to an
// InfluxDB 1.x /write in batches of batch_size, retried max_retries times with backoff.
// Options: url, database, measurement, rp, key_time, key_tags, batch_size, max_retries,
// retry_backoff_multiplier_ms, max_retry_backoff_ms, username, password, epoch (of numeric times).

import { JobRuntimeError } from '../../../jobs/errors.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SinkFactory } from '../../../jobs/plugin.js';
import { rowsToPoints } from '../../../jobs/points.js';
import type { RowBatch } from '../../../jobs/rows.js';
import { formatLine } from './line.js';

export const influxdbSinkFactory: SinkFactory = {
  name: 'InfluxDB',
  create(values, input) {
    const options = new PluginOptions('InfluxDB', values);
    const url = options.string('url').replace(/\/+$/, '');
    const target = {
      database: options.string('database'),
      retentionPolicy: options.string('rp', ''),
      measurement: options.string('measurement'),
      timeField: options.string('key_time', ''),
      tagFields: options.stringList('key_tags'),
      precision: options.string('epoch', 'ms'),
    };
    const batchSize = Math.max(1, options.number('batch_size', 1024));
    const maxRetries = Math.max(0, options.number('max_retries', 0));
    const backoffMs = options.number('retry_backoff_multiplier_ms', 100);
    const maxBackoffMs = options.number('max_retry_backoff_ms', 3000);
    const username = options.optionalString('username');
    const password = options.optionalString('password');
    const query = new URLSearchParams({ db: target.database, precision: 'ns' });
    if (target.retentionPolicy !== '') query.set('rp', target.retentionPolicy);
    if (username !== undefined) {
      query.set('u', username);
      query.set('p', password ?? '');
    }
    const endpoint = `${url}/write?${query.toString()}`;
    return {
      async open() {
        let pending: string[] = [];
        const send = async () => {
          if (pending.length === 0) return;
          const body = pending.join('\n');
          pending = [];
          for (let attempt = 0; ; attempt++) {
            let problem: string;
            try {
              const response = await fetch(endpoint, { method: 'POST', body });
              if (response.status === 204 || response.status === 200) return;
              problem = `answered ${response.status}: ${(await response.text()).slice(0, 200)}`;
              if (response.status >= 400 && response.status < 500) attempt = maxRetries;
            } catch (error) {
              problem = (error as Error).message;
            }
            if (attempt >= maxRetries) throw new JobRuntimeError(`ErrorCode:[INFLUXDB-01], ErrorDescription:[Write to InfluxDB failed] - ${url}: ${problem}`);
            await new Promise((resolve) => setTimeout(resolve, Math.min(maxBackoffMs, backoffMs * (attempt + 1))));
          }
        };
        return {
          async write(batch: RowBatch) {
            for (const point of rowsToPoints(batch, input, target)) {
              pending.push(formatLine(point));
              if (pending.length >= batchSize) await send();
            }
          },
          flush: send,
          async close() {
            await send();
          },
        };
      },
    };
  },
};
