// JSON encoding for API responses. Like JSON.stringify, but writes bigint (our int64 field
// values) as exact integer literals, which JSON.stringify refuses to do.

export function stringifyJSON(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

function write(value: unknown, out: string[]): void {
  switch (typeof value) {
    case 'bigint':
      out.push(value.toString());
      return;
    case 'number':
      out.push(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'object':
      if (value === null) {
        out.push('null');
      } else if (Array.isArray(value)) {
        writeArray(value, out);
      } else if (value instanceof Date) {
        out.push(JSON.stringify(value.toISOString()));
      } else {
        writeObject(value as Record<string, unknown>, out);
      }
      return;
    default:
      out.push('null');
  }
}

function writeArray(values: unknown[], out: string[]): void {
  out.push('[');
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out.push(',');
    const item = values[i];
    write(item === undefined || typeof item === 'function' ? null : item, out);
  }
  out.push(']');
}

function writeObject(object: Record<string, unknown>, out: string[]): void {
  out.push('{');
  let first = true;
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (item === undefined || typeof item === 'function') continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    write(item, out);
  }
  out.push('}');
}
