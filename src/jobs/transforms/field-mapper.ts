// FieldMapper: keeps, orders and renames fields by `field_mapper` (source name -> new name).

import { JobDefineError } from '../errors.js';
import { PluginOptions } from '../options.js';
import type { TransformFactory } from '../plugin.js';
import { projectRows, type RowBatch } from '../rows.js';

export const fieldMapperFactory: TransformFactory = {
  name: 'FieldMapper',
  create(values, input) {
    const mapping = new PluginOptions('FieldMapper', values).map('field_mapper');
    if (Object.keys(mapping).length === 0)
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('field_mapper') are required.",
      );
    const indexes = Object.keys(mapping).map((name) => {
      const index = input.names.indexOf(name);
      if (index < 0) throw new JobDefineError(`FieldMapper: field '${name}' is not in the input row type (${input.names.join(', ')}).`);
      return index;
    });
    return {
      rowType: { names: Object.values(mapping), types: indexes.map((i) => input.types[i]!) },
      process(batch: RowBatch): RowBatch {
        return projectRows(batch, indexes);
      },
    };
  },
};
