// udf.proto's messages as TypeScript values, with the encoder for what the server sends
// (Request) and the decoder for what an agent answers (Response). Field numbers follow
// udf.proto (package agent); unknown fields are skipped, as protobuf readers do.

import { WIRE_BYTES, WIRE_FIXED64, WIRE_VARINT, WireReader, WireWriter } from './wire.js';

export type UdfEdge = 'stream' | 'batch';
export const VALUE_TYPES = ['BOOL', 'INT', 'DOUBLE', 'STRING', 'DURATION'] as const;
export type UdfValueType = (typeof VALUE_TYPES)[number];

export type OptionValue =
  | { type: 'BOOL'; value: boolean }
  | { type: 'INT'; value: bigint }
  | { type: 'DOUBLE'; value: number }
  | { type: 'STRING'; value: string }
  | { type: 'DURATION'; value: bigint };

export interface UdfOption {
  name: string;
  values: OptionValue[];
}

export interface UdfPoint {
  time: bigint;
  name: string;
  database: string;
  retentionPolicy: string;
  group: string;
  dimensions: string[];
  tags: Record<string, string>;
  fieldsDouble: Record<string, number>;
  fieldsInt: Record<string, bigint>;
  fieldsString: Record<string, string>;
  fieldsBool: Record<string, boolean>;
  byName: boolean;
}

export interface BeginBatch {
  name: string;
  group: string;
  tags: Record<string, string>;
  size: bigint;
  byName: boolean;
}

export interface EndBatch {
  name: string;
  group: string;
  tmax: bigint;
  tags: Record<string, string>;
  byName: boolean;
}

export interface InfoResponse {
  wants: UdfEdge;
  provides: UdfEdge;
  options: Record<string, UdfValueType[]>;
}

export type UdfRequest =
  | { kind: 'info' }
  | { kind: 'init'; options: UdfOption[] }
  | { kind: 'keepalive'; time: bigint }
  | { kind: 'snapshot' }
  | { kind: 'restore'; snapshot: Uint8Array }
  | { kind: 'begin'; begin: BeginBatch }
  | { kind: 'point'; point: UdfPoint }
  | { kind: 'end'; end: EndBatch };

export type UdfResponse =
  | { kind: 'info'; info: InfoResponse }
  | { kind: 'init'; success: boolean; error: string }
  | { kind: 'keepalive'; time: bigint }
  | { kind: 'snapshot'; snapshot: Uint8Array }
  | { kind: 'restore'; success: boolean; error: string }
  | { kind: 'error'; error: string }
  | { kind: 'begin'; begin: BeginBatch }
  | { kind: 'point'; point: UdfPoint }
  | { kind: 'end'; end: EndBatch };

/** Oneof field numbers of Request / Response. */
const FIELD = { info: 1, init: 2, keepalive: 3, snapshot: 4, restore: 5, error: 6, begin: 16, point: 17, end: 18 } as const;

// ---- encoding ---------------------------------------------------------------------------

function sub(w: WireWriter, field: number, encode: (inner: WireWriter) => void): void {
  const inner = new WireWriter();
  encode(inner);
  w.tag(field, WIRE_BYTES).bytes(inner.finish());
}

function str(w: WireWriter, field: number, value: string): void {
  if (value !== '') w.tag(field, WIRE_BYTES).string(value);
}

function bool(w: WireWriter, field: number, value: boolean): void {
  if (value) w.tag(field, WIRE_VARINT).uvarint(1);
}

function int(w: WireWriter, field: number, value: bigint): void {
  if (value !== 0n) w.tag(field, WIRE_VARINT).int64(value);
}

function map<V>(w: WireWriter, field: number, entries: Record<string, V>, value: (inner: WireWriter, v: V) => void): void {
  for (const key of Object.keys(entries)) {
    sub(w, field, (inner) => {
      inner.tag(1, WIRE_BYTES).string(key);
      value(inner, entries[key]!);
    });
  }
}

function encodeOptionValue(w: WireWriter, option: OptionValue): void {
  const type = VALUE_TYPES.indexOf(option.type);
  if (type !== 0) w.tag(1, WIRE_VARINT).uvarint(type);
  // A oneof member is written even when it holds its zero value.
  switch (option.type) {
    case 'BOOL':
      w.tag(2, WIRE_VARINT).uvarint(option.value ? 1 : 0);
      break;
    case 'INT':
      w.tag(3, WIRE_VARINT).int64(option.value);
      break;
    case 'DOUBLE':
      w.tag(4, WIRE_FIXED64).double(option.value);
      break;
    case 'STRING':
      w.tag(5, WIRE_BYTES).string(option.value);
      break;
    case 'DURATION':
      w.tag(6, WIRE_VARINT).int64(option.value);
      break;
  }
}

