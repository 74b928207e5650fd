// Http source: requests `url` (method, headers, params, body) and turns the answer into rows:
// format json (an array of objects, one object, or the array at content_field; json_field
// maps each field to a JSONPath) or text (one `content` row per response). In STREAMING
// mode it polls every poll_interval_millis; in BATCH mode it requests once.

import { JobDefineError, JobRuntimeError } from '../../../jobs/errors.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SourceFactory } from '../../../jobs/plugin.js';
import { convertValue, schemaRowType, type RowType } from '../../../jobs/row-type.js';
import type { RowBatch } from '../../../jobs/rows.js';
import { jsonPath } from './json-path.js';
import { abortableSleep } from '../../../jobs/abortable-sleep.js';

export function jsonRows(body: unknown, rowType: RowType, contentField: string | undefined, jsonFields: Record<string, string>): unknown[][] {
  const fieldPaths = Object.keys(jsonFields).length > 0 ? rowType.names.map((name) => jsonFields[name]) : undefined;
  if (fieldPaths !== undefined) {
    const columns = fieldPaths.map((path) => (path === undefined ? [] : jsonPath(body, path)));
    const length = Math.max(0, ...columns.map((c) => c.length));
    return Array.from({ length }, (_, r) => rowType.types.map((type, i) => convertValue(columns[i]![r], type)));
  }
  let records: unknown = contentField === undefined ? body : jsonPath(body, contentField);
  if (contentField !== undefined && Array.isArray(records) && records.length === 1 && Array.isArray(records[0])) records = records[0];
  const list = Array.isArray(records) ? records : [records];
  return list
    .filter((r) => r !== null && typeof r === 'object')
    .map((record) => rowType.names.map((name, i) => convertValue((record as Record<string, unknown>)[name], rowType.types[i]!)));
}

export const httpSourceFactory: SourceFactory = {
  name: 'Http',
  create(values, mode) {
    const options = new PluginOptions('Http', values);
    const url = options.string('url');
    const method = options.string('method', 'GET').toUpperCase();
    const headers = options.map('headers');
    const params = options.map('params');
    const body = options.optionalString('body');
    const format = options.string('format', 'json').toLowerCase();
    if (format !== 'json' && format !== 'text') throw new JobDefineError(`Http source: format '${format}' is not supported (json, text).`);
    const rowType = schemaRowType(values) ?? { names: ['content'], types: [{ kind: 'string' }] };
    const contentField = options.optionalString('content_field');
    const jsonFields = options.map('json_field');
    const pollMs = options.number('poll_interval_millis', 0);
    const target = new URL(url);
    for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
    return {
      rowType,
      tablePaths: [url],
      async open(context) {
        let polls = 0;
        const fetchRows = async (signal: AbortSignal): Promise<RowBatch> => {
          let response: Response;
          try {
            response = await fetch(target, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, signal });
          } catch (error) {
            if (signal.aborted) return [];
            throw new JobRuntimeError(`ErrorCode:[HTTP-01], ErrorDescription:[Http request failed] - ${method} ${url}: ${(error as Error).message}`, {
              cause: error,
            });
          }
          const text = await response.text();
          if (response.status < 200 || response.status >= 300) {
            throw new JobRuntimeError(
              `ErrorCode:[HTTP-01], ErrorDescription:[Http request failed] - ${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`,
            );
          }
          if (format === 'text') return [{ kind: '+I', fields: [text] }];
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            throw new JobRuntimeError(
              `ErrorCode:[COMMON-33], ErrorDescription:[Json covert/parse operation failed] - ${url} did not answer JSON: ${text.slice(0, 200)}`,
            );
          }
          return jsonRows(parsed, rowType, contentField, jsonFields).map((fields) => ({ kind: '+I' as const, fields }));
        };
        return {
          async next(signal) {
            if (signal.aborted) return undefined;
            if (polls > 0) {
              if (mode === 'BATCH') return undefined;
              await abortableSleep(Math.max(pollMs, 10), signal);
              if (signal.aborted) return undefined;
            }
            polls++;
            context.log.info(`Http source: ${method} ${url}`);
            return fetchRows(signal);
          },
          position: () => polls,
          async close() {},
        };
      },
    };
  },
};
