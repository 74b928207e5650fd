// Points to InfluxDB line protocol for the InfluxDB sink (escaping as InfluxDB reads it:
// measurement , and space; keys and tag values , = and space; string fields " and \).

import type { Point } from '../../../models/point.js';

const escapeMeasurement = (text: string) => text.replace(/[, ]/g, '\\$&');
const escapeKey = (text: string) => text.replace(/[,= ]/g, '\\$&');

export function formatLine(point: Point): string {
  let line = escapeMeasurement(point.name);
  for (const key of Object.keys(point.tags).sort()) line += `,${escapeKey(key)}=${escapeKey(point.tags[key]!)}`;
  const fields: string[] = [];
  for (const [key, value] of Object.entries(point.fields)) {
    let text: string;
    if (typeof value === 'bigint') text = `${value}i`;
    else if (typeof value === 'string') text = `"${value.replace(/["\\]/g, '\\$&')}"`;
    else text = String(value);
    fields.push(`${escapeKey(key)}=${text}`);
  }
  return `${line} ${fields.join(',')} ${point.time}`;
}