export function encodePoint(w: WireWriter, p: UdfPoint): void {
  int(w, 1, p.time);
  str(w, 2, p.name);
  str(w, 3, p.database);
  str(w, 4, p.retentionPolicy);
  str(w, 5, p.group);
  for (const dimension of p.dimensions) w.tag(6, WIRE_BYTES).string(dimension);
  map(w, 7, p.tags, (inner, v) => inner.tag(2, WIRE_BYTES).string(v));
  map(w, 8, p.fieldsDouble, (inner, v) => inner.tag(2, WIRE_FIXED64).double(v));
  map(w, 9, p.fieldsInt, (inner, v) => inner.tag(2, WIRE_VARINT).int64(v));
  map(w, 10, p.fieldsString, (inner, v) => inner.tag(2, WIRE_BYTES).string(v));
  bool(w, 11, p.byName);
  map(w, 12, p.fieldsBool, (inner, v) => inner.tag(2, WIRE_VARINT).uvarint(v ? 1 : 0));
}

function encodeBegin(w: WireWriter, b: BeginBatch): void {
  str(w, 1, b.name);
  str(w, 2, b.group);
  map(w, 3, b.tags, (inner, v) => inner.tag(2, WIRE_BYTES).string(v));
  int(w, 4, b.size);
  bool(w, 5, b.byName);
}

function encodeEnd(w: WireWriter, e: EndBatch): void {
  str(w, 1, e.name);
  str(w, 2, e.group);
  int(w, 3, e.tmax);
  map(w, 4, e.tags, (inner, v) => inner.tag(2, WIRE_BYTES).string(v));
  bool(w, 5, e.byName);
}

/** One Request message (without its length prefix). */
export function encodeRequest(request: UdfRequest): Uint8Array {
  const w = new WireWriter();
  const field = FIELD[request.kind];
  sub(w, field, (inner) => {
    switch (request.kind) {
      case 'info':
      case 'snapshot':
        return;
      case 'init':
        for (const option of request.options) {
          sub(inner, 1, (o) => {
            str(o, 1, option.name);
            for (const value of option.values) sub(o, 2, (v) => encodeOptionValue(v, value));
          });
        }
        return;
      case 'keepalive':
        int(inner, 1, request.time);
        return;
      case 'restore':
        if (request.snapshot.length > 0) inner.tag(1, WIRE_BYTES).bytes(request.snapshot);
        return;
      case 'begin':
        encodeBegin(inner, request.begin);
        return;
      case 'point':
        encodePoint(inner, request.point);
        return;
      case 'end':
        encodeEnd(inner, request.end);
        return;
    }
  });
  return w.finish();
}

// ---- decoding ---------------------------------------------------------------------------

function readMap<V>(r: WireReader, value: (r: WireReader, wireType: number) => V, zero: V): [string, V] {
  const entry = r.message();
  let key = '';
  let v = zero;
  while (!entry.done()) {
    const tag = entry.uvarint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (field === 1 && wireType === WIRE_BYTES) key = entry.string();
    else if (field === 2) v = value(entry, wireType);
    else entry.skip(wireType);
  }
  return [key, v];
}

function fields(r: WireReader, each: (field: number, wireType: number) => boolean): void {
  while (!r.done()) {
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (!each(field, wireType)) r.skip(wireType);
  }
}

const readString = (r: WireReader): string => r.string();
const readDouble = (r: WireReader, wireType: number): number => (wireType === WIRE_FIXED64 ? r.double() : Number(r.int64()));
const readInt = (r: WireReader): bigint => r.int64();
const readBool = (r: WireReader): boolean => r.uvarint() !== 0;

export function emptyPoint(): UdfPoint {
  return {
    time: 0n,
    name: '',
    database: '',
    retentionPolicy: '',
    group: '',
    dimensions: [],
    tags: {},
    fieldsDouble: {},
    fieldsInt: {},
    fieldsString: {},
    fieldsBool: {},
    byName: false,
  };
}

export function decodePoint(r: WireReader): UdfPoint {
  const p = emptyPoint();
  fields(r, (field, wt) => {
    switch (field) {
      case 1:
        p.time = r.int64();
        return true;
      case 2:
        p.name = r.string();
        return true;
      case 3:
        p.database = r.string();
        return true;
      case 4:
        p.retentionPolicy = r.string();
        return true;
      case 5:
        p.group = r.string();
        return true;
      case 6:
        p.dimensions.push(r.string());
        return true;
      case 7: {
        const [k, v] = readMap(r, readString, '');
        p.tags[k] = v;
        return true;
      }
      case 8: {
        const [k, v] = readMap(r, readDouble, 0);
        p.fieldsDouble[k] = v;
        return true;
      }
      case 9: {
        const [k, v] = readMap(r, readInt, 0n);
        p.fieldsInt[k] = v;
        return true;
      }
      case 10: {
        const [k, v] = readMap(r, readString, '');
        p.fieldsString[k] = v;
        return true;
      }
      case 11:
        p.byName = wt === WIRE_VARINT && r.uvarint() !== 0;
        return wt === WIRE_VARINT;
      case 12: {
        const [k, v] = readMap(r, readBool, false);
        p.fieldsBool[k] = v;
        return true;
      }
      default:
        return false;
    }
  });
  return p;
}

