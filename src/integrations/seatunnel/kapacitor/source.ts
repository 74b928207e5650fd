// Kapacitor source: a live subscription to the points written to this server (the stream
// TICKscript tasks see), filtered by database, retention_policy and measurement; `schema`
// picks the columns by name: `time` (timestamp or epoch ms), tags and fields. Streaming only.

import { JobDefineError } from '../../../jobs/errors.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SourceFactory } from '../../../jobs/plugin.js';
import { convertValue, schemaRowType } from '../../../jobs/row-type.js';
import type { Row, RowBatch } from '../../../jobs/rows.js';
import type { Point } from '../../../models/point.js';

export const kapacitorSourceFactory: SourceFactory = {
  name: 'Kapacitor',
  create(values, mode) {
    if (mode !== 'STREAMING') throw new JobDefineError('The Kapacitor source is a live subscription: it runs in STREAMING job.mode only.');
    const options = new PluginOptions('Kapacitor', values);
    const database = options.string('database');
    const retentionPolicy = options.optionalString('retention_policy');
    const measurement = options.optionalString('measurement');
    const rowType = schemaRowType(values);
    if (rowType === undefined)
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('schema') are required.",
      );
    const toRow = (point: Point): Row => ({
      kind: '+I',
      fields: rowType.names.map((name, i) => {
        const type = rowType.types[i]!;
        if (name === 'time') return type.kind === 'timestamp' ? new Date(Number(point.time / 1_000_000n)) : convertValue(Number(point.time / 1_000_000n), type);
        if (name === 'measurement' && !(name in point.fields) && !(name in point.tags)) return point.name;
        const value = point.fields[name] ?? point.tags[name];
        return convertValue(typeof value === 'bigint' ? Number(value) : value, type);
      }),
    });
    return {
      rowType,
      tablePaths: [`${database}.${retentionPolicy ?? '*'}.${measurement ?? '*'}`],
      async open(context) {
        let queue: RowBatch = [];
        let wake: (() => void) | undefined;
        let received = 0;
        const unsubscribe = context.ports.subscribePoints((points) => {
          for (const point of points) {
            if (point.database !== database) continue;
            if (retentionPolicy !== undefined && point.retentionPolicy !== retentionPolicy) continue;
            if (measurement !== undefined && point.name !== measurement) continue;
            queue.push(toRow(point));
          }
          if (queue.length > 0) wake?.();
        });
        return {
          async next(signal) {
            while (queue.length === 0 && !signal.aborted) {
              await new Promise<void>((resolve) => {
                wake = resolve;
                signal.addEventListener('abort', () => resolve(), { once: true });
              });
              wake = undefined;
            }
            if (signal.aborted) return undefined;
            const batch = queue;
            queue = [];
            received += batch.length;
            return batch;
          },
          position: () => received,
          async close() {
            unsubscribe();
          },
        };
      },
    };
  },
};
