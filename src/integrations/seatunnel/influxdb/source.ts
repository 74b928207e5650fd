// InfluxDB source: runs `sql` (InfluxQL) against an InfluxDB 1.x /query and maps the result
// columns to the `schema` fields by name (time in the `epoch` unit, default ms... as numbers,
// or as timestamps when the field is typed timestamp). With split_column, partition_num,
// lower_bound and upper_bound the query is run once per range of split_column.

import { JobDefineError, JobRuntimeError } from '../../../jobs/errors.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SourceFactory } from '../../../jobs/plugin.js';
import { convertValue, schemaRowType } from '../../../jobs/row-type.js';
import type { RowBatch } from '../../../jobs/rows.js';

/** The queries of a split read: one range per partition, appended as a WHERE condition. */
export function splitQueries(sql: string, column: string | undefined, partitions: number, lower: number, upper: number): string[] {
  if (column === undefined || partitions <= 1) return [sql];
  const step = Math.ceil((upper - lower + 1) / partitions);
  const queries: string[] = [];
  for (let start = lower; start <= upper; start += step) {
    const end = Math.min(upper + 1, start + step);
    const condition = `"${column}" >= ${start} AND "${column}" < ${end}`;
    const match = /\s+(GROUP\s+BY|ORDER\s+BY|LIMIT|SLIMIT|FILL)\b/i.exec(sql);
    const head = match === null ? sql : sql.slice(0, match.index);
    const tail = match === null ? '' : sql.slice(match.index);
    queries.push(/\bWHERE\b/i.test(head) ? `${head} AND ${condition}${tail}` : `${head} WHERE ${condition}${tail}`);
  }
  return queries;
}

export const influxdbSourceFactory: SourceFactory = {
  name: 'InfluxDB',
  create(values) {
    const options = new PluginOptions('InfluxDB', values);
    const url = options.string('url').replace(/\/+$/, '');
    const sql = options.string('sql');
    const database = options.string('database');
    const rowType = schemaRowType(values);
    if (rowType === undefined)
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('schema') are required.",
      );
    const epoch = options.string('epoch', 'n');
    const queries = splitQueries(
      sql,
      options.optionalString('split_column'),
      options.number('partition_num', 0),
      options.number('lower_bound', 0),
      options.number('upper_bound', 0),
    );
    const username = options.optionalString('username');
    const password = options.optionalString('password');
    return {
      rowType,
      tablePaths: [database],
      async open(_context, restored) {
        let next = typeof restored === 'number' ? restored : 0;
        return {
          async next(signal): Promise<RowBatch | undefined> {
            if (signal.aborted || next >= queries.length) return undefined;
            const params = new URLSearchParams({ db: database, q: queries[next]!, epoch });
            if (username !== undefined) {
              params.set('u', username);
              params.set('p', password ?? '');
            }
            const response = await fetch(`${url}/query`, { method: 'POST', body: params, signal }).catch((error: Error) => {
              throw new JobRuntimeError(`ErrorCode:[INFLUXDB-02], ErrorDescription:[Query InfluxDB failed] - ${url}: ${error.message}`, { cause: error });
            });
            const body = (await response.json()) as {
              results?: Array<{ error?: string; series?: Array<{ columns: string[]; tags?: Record<string, string>; values: unknown[][] }> }>;
              error?: string;
            };
            const error = body.error ?? body.results?.find((r) => r.error !== undefined)?.error;
            if (response.status !== 200 || error !== undefined) {
              throw new JobRuntimeError(`ErrorCode:[INFLUXDB-02], ErrorDescription:[Query InfluxDB failed] - ${queries[next]}: ${error ?? response.status}`);
            }
            next++;
            const batch: RowBatch = [];
            for (const series of body.results?.[0]?.series ?? []) {
              const indexes = rowType.names.map((name) => series.columns.indexOf(name));
              for (const row of series.values) {
                batch.push({
                  kind: '+I',
                  fields: rowType.types.map((type, i) => convertValue(indexes[i]! >= 0 ? row[indexes[i]!] : series.tags?.[rowType.names[i]!], type)),
                });
              }
            }
            return batch;
          },
          position: () => next,
          async close() {},
        };
      },
    };
  },
};
