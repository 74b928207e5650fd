// Split: splits a string field by `separator` into `output_fields` (missing parts are null).

import { JobDefineError } from '../errors.js';
import { PluginOptions } from '../options.js';
import type { TransformFactory } from '../plugin.js';
import type { RowBatch } from '../rows.js';

export const splitFactory: TransformFactory = {
  name: 'Split',
  create(values, input) {
    const options = new PluginOptions('Split', values);
    const separator = options.string('separator');
    const field = options.string('split_field');
    const outputs = options.stringList('output_fields');
    if (outputs.length === 0)
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('output_fields') are required.",
      );
    const index = input.names.indexOf(field);
    if (index < 0) throw new JobDefineError(`Split: field '${field}' is not in the input row type (${input.names.join(', ')}).`);
    const width = outputs.length;
    return {
      rowType: { names: [...input.names, ...outputs], types: [...input.types, ...outputs.map(() => ({ kind: 'string' as const }))] },
      process(batch: RowBatch): RowBatch {
        const out: RowBatch = new Array(batch.length);
        for (let r = 0; r < batch.length; r++) {
          const row = batch[r]!;
          const value = row.fields[index];
          const parts = typeof value === 'string' ? value.split(separator) : [];
          const fields = row.fields.slice();
          for (let i = 0; i < width; i++) fields.push(parts[i] ?? null);
          out[r] = { kind: row.kind, fields };
        }
        return out;
      },
    };
  },
};
