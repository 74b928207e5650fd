// FakeSource: generates rows of a schema (or the fixed `rows` list) as SeaTunnel's FakeSource
// does: row.num rows in split.num splits, one split per poll, split.read-interval ms apart.
// Values are a pure function of the row's position, so a job resumed from a checkpoint
// produces exactly the rows it had not produced yet.

import { JobDefineError } from '../../../jobs/errors.js';
import type { JobMode } from '../../../jobs/job-config.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SourceFactory, SourcePlugin, SourceReader } from '../../../jobs/plugin.js';
import { convertValue, formatDate, formatTime, schemaRowType, type DataType, type RowType } from '../../../jobs/row-type.js';
import { ROW_KINDS, type Row, type RowBatch } from '../../../jobs/rows.js';
import { abortableSleep } from '../../../jobs/abortable-sleep.js';

const MAX_BATCH = 4096;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

interface GeneratorOptions {
  stringLength: number;
  arraySize: number;
  mapSize: number;
  templates: Partial<Record<string, unknown[]>>;
  min: Partial<Record<string, number>>;
  max: Partial<Record<string, number>>;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same values. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(type: DataType, next: () => number, options: GeneratorOptions): unknown {
  const template = options.templates[type.kind];
  if (template !== undefined && template.length > 0) return template[Math.floor(next() * template.length)];
  const min = options.min[type.kind];
  const max = options.max[type.kind];
  switch (type.kind) {
    case 'string': {
      let text = '';
      for (let i = 0; i < options.stringLength; i++) text += LETTERS[Math.floor(next() * LETTERS.length)];
      return text;
    }
    case 'boolean':
      return next() < 0.5;
    case 'tinyint':
      return Math.floor((min ?? 0) + next() * ((max ?? 127) - (min ?? 0)));
    case 'smallint':
      return Math.floor((min ?? 0) + next() * ((max ?? 32767) - (min ?? 0)));
    case 'int':
      return Math.floor((min ?? 0) + next() * ((max ?? 2147483647) - (min ?? 0)));
    case 'bigint':
      return Math.floor((min ?? 0) + next() * ((max ?? 2 ** 53 - 1) - (min ?? 0)));
    case 'float':
      return Math.fround((min ?? 0) + next() * ((max ?? 1000) - (min ?? 0)));
    case 'double':
      return (min ?? 0) + next() * ((max ?? 1000) - (min ?? 0));
    case 'decimal':
      return Number(((min ?? 0) + next() * ((max ?? 1000) - (min ?? 0))).toFixed(type.scale ?? 2));
    case 'null':
      return null;
    case 'date':
      return formatDate(new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 1000) * 86_400_000));
    case 'time':
      return formatTime(new Date(Math.floor(next() * 86_400) * 1000));
    case 'timestamp':
      return new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 1000 * 86_400) * 1000);
    case 'bytes':
      return generate({ kind: 'string' }, next, options);
    case 'array':
      return Array.from({ length: options.arraySize }, () => generate(type.element!, next, options));
    case 'map': {
      const map: Record<string, unknown> = {};
      for (let i = 0; i < options.mapSize; i++) map[String(generate(type.key!, next, options))] = generate(type.value!, next, options);
      return map;
    }
    case 'row':
      return type.row!.types.map((fieldType) => generate(fieldType, next, options));
  }
}

function fixedRows(options: PluginOptions, rowType: RowType): Row[] | undefined {
  const rows = options.values.rows;
  if (rows === undefined || rows === null) return undefined;
  if (!Array.isArray(rows)) throw new JobDefineError("The value of option 'rows' of plugin FakeSource must be a list.");
  return rows.map((entry, n) => {
    const record = entry as { kind?: string; fields?: unknown[] };
    const kind = ROW_KINDS[String(record.kind ?? 'INSERT').toUpperCase()];
    if (kind === undefined) throw new JobDefineError(`Unknown row kind in rows[${n}] of FakeSource: ${String(record.kind)}`);
    if (!Array.isArray(record.fields) || record.fields.length !== rowType.names.length) {
      throw new JobDefineError(`The fields of rows[${n}] of FakeSource do not match the schema (${rowType.names.length} fields).`);
    }
    return { kind, fields: record.fields.map((value, i) => convertValue(value, rowType.types[i]!)) };
  });
}

