// LocalFile source: reads a file, or every file of a directory (name order), as text, CSV or
// JSON lines into rows of `schema` (text without a schema: one `content` string per line).
// Options: path, file_format_type, schema, field_delimiter, skip_header_row_number, encoding.
// Its position is the number of rows read, so a resumed job skips what it already delivered.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JobDefineError, JobRuntimeError } from '../../../jobs/errors.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SourceFactory } from '../../../jobs/plugin.js';
import { schemaRowType, type RowType } from '../../../jobs/row-type.js';
import type { RowBatch } from '../../../jobs/rows.js';
import { defaultDelimiter, fileFormat, parseLine } from './format.js';

const BATCH = 1024;

function listFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new JobRuntimeError(`ErrorCode:[COMMON-01], ErrorDescription:[Reading file failed] - the path ${path} does not exist`);
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile());
}

export const localFileSourceFactory: SourceFactory = {
  name: 'LocalFile',
  create(values) {
    const options = new PluginOptions('LocalFile', values);
    const path = options.string('path');
    const format = fileFormat(options.string('file_format_type'));
    const rowType: RowType | undefined = schemaRowType(values) ?? (format === 'text' ? { names: ['content'], types: [{ kind: 'string' }] } : undefined);
    if (rowType === undefined)
      throw new JobDefineError(
        "ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('schema') are required.",
      );
    const delimiter = options.string(
      'field_delimiter',
      options.string('delimiter', format === 'text' && schemaRowType(values) === undefined ? '\n' : defaultDelimiter(format)),
    );
    const skip = options.number('skip_header_row_number', 0);
    const encoding = options.string('encoding', 'utf-8').toLowerCase().replace('-', '') as BufferEncoding;
    return {
      rowType,
      tablePaths: [path],
      async open(_context, restored) {
        let rows: unknown[][] | undefined;
        let offset = typeof restored === 'number' ? restored : 0;
        const load = (): unknown[][] => {
          const all: unknown[][] = [];
          for (const file of listFiles(path)) {
            const lines = readFileSync(file, encoding === ('utf8' as BufferEncoding) ? 'utf8' : encoding).split(/\r?\n/);
            if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
            for (const line of lines.slice(skip)) all.push(parseLine(line, format, delimiter, rowType));
          }
          return all;
        };
        return {
          async next(signal): Promise<RowBatch | undefined> {
            rows ??= load();
            if (signal.aborted || offset >= rows.length) return undefined;
            const end = Math.min(rows.length, offset + BATCH);
            const batch: RowBatch = rows.slice(offset, end).map((fields) => ({ kind: '+I', fields }));
            offset = end;
            return batch;
          },
          position: () => offset,
          async close() {},
        };
      },
    };
  },
};
