// Console sink: prints each row to the job's log as SeaTunnel's Console sink prints it
// (subtask, row index, table, row kind, values); `log.print.data = false` only counts.

import { PluginOptions } from '../../../jobs/options.js';
import type { SinkFactory } from '../../../jobs/plugin.js';
import { toText } from '../../../jobs/row-type.js';
import { ROW_KIND_NAMES } from '../../../jobs/rows.js';

export const consoleSinkFactory: SinkFactory = {
  name: 'Console',
  create(values, input) {
    const options = new PluginOptions('Console', values);
    const printData = options.boolean('log.print.data', true);
    const table = options.stringList('source_table_name', options.stringList('plugin_input', ['default']))[0];
    return {
      async open(context) {
        let rowIndex = 0;
        context.log.info(`Output ${input.names.length} fields: ${input.names.map((name, i) => `${name}<${input.types[i]!.kind.toUpperCase()}>`).join(', ')}`);
        return {
          write(batch) {
            if (!printData) {
              rowIndex += batch.length;
              return;
            }
            for (const row of batch) {
              rowIndex++;
              const text = row.fields.map((value, i) => toText(value, input.types[i]!)).join(', ');
              context.log.info(`subtaskIndex=0  rowIndex=${rowIndex}:  SeaTunnelRow#tableId=${table} SeaTunnelRow#kind=${ROW_KIND_NAMES[row.kind]} : ${text}`);
            }
          },
          async close() {},
        };
      },
    };
  },
};