class FakeSourceReader implements SourceReader {
  private emitted: number;

  constructor(
    private readonly rowType: RowType,
    private readonly total: number,
    private readonly splitSize: number,
    private readonly intervalMs: number,
    private readonly fixed: Row[] | undefined,
    private readonly options: GeneratorOptions,
    private readonly mode: JobMode,
    restored: unknown,
  ) {
    this.emitted = typeof restored === 'number' ? restored : 0;
  }

  async next(signal: AbortSignal): Promise<RowBatch | undefined> {
    if (signal.aborted) return undefined;
    if (this.emitted >= this.total) {
      if (this.mode === 'BATCH') return undefined;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return undefined;
    }
    if (this.emitted > 0 && this.intervalMs > 0 && this.emitted % this.splitSize === 0) {
      await abortableSleep(this.intervalMs, signal);
      if (signal.aborted) return undefined;
    }
    const splitEnd = Math.min(this.total, (Math.floor(this.emitted / this.splitSize) + 1) * this.splitSize);
    const end = Math.min(splitEnd, this.emitted + MAX_BATCH);
    const batch: RowBatch = new Array(end - this.emitted);
    const types = this.rowType.types;
    for (let index = this.emitted; index < end; index++) {
      if (this.fixed !== undefined) {
        const row = this.fixed[index % this.fixed.length]!;
        batch[index - this.emitted] = { kind: row.kind, fields: row.fields.slice() };
        continue;
      }
      const next = random(index * 2654435761 + 1);
      const fields = new Array(types.length);
      for (let f = 0; f < types.length; f++) fields[f] = generate(types[f]!, next, this.options);
      batch[index - this.emitted] = { kind: '+I', fields };
    }
    this.emitted = end;
    return batch;
  }

  position(): unknown {
    return this.emitted;
  }

  async close(): Promise<void> {}
}

function listOption(options: PluginOptions, key: string): unknown[] | undefined {
  const value = options.values[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new JobDefineError(`The value of option '${key}' of plugin FakeSource must be a list.`);
  return value;
}

export const fakeSourceFactory: SourceFactory = {
  name: 'FakeSource',
  create(values, mode): SourcePlugin {
    const options = new PluginOptions('FakeSource', values);
    const rowType = schemaRowType(values);
    if (rowType === undefined) {
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('schema') are required.",
      );
    }
    const fixed = fixedRows(options, rowType);
    const splitNum = Math.max(1, Math.floor(options.number('split.num', 1)));
    const total = fixed !== undefined && !options.has('row.num') ? fixed.length : Math.max(0, Math.floor(options.number('row.num', 5)));
    const generator: GeneratorOptions = {
      stringLength: options.number('string.length', 5),
      arraySize: options.number('array.size', 5),
      mapSize: options.number('map.size', 5),
      templates: {},
      min: {},
      max: {},
    };
    for (const kind of ['string', 'tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'date', 'time', 'timestamp']) {
      const template = listOption(options, `${kind}.template`);
      if (template !== undefined) generator.templates[kind] = template;
      if (options.has(`${kind}.min`)) generator.min[kind] = options.number(`${kind}.min`);
      if (options.has(`${kind}.max`)) generator.max[kind] = options.number(`${kind}.max`);
    }
    const splitSize = Math.max(1, Math.ceil(total / splitNum));
    const intervalMs = options.number('split.read-interval', 1);
    return {
      rowType,
      open: async (_context, restored) => new FakeSourceReader(rowType, total, splitSize, intervalMs, fixed, generator, mode, restored),
    };
  },
};
