// Recording and replay metadata as kept in the store (buckets `recordings` and `replays`), and
// their API views: Kapacitor's fields, field selection, pattern / offset / limit listing,
// newest first.

import { compileGlob } from '../../util/glob.js';
import { requestErrors } from '../../errors/catalogue.js';
import type { Store } from '../../storage/store.js';

export type RunStatus = 'running' | 'finished' | 'failed';
export type RecordingType = 'stream' | 'batch';

export interface RecordingRecord {
  id: string;
  type: RecordingType;
  /** Absolute path of the data file. */
  dataPath: string;
  size: number;
  date: string;
  error: string;
  status: RunStatus;
  progress: number;
}

export interface ReplayRecord {
  id: string;
  task: string;
  recording: string;
  recordingTime: boolean;
  clock: 'fast' | 'real';
  date: string;
  error: string;
  status: RunStatus;
  progress: number;
  stats: { 'task-stats': Record<string, unknown>; 'node-stats': Record<string, unknown> };
}

export const RECORDINGS_BUCKET = 'recordings';
export const REPLAYS_BUCKET = 'replays';

export const RECORDING_FIELDS = ['link', 'id', 'type', 'size', 'date', 'error', 'status', 'progress'] as const;
export const REPLAY_FIELDS = ['link', 'id', 'recording', 'task', 'recording-time', 'clock', 'date', 'error', 'status', 'progress'] as const;

export function recordingView(record: RecordingRecord, fields: readonly string[] = RECORDING_FIELDS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    switch (field) {
      case 'link':
        out.link = { rel: 'self', href: `/kapacitor/v1/recordings/${record.id}` };
        break;
      case 'id':
        out.id = record.id;
        break;
      case 'type':
        out.type = record.type;
        break;
      case 'size':
        out.size = record.size;
        break;
      case 'date':
        out.date = record.date;
        break;
      case 'error':
        out.error = record.error;
        break;
      case 'status':
        out.status = record.status;
        break;
      case 'progress':
        out.progress = record.progress;
        break;
      default:
        throw requestErrors.unsupportedField(field);
    }
  }
  return out;
}

export function replayView(record: ReplayRecord, fields: readonly string[] = REPLAY_FIELDS, withStats = fields === REPLAY_FIELDS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    switch (field) {
      case 'link':
        out.link = { rel: 'self', href: `/kapacitor/v1/replays/${record.id}` };
        break;
      case 'id':
        out.id = record.id;
        break;
      case 'recording':
        out.recording = record.recording;
        break;
      case 'task':
        out.task = record.task;
        break;
      case 'recording-time':
        out['recording-time'] = record.recordingTime;
        break;
      case 'clock':
        out.clock = record.clock;
        break;
      case 'date':
        out.date = record.date;
        break;
      case 'error':
        out.error = record.error;
        break;
      case 'status':
        out.status = record.status;
        break;
      case 'progress':
        out.progress = record.progress;
        break;
      default:
        throw requestErrors.unsupportedField(field);
    }
  }
  if (withStats) out.stats = record.stats;
  return out;
}

export interface ListParams {
  pattern: string;
  fields: string[];
  offset: string;
  limit: string;
}

/** Newest first, then pattern, offset and limit, as Kapacitor lists recordings and replays. */
export function listRecords<T extends { id: string; date: string }>(store: Store, bucket: string, params: ListParams): T[] {
  const offset = intParam('offset', params.offset, 0);
  const limit = intParam('limit', params.limit, 100);
  let records = store.list<T>(bucket).map((e) => e.value);
  if (params.pattern !== '') {
    let match: (id: string) => boolean;
    try {
      match = compileGlob(params.pattern);
    } catch {
      throw requestErrors.invalidPattern(params.pattern);
    }
    records = records.filter((r) => match(r.id));
  }
  records.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1));
  return records.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit));
}

export function listFields(fields: string[], all: readonly string[]): readonly string[] {
  return fields.length === 0 ? all : [...fields, 'id', 'link'];
}

function intParam(name: string, value: string, fallback: number): number {
  if (value === '') return fallback;
  if (!/^[-+]?\d+$/.test(value)) {
    throw requestErrors.invalidInteger(name, value);
  }
  return Number(value);
}

export const VALID_ID = /^[-._\p{L}0-9]+$/u;

/** Sortable creation time: RFC 3339 with nanosecond digits, so later is always greater. */
export function nowDate(): string {
  const ns = process.hrtime.bigint() % 1_000_000n;
  const iso = new Date().toISOString();
  return `${iso.slice(0, 23)}${ns.toString().padStart(6, '0')}Z`;
}
