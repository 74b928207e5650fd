// Kapacitor's recording file formats. Stream (.srpl): gzip of records of three lines —
// database, retention policy, one line-protocol point with a nanosecond timestamp. Batch
// (.brpl): a zip with one entry per query node ("0", "1", ...), each JSON lines of
// {"name","tmax","group","byname","tags","points":[{"fields","tags","time"}]}.

import { gunzipSync, gzipSync } from 'node:zlib';
import { parsePoints } from '../lineprotocol/parse.js';
import type { Fields, Point, Tags, TimeNs } from '../models/point.js';
import { formatRFC3339Nano, parseRFC3339 } from '../models/time.js';
import { formatPoint } from '../lineprotocol/format.js';
import { readZip, writeZip } from './zip-archive.js';

export const STREAM_EXT = '.srpl';
export const BATCH_EXT = '.brpl';

/** One batch as recordings carry it (a buffered batch: begin, points, end). */
export interface RecordedBatch {
  name: string;
  /** Time of the batch (its max point time or the query's stop). */
  tmax: TimeNs;
  tags: Tags;
  byName: boolean;
  points: Array<{ fields: Fields; tags: Tags; time: TimeNs }>;
}

/** Go's zero time, 0001-01-01T00:00:00Z: a batch without a time. */
export const ZERO_TIME = -62135596800000000000n;

export function encodeStreamRecord(point: Point): string {
  return `${point.database}\n${point.retentionPolicy}\n${formatPoint(point)}\n`;
}

export function encodeStreamRecording(points: Point[]): Buffer {
  return gzipSync(points.map(encodeStreamRecord).join(''));
}

/** Reads a stream recording (gzipped as Kapacitor writes it, or plain text). */
export function decodeStreamRecording(file: Buffer, precision = 'n'): Point[] {
  const text = (isGzip(file) ? gunzipSync(file) : file).toString('utf8');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const points: Point[] = [];
  for (let i = 0; i < lines.length; i += 3) {
    if (i + 2 >= lines.length) throw new Error('invalid replay file format, expected another line');
    const parsed = parsePoints(lines[i + 2]!, {
      precision,
      defaultTime: 0n,
      database: lines[i]!,
      retentionPolicy: lines[i + 1]!,
    });
    if (parsed.errors.length > 0) throw new Error(parsed.errors[0]);
    points.push(...parsed.points);
  }
  return points;
}

export function encodeBatchLine(batch: RecordedBatch): string {
  const body = {
    name: batch.name || undefined,
    tmax: formatRFC3339Nano(batch.tmax),
    group: groupId(batch) || undefined,
    byname: batch.byName || undefined,
    tags: Object.keys(batch.tags).length > 0 ? batch.tags : undefined,
    points: batch.points.length > 0 ? batch.points.map((p) => ({ fields: jsonFields(p.fields), tags: p.tags, time: formatRFC3339Nano(p.time) })) : undefined,
  };
  return JSON.stringify(body) + '\n';
}

/** One archive entry per query node. */
export function encodeBatchRecording(sources: RecordedBatch[][]): Buffer {
  return writeZip(sources.map((batches, i) => ({ name: String(i), data: Buffer.from(batches.map(encodeBatchLine).join('')) })));
}

/** Batches per query node, in archive order. Numbers come back as floats, as in Kapacitor. */
export function decodeBatchRecording(file: Buffer): RecordedBatch[][] {
  return readZip(file).map((entry) => decodeBatchLines(entry.data.toString('utf8')));
}

export function decodeBatchLines(text: string): RecordedBatch[] {
  const batches: RecordedBatch[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as {
      name?: string;
      tmax?: string;
      tags?: Tags;
      byname?: boolean;
      points?: Array<{ fields?: Record<string, unknown>; tags?: Tags; time?: string }>;
    };
    const tags = raw.tags ?? {};
    batches.push({
      name: raw.name ?? '',
      tmax: parseTime(raw.tmax),
      tags,
      byName: raw.byname === true,
      points: (raw.points ?? []).map((p) => ({
        fields: fieldsFromJSON(p.fields ?? {}),
        tags: p.tags && Object.keys(p.tags).length > 0 ? p.tags : tags,
        time: parseTime(p.time),
      })),
    });
  }
  return batches;
}

/** Kapacitor's group id of a batch: [name\n]tag=value,... over the sorted tag names. */
export function groupId(batch: Pick<RecordedBatch, 'name' | 'tags' | 'byName'>): string {
  const names = Object.keys(batch.tags).sort();
  const tagPart = names.map((k) => `${k}=${batch.tags[k]}`).join(',');
  if (names.length === 0) return batch.byName ? batch.name : '';
  return batch.byName ? `${batch.name}\n${tagPart}` : tagPart;
}

function jsonFields(fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}

function fieldsFromJSON(raw: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') fields[k] = v;
  }
  return fields;
}

function parseTime(text: string | undefined): TimeNs {
  if (text === undefined || text.startsWith('0001-01-01T00:00:00Z')) return ZERO_TIME;
  const time = parseRFC3339(text);
  if (time === undefined) throw new Error(`invalid time ${JSON.stringify(text)} in batch recording`);
  return time;
}

function isGzip(file: Buffer): boolean {
  return file.length >= 2 && file[0] === 0x1f && file[1] === 0x8b;
}
