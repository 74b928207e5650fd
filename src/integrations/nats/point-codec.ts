// Points to and from the bytes of one ingest message: a JSON array of [name, tags, fields,
// ints, time] per point, where integer fields are written as decimal strings (JSON has no
// int64) and ints names them (field order is kept); time is epoch nanoseconds as a string. Database and retention policy travel in
// the subject, not the payload.

import type { Fields, Point, Tags } from '../../models/point.js';

type Encoded = [string, Tags, Record<string, number | string | boolean>, string[] | 0, string];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodePoints(points: readonly Point[]): Uint8Array {
  const out: Encoded[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    let plain: Record<string, number | string | boolean> | undefined;
    let ints: string[] | 0 = 0;
    const fields = point.fields;
    for (const key in fields) {
      if (typeof fields[key] === 'bigint') {
        if (ints === 0) ints = [];
        ints.push(key);
      }
    }
    if (ints !== 0) plain = copyPlain(fields);
    out[i] = [point.name, point.tags, plain ?? (fields as Record<string, number | string | boolean>), ints, point.time.toString()];
  }
  return encoder.encode(JSON.stringify(out));
}

function copyPlain(fields: Fields): Record<string, number | string | boolean> {
  const plain: Record<string, number | string | boolean> = {};
  for (const key in fields) {
    const value = fields[key]!;
    plain[key] = typeof value === 'bigint' ? value.toString() : value;
  }
  return plain;
}

export function decodePoints(data: Uint8Array, database: string, retentionPolicy: string): Point[] {
  const encoded = JSON.parse(decoder.decode(data)) as Encoded[];
  const points: Point[] = new Array(encoded.length);
  for (let i = 0; i < encoded.length; i++) {
    const [name, tags, plain, ints, time] = encoded[i]!;
    const fields = plain as Fields;
    if (ints !== 0) for (let k = 0; k < ints.length; k++) fields[ints[k]!] = BigInt(fields[ints[k]!] as string);
    points[i] = { name, tags: Object.freeze(tags), fields, time: BigInt(time), database, retentionPolicy };
  }
  return points;
}
