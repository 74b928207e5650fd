// The Sql transform: `query` compiled once against the input row type; each batch filtered
// by WHERE and projected. Hot path: plain loops; rows pass through untouched for SELECT *.

import { JobRuntimeError } from '../../errors.js';
import { PluginOptions } from '../../options.js';
import type { TransformFactory } from '../../plugin.js';
import type { Row, RowBatch } from '../../rows.js';
import { compileQuery } from './compile.js';

export const sqlTransformFactory: TransformFactory = {
  name: 'Sql',
  create(values, input) {
    const options = new PluginOptions('Sql', values);
    const query = compileQuery(options.string('query'), input);
    const { where, columns, passThrough } = query;
    const width = columns.length;
    const evals = columns.map((c) => c.eval);
    const plain = columns.map((c) => (c.column === undefined ? -1 : c.column));
    return {
      rowType: query.rowType,
      process(batch: RowBatch): RowBatch {
        const out: Row[] = [];
        try {
          for (let r = 0; r < batch.length; r++) {
            const row = batch[r]!;
            const fields = row.fields;
            if (where !== undefined && where(fields) !== true) continue;
            if (passThrough) {
              out.push(row);
              continue;
            }
            const next = new Array(width);
            for (let c = 0; c < width; c++) {
              const index = plain[c]!;
              next[c] = index >= 0 ? fields[index] : evals[c]!(fields);
            }
            out.push({ kind: row.kind, fields: next });
          }
        } catch (error) {
          throw new JobRuntimeError(`Sql transform failed: ${(error as Error).message}`, { cause: error });
        }
        return out;
      },
    };
  },
};
