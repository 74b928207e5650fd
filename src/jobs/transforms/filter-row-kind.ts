// FilterRowKind: keeps rows whose kind is in `include_kinds`, or drops those in `exclude_kinds`
// (INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE).

import { JobDefineError } from '../errors.js';
import { PluginOptions } from '../options.js';
import type { TransformFactory } from '../plugin.js';
import { ROW_KINDS, type RowBatch, type RowKind } from '../rows.js';

function kinds(names: string[]): Set<RowKind> {
  return new Set(
    names.map((name) => {
      const kind = ROW_KINDS[name.toUpperCase()];
      if (kind === undefined) throw new JobDefineError(`FilterRowKind: unknown row kind '${name}' (INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE).`);
      return kind;
    }),
  );
}

export const filterRowKindFactory: TransformFactory = {
  name: 'FilterRowKind',
  create(values, input) {
    const options = new PluginOptions('FilterRowKind', values);
    const include = kinds(options.stringList('include_kinds'));
    const exclude = kinds(options.stringList('exclude_kinds'));
    if (include.size > 0 && exclude.size > 0) throw new JobDefineError('FilterRowKind: include_kinds and exclude_kinds cannot both be set.');
    if (include.size === 0 && exclude.size === 0)
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('include_kinds' or 'exclude_kinds') are required.",
      );
    return {
      rowType: input,
      process(batch: RowBatch): RowBatch {
        const out: RowBatch = [];
        for (let r = 0; r < batch.length; r++) {
          const row = batch[r]!;
          if (include.size > 0 ? include.has(row.kind) : !exclude.has(row.kind)) out.push(row);
        }
        return out;
      },
    };
  },
};
