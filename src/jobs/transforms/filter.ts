// Filter: keeps only `include_fields` (or `fields`), or drops `exclude_fields`.

import { JobDefineError } from '../errors.js';
import { PluginOptions } from '../options.js';
import type { TransformFactory } from '../plugin.js';
import { projectRows, type RowBatch } from '../rows.js';

export const filterFactory: TransformFactory = {
  name: 'Filter',
  create(values, input) {
    const options = new PluginOptions('Filter', values);
    const include = options.stringList('include_fields', options.stringList('fields'));
    const exclude = options.stringList('exclude_fields');
    if (include.length > 0 && exclude.length > 0) throw new JobDefineError('Filter: include_fields and exclude_fields cannot both be set.');
    if (include.length === 0 && exclude.length === 0)
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('include_fields' or 'exclude_fields') are required.",
      );
    for (const name of [...include, ...exclude]) {
      if (!input.names.includes(name)) throw new JobDefineError(`Filter: field '${name}' is not in the input row type (${input.names.join(', ')}).`);
    }
    const indexes =
      include.length > 0 ? include.map((name) => input.names.indexOf(name)) : input.names.map((_, i) => i).filter((i) => !exclude.includes(input.names[i]!));
    return {
      rowType: { names: indexes.map((i) => input.names[i]!), types: indexes.map((i) => input.types[i]!) },
      process(batch: RowBatch): RowBatch {
        return projectRows(batch, indexes);
      },
    };
  },
};
