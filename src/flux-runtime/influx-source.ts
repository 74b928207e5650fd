// Flux's data source on an InfluxDB 1.x: a FromSpec becomes one InfluxQL request (field types
// via SHOW FIELD KEYS and the SELECT, as two statements of one query), answered as from()'s
// tables; to() writes go through the InfluxDB client in batches, retried, and counted.
// Never reads without a time range; times stay nanosecond-exact (RFC3339 answers).

import { formatPoint } from '../lineprotocol/format.js';
import { quoteIdent, quoteString, type InfluxDBClient, type InfluxSeries } from '../influxql/client.js';
import type { FluxDataSource } from './context.js';
import type { FromSpec, Table } from './table.js';
import { FluxTime, type FluxRecord, type Value } from './values.js';
import { formatRFC3339Nano, parseRFC3339 } from '../models/time.js';
import type { Point } from '../models/point.js';

const WRITE_BATCH = 5000;
const WRITE_ATTEMPTS = 3;

export interface WriteCounters {
  pointsWritten: number;
  writeErrors: number;
}

function regexLiteral(source: string): string {
  return `/${source.replaceAll('/', '\\/')}/`;
}

export function splitBucket(bucket: string): { db: string; rp: string } {
  const slash = bucket.indexOf('/');
  return slash < 0 ? { db: bucket, rp: '' } : { db: bucket.slice(0, slash), rp: bucket.slice(slash + 1) };
}

/** The InfluxQL statements for a spec: SHOW FIELD KEYS; SELECT ... GROUP BY *. */
export function influxQLFor(spec: FromSpec): string {
  const { db, rp } = splitBucket(spec.bucket);
  const prefix = `${quoteIdent(db)}.${rp === '' ? '' : quoteIdent(rp)}.`;
  const sources =
    spec.measurements.length === 0
      ? [`${prefix}/.*/`]
      : spec.measurements.map((m) => (m.op === '==' ? prefix + quoteIdent(m.value) : prefix + regexLiteral(m.value)));
  const fields = spec.fields.length === 0 ? '*' : spec.fields.map((f) => (f.op === '==' ? quoteIdent(f.value) : regexLiteral(f.value))).join(', ');
  const where = [`time >= '${formatRFC3339Nano(spec.start!)}'`, `time < '${formatRFC3339Nano(spec.stop!)}'`];
  for (const disjunction of spec.tags) {
    where.push(
      `(${disjunction.map((t) => (t.op === '==' ? `${quoteIdent(t.tag)}::tag = ${quoteString(t.value)}` : `${quoteIdent(t.tag)}::tag =~ ${regexLiteral(t.value)}`)).join(' OR ')})`,
    );
  }
  return `SHOW FIELD KEYS FROM ${sources.join(', ')}; SELECT ${fields} FROM ${sources.join(', ')} WHERE ${where.join(' AND ')} GROUP BY *`;
}

export class InfluxFluxSource implements FluxDataSource {
  constructor(
    private readonly client: () => InfluxDBClient,
    readonly counters: WriteCounters = { pointsWritten: 0, writeErrors: 0 },
  ) {}

  async read(spec: FromSpec): Promise<Table[]> {
    const { db, rp } = splitBucket(spec.bucket);
    const results = await this.client().query(influxQLFor(spec), { db, rp: rp || undefined });
    const errors = results.map((r) => r.error).filter((e): e is string => e !== undefined && e !== '');
    if (errors.length > 0) {
      const real = errors.find((e) => e !== 'not executed');
      if (real !== undefined) throw new Error(real);
      // InfluxDB names the cause only when the statement runs alone (e.g. database not found)
      const alone = await this.client().query(influxQLFor(spec).split('; ')[1]!, { db, rp: rp || undefined });
      throw new Error(alone[0]?.error ?? errors[0]);
    }
    const [keys, select] = results;
    const integerFields = new Set<string>();
    for (const series of keys?.series ?? []) {
      for (const [name, type] of (series.values ?? []) as Array<[string, string]>) if (type === 'integer') integerFields.add(`${series.name}\u0000${name}`);
    }
    const start = new FluxTime(spec.start!);
    const stop = new FluxTime(spec.stop!);
    const tables: Table[] = [];
    for (const series of select?.series ?? []) tables.push(...seriesTables(series, start, stop, integerFields));
    return tables;
  }

  async write(bucket: string, points: Point[]): Promise<void> {
    const { db, rp } = splitBucket(bucket);
    for (let i = 0; i < points.length; i += WRITE_BATCH) {
      const body = points
        .slice(i, i + WRITE_BATCH)
        .map((p) => formatPoint(p))
        .join('\n');
      for (let attempt = 1; ; attempt++) {
        try {
          await this.client().write(body, { database: db, retentionPolicy: rp || undefined });
          this.counters.pointsWritten += Math.min(WRITE_BATCH, points.length - i);
          break;
        } catch (error) {
          this.counters.writeErrors++;
          if (attempt >= WRITE_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    }
  }
}

/** One table per field of a series, rows in time order, null values skipped. */
function seriesTables(series: InfluxSeries, start: FluxTime, stop: FluxTime, integerFields: Set<string>): Table[] {
  const measurement = series.name ?? '';
  const tags = series.tags ?? {};
  const tagKeys = Object.keys(tags)
    .filter((k) => tags[k] !== '')
    .sort();
  const key = ['_start', '_stop', '_field', '_measurement', ...tagKeys];
  const tables: Table[] = [];
  const values = series.values ?? [];
  const times = values.map((row) => new FluxTime(parseRFC3339(row[0] as string) ?? 0n));
  for (let c = 1; c < series.columns.length; c++) {
    const field = series.columns[c]!;
    const isInt = integerFields.has(`${measurement}\u0000${field}`);
    const keyValues: FluxRecord = { _start: start, _stop: stop, _field: field, _measurement: measurement };
    for (const tag of tagKeys) keyValues[tag] = tags[tag]!;
    const rows: FluxRecord[] = [];
    for (let r = 0; r < values.length; r++) {
      const raw = values[r]![c];
      if (raw === null || raw === undefined) continue;
      const value: Value = isInt && typeof raw === 'number' ? BigInt(Math.round(raw)) : (raw as Value);
      rows.push({ ...keyValues, _time: times[r]!, _value: value });
    }
    if (rows.length > 0) tables.push({ key, keyValues, rows });
  }
  return tables;
}
