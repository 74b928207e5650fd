// Reading and writing rows as text, CSV and JSON lines, as SeaTunnel's file connectors do
// (text fields split by field_delimiter, default \u0001; CSV with quotes; one JSON object per
// line). Pure: no file I/O here.

import { JobDefineError } from '../../../jobs/errors.js';
import { convertValue, toJsonValue, toText, type RowType } from '../../../jobs/row-type.js';

export type FileFormat = 'text' | 'csv' | 'json';

export function fileFormat(value: string): FileFormat {
  const format = value.toLowerCase();
  if (format !== 'text' && format !== 'csv' && format !== 'json') {
    throw new JobDefineError(
      `ErrorCode:[COMMON-18], ErrorDescription:[Unsupported file format] - file_format_type '${value}' is not supported (text, csv, json).`,
    );
  }
  return format;
}

export function defaultDelimiter(format: FileFormat): string {
  return format === 'csv' ? ',' : '\u0001';
}

/** Splits one CSV line into fields (double quotes, "" for a quote). */
export function splitCsv(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export function parseLine(line: string, format: FileFormat, delimiter: string, rowType: RowType): unknown[] {
  if (format === 'json') {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line);
    } catch {
      throw new Error(`ErrorCode:[COMMON-33], ErrorDescription:[Json covert/parse operation failed] - cannot parse line as JSON: ${line.slice(0, 200)}`);
    }
    return rowType.names.map((name, i) => convertValue(record[name], rowType.types[i]!));
  }
  const parts = format === 'csv' ? splitCsv(line, delimiter) : line.split(delimiter);
  return rowType.types.map((type, i) => {
    const part = parts[i];
    return part === undefined || (part === '' && type.kind !== 'string') ? null : convertValue(part, type);
  });
}

function csvQuote(text: string, delimiter: string): string {
  return text.includes(delimiter) || text.includes('"') || text.includes('\n') ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatRow(fields: unknown[], format: FileFormat, delimiter: string, rowType: RowType): string {
  if (format === 'json') {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < rowType.names.length; i++) record[rowType.names[i]!] = toJsonValue(fields[i], rowType.types[i]!);
    return JSON.stringify(record);
  }
  const texts = fields.map((value, i) => (value === null || value === undefined ? '' : toText(value, rowType.types[i]!)));
  return (format === 'csv' ? texts.map((t) => csvQuote(t, delimiter)) : texts).join(delimiter);
}
