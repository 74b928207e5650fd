// Replace: rewrites a string field: `replace_field`, `pattern`, `replacement`, `is_regex`,
// `replace_first`.

import { JobDefineError } from '../errors.js';
import { PluginOptions } from '../options.js';
import type { TransformFactory } from '../plugin.js';
import type { RowBatch } from '../rows.js';

export const replaceFactory: TransformFactory = {
  name: 'Replace',
  create(values, input) {
    const options = new PluginOptions('Replace', values);
    const field = options.string('replace_field');
    const pattern = options.string('pattern');
    const replacement = options.string('replacement');
    const isRegex = options.boolean('is_regex', false);
    const first = options.boolean('replace_first', false);
    const index = input.names.indexOf(field);
    if (index < 0) throw new JobDefineError(`Replace: field '${field}' is not in the input row type (${input.names.join(', ')}).`);
    let regex: RegExp | undefined;
    if (isRegex) {
      try {
        regex = new RegExp(pattern, first ? '' : 'g');
      } catch (error) {
        throw new JobDefineError(`Replace: bad pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
      }
    }
    const javaReplacement = replacement.replace(/\$(\d)/g, '$$$1');
    const apply = (text: string) =>
      regex !== undefined ? text.replace(regex, javaReplacement) : first ? text.replace(pattern, () => replacement) : text.split(pattern).join(replacement);
    return {
      rowType: input,
      process(batch: RowBatch): RowBatch {
        const out: RowBatch = new Array(batch.length);
        for (let r = 0; r < batch.length; r++) {
          const row = batch[r]!;
          const value = row.fields[index];
          if (typeof value !== 'string') {
            out[r] = row;
            continue;
          }
          const fields = row.fields.slice();
          fields[index] = apply(value);
          out[r] = { kind: row.kind, fields };
        }
        return out;
      },
    };
  },
};
