// Rows as the job runtime moves them: a row kind and a plain array of field values, in the
// order of the table's row type. Hot path: no per-row Maps or closures; batches are arrays.

/** SeaTunnel's RowKind, as short strings ("+I", "-U", "+U", "-D"). */
export type RowKind = '+I' | '-U' | '+U' | '-D';

export const ROW_KINDS: Record<string, RowKind> = {
  INSERT: '+I',
  UPDATE_BEFORE: '-U',
  UPDATE_AFTER: '+U',
  DELETE: '-D',
  '+I': '+I',
  '-U': '-U',
  '+U': '+U',
  '-D': '-D',
};

export const ROW_KIND_NAMES: Record<RowKind, string> = { '+I': 'INSERT', '-U': 'UPDATE_BEFORE', '+U': 'UPDATE_AFTER', '-D': 'DELETE' };

export interface Row {
  kind: RowKind;
  fields: unknown[];
}

export type RowBatch = Row[];

export function insertRow(fields: unknown[]): Row {
  return { kind: '+I', fields };
}

/** The rows with only the fields at `indexes`, in that order (row kinds kept). */
export function projectRows(batch: RowBatch, indexes: readonly number[]): RowBatch {
  const out: RowBatch = new Array(batch.length);
  for (let r = 0; r < batch.length; r++) {
    const row = batch[r]!;
    const fields = new Array(indexes.length);
    for (let i = 0; i < indexes.length; i++) fields[i] = row.fields[indexes[i]!];
    out[r] = { kind: row.kind, fields };
  }
  return out;
}
