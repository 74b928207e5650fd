// An alert event as the alert node produces it and topics and handlers consume it, and its
// JSON forms: Kapacitor's alert data (what post, tcp, log and exec send) and the topic event
// state (what /alerts/topics/ID/events shows). The JSON text is built once per event.

import { goJSONEscape } from '../gofmt/json-escape.js';
import type { FieldValue, Tags } from '../models/point.js';
import { formatRFC3339Nano } from './template/index.js';
import { levelName, OK, type Level } from './levels.js';

/** One series of a result, as httpOut and alert data carry it. */
export interface ResultSeries {
  name: string;
  tags?: Tags;
  columns: string[];
  values: unknown[][];
}

export interface EventState {
  message: string;
  details: string;
  /** Epoch ns. */
  time: bigint;
  /** ns. */
  duration: bigint;
  level: Level;
}

export interface AlertEvent {
  topic: string;
  id: string;
  state: EventState;
  /** Level of this id's previous event in its topic (filled in when the topic collects it). */
  previousLevel: Level;
  recoverable: boolean;
  /** The data that triggered the event (a point or a batch, as one series). */
  series: ResultSeries[];
  /** For templates and handler specifics. */
  taskName: string;
  name: string;
  group: string;
  tags: Tags;
  fields: Record<string, FieldValue>;
  category: string;
  /** Cached alert data JSON text. */
  dataJSON?: string;
}

export function newEvent(fields: Omit<AlertEvent, 'previousLevel' | 'dataJSON'>): AlertEvent {
  return { ...fields, previousLevel: OK };
}

/**
 * A string as Go's encoding/json writes it (json.Marshal and json.Encoder escape HTML):
 * `<`, `>`, `&`, U+2028 and U+2029 as \u escapes.
 */
export function goJSONString(text: string): string {
  return goJSONEscape(JSON.stringify(text));
}

/** A JSON value (strings escaped as Go does). */
function goJSON(value: unknown): string {
  if (typeof value === 'string') return goJSONString(value);
  if (Array.isArray(value)) return '[' + value.map(goJSON).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    return (
      '{' +
      Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => goJSONString(k) + ':' + goJSON(v))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(value ?? null);
}

/** A field value or time as JSON: int64 beyond 2^53 stays exact. */
function cellJSON(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    default:
      return goJSON(value ?? null);
  }
}

/** models.Result JSON: {"series":[{"name","tags","columns","values"}]}. */
export function resultJSON(series: readonly ResultSeries[]): string {
  if (series.length === 0) return '{"series":null}';
  let out = '{"series":[';
  for (let s = 0; s < series.length; s++) {
    const one = series[s]!;
    if (s > 0) out += ',';
    out += '{"name":' + goJSONString(one.name);
    if (one.tags !== undefined && Object.keys(one.tags).length > 0) out += ',"tags":' + goJSON(sortedRecord(one.tags));
    out += ',"columns":' + goJSON(one.columns) + ',"values":[';
    for (let r = 0; r < one.values.length; r++) {
      if (r > 0) out += ',';
      out += '[' + one.values[r]!.map(cellJSON).join(',') + ']';
    }
    out += ']}';
  }
  return out + ']}';
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

/**
 * Kapacitor's alert data JSON (id, message, details, time, duration, level, data, previousLevel,
 * recoverable), kept on the event for the other handlers it goes to.
 */
export function alertDataJSON(event: AlertEvent): string {
  return (event.dataJSON ??= alertDataText(event));
}

/**
 * The same text without keeping it on the event: for a handler that turns many events into
 * bytes at once, where keeping every event's text would hold all of them until the last.
 */
export function alertDataText(event: AlertEvent): string {
  if (event.dataJSON !== undefined) return event.dataJSON;
  const state = event.state;
  // alert.Data through encoding/json: HTML characters in strings come out escaped.
  return (
    '{"id":' +
    goJSONString(event.id) +
    ',"message":' +
    goJSONString(state.message) +
    ',"details":' +
    goJSONString(state.details) +
    ',"time":"' +
    formatRFC3339Nano(state.time) +
    '"' +
    ',"duration":' +
    state.duration.toString() +
    ',"level":"' +
    levelName(state.level) +
    '"' +
    ',"data":' +
    resultJSON(event.series) +
    ',"previousLevel":"' +
    levelName(event.previousLevel) +
    '"' +
    ',"recoverable":' +
    (event.recoverable ? 'true' : 'false') +
    '}'
  );
}

/** The alert data as a JSON value (for handlers that embed it in a larger body). */
export function alertData(event: AlertEvent): Record<string, unknown> {
  return JSON.parse(alertDataJSON(event)) as Record<string, unknown>;
}

/** Event state as the topic events API shows it. */
export function eventStateView(state: EventState): { message: string; details: string; time: string; duration: number; level: string } {
  return {
    message: state.message,
    details: state.details,
    time: formatRFC3339Nano(state.time),
    duration: Number(state.duration),
    level: levelName(state.level),
  };
}