function decodeBegin(r: WireReader): BeginBatch {
  const b: BeginBatch = { name: '', group: '', tags: {}, size: 0n, byName: false };
  fields(r, (field) => {
    switch (field) {
      case 1:
        b.name = r.string();
        return true;
      case 2:
        b.group = r.string();
        return true;
      case 3: {
        const [k, v] = readMap(r, readString, '');
        b.tags[k] = v;
        return true;
      }
      case 4:
        b.size = r.int64();
        return true;
      case 5:
        b.byName = r.uvarint() !== 0;
        return true;
      default:
        return false;
    }
  });
  return b;
}

function decodeEnd(r: WireReader): EndBatch {
  const e: EndBatch = { name: '', group: '', tmax: 0n, tags: {}, byName: false };
  fields(r, (field) => {
    switch (field) {
      case 1:
        e.name = r.string();
        return true;
      case 2:
        e.group = r.string();
        return true;
      case 3:
        e.tmax = r.int64();
        return true;
      case 4: {
        const [k, v] = readMap(r, readString, '');
        e.tags[k] = v;
        return true;
      }
      case 5:
        e.byName = r.uvarint() !== 0;
        return true;
      default:
        return false;
    }
  });
  return e;
}

function edge(value: number): UdfEdge {
  return value === 1 ? 'batch' : 'stream';
}

function decodeInfo(r: WireReader): InfoResponse {
  const info: InfoResponse = { wants: 'stream', provides: 'stream', options: {} };
  fields(r, (field) => {
    switch (field) {
      case 1:
        info.wants = edge(r.uvarint());
        return true;
      case 2:
        info.provides = edge(r.uvarint());
        return true;
      case 3: {
        const [name, types] = readMap(
          r,
          (entry) => {
            const out: UdfValueType[] = [];
            const option = entry.message();
            fields(option, (f, w) => {
              if (f !== 1) return false;
              if (w === WIRE_BYTES) {
                const packed = option.message();
                while (!packed.done()) out.push(VALUE_TYPES[packed.uvarint()] ?? 'BOOL');
              } else {
                out.push(VALUE_TYPES[option.uvarint()] ?? 'BOOL');
              }
              return true;
            });
            return out;
          },
          [] as UdfValueType[],
        );
        info.options[name] = types;
        return true;
      }
      default:
        return false;
    }
  });
  return info;
}

function successError(r: WireReader): { success: boolean; error: string } {
  const out = { success: false, error: '' };
  fields(r, (field) => {
    if (field === 1) {
      out.success = r.uvarint() !== 0;
      return true;
    }
    if (field === 2) {
      out.error = r.string();
      return true;
    }
    return false;
  });
  return out;
}

/** One Response message (without its length prefix). */
export function decodeResponse(bytes: Uint8Array): UdfResponse {
  const r = new WireReader(bytes);
  let response: UdfResponse | undefined;
  fields(r, (field, wt) => {
    if (wt !== WIRE_BYTES) return false;
    const m = r.message();
    switch (field) {
      case FIELD.info:
        response = { kind: 'info', info: decodeInfo(m) };
        break;
      case FIELD.init:
        response = { kind: 'init', ...successError(m) };
        break;
      case FIELD.keepalive: {
        let time = 0n;
        fields(m, (f) => (f === 1 ? ((time = m.int64()), true) : false));
        response = { kind: 'keepalive', time };
        break;
      }
      case FIELD.snapshot: {
        let snapshot = new Uint8Array(0);
        fields(m, (f) => (f === 1 ? ((snapshot = m.bytes().slice()), true) : false));
        response = { kind: 'snapshot', snapshot };
        break;
      }
      case FIELD.restore:
        response = { kind: 'restore', ...successError(m) };
        break;
      case FIELD.error: {
        let error = '';
        fields(m, (f) => (f === 1 ? ((error = m.string()), true) : false));
        response = { kind: 'error', error };
        break;
      }
      case FIELD.begin:
        response = { kind: 'begin', begin: decodeBegin(m) };
        break;
      case FIELD.point:
        response = { kind: 'point', point: decodePoint(m) };
        break;
      case FIELD.end:
        response = { kind: 'end', end: decodeEnd(m) };
        break;
    }
    return true;
  });
  if (response === undefined) throw new Error('empty response message');
  return response;
}
