// Copy: adds copies of fields: `fields` (new name -> source name), or the older
// `src_field` / `dest_field` pair.

import { JobDefineError } from '../errors.js';
import { PluginOptions } from '../options.js';
import type { TransformFactory } from '../plugin.js';
import type { RowBatch } from '../rows.js';

export const copyFactory: TransformFactory = {
  name: 'Copy',
  create(values, input) {
    const options = new PluginOptions('Copy', values);
    const pairs: Array<[string, string]> = options.has('fields')
      ? Object.entries(options.map('fields'))
      : [[options.string('dest_field'), options.string('src_field')]];
    const sources = pairs.map(([dest, src]) => {
      const index = input.names.indexOf(src);
      if (index < 0) throw new JobDefineError(`Copy: field '${src}' is not in the input row type (${input.names.join(', ')}).`);
      if (input.names.includes(dest)) throw new JobDefineError(`Copy: field '${dest}' already exists.`);
      return index;
    });
    return {
      rowType: { names: [...input.names, ...pairs.map(([dest]) => dest)], types: [...input.types, ...sources.map((i) => input.types[i]!)] },
      process(batch: RowBatch): RowBatch {
        const out: RowBatch = new Array(batch.length);
        for (let r = 0; r < batch.length; r++) {
          const row = batch[r]!;
          const fields = row.fields.slice();
          for (let i = 0; i < sources.length; i++) fields.push(row.fields[sources[i]!]);
          out[r] = { kind: row.kind, fields };
        }
        return out;
      },
    };
  },
};
