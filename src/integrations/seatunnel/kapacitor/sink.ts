// Kapacitor sink: rows become points on this server's own write path (the one /write feeds),
// so TICKscript stream tasks see them. Options: database, retention_policy, measurement,
// key_time (the field holding the time; now when absent), key_tags (fields that become tags).

import { JobDefineError } from '../../../jobs/errors.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SinkFactory } from '../../../jobs/plugin.js';
import { rowsToPoints } from '../../../jobs/points.js';

export const kapacitorSinkFactory: SinkFactory = {
  name: 'Kapacitor',
  create(values, input) {
    const options = new PluginOptions('Kapacitor', values);
    const target = {
      database: options.string('database'),
      retentionPolicy: options.string('retention_policy', 'autogen'),
      measurement: options.string('measurement'),
      timeField: options.string('key_time', ''),
      tagFields: options.stringList('key_tags'),
      precision: options.string('precision', 'ms'),
    };
    for (const name of [...target.tagFields, ...(target.timeField === '' ? [] : [target.timeField])]) {
      if (!input.names.includes(name)) throw new JobDefineError(`Kapacitor sink: field '${name}' is not in the input row type (${input.names.join(', ')}).`);
    }
    return {
      async open(context) {
        return {
          write(batch) {
            const points = rowsToPoints(batch, input, target);
            return points.length > 0 ? context.ports.writePoints(points) : undefined;
          },
          async close() {},
        };
      },
    };
  },
};
