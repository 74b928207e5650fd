#!/usr/bin/env node
// A UDF agent in plain Node.js, no dependencies: a moving average of one field per group.
// Kapacitor runs it as a child process and talks to it on stdin/stdout with length-prefixed
// protocol-buffer messages (udf.proto). Options: .field(string), .size(int), .as(string).
// Everything below the "protocol buffers" line is the generic part to copy into your own agent.

const state = { field: 'value', size: 10, as: 'avg', windows: new Map() };

/** The function itself: one point in, one point out. */
function onPoint(point) {
  const value = point.fieldsDouble[state.field] ?? Number(point.fieldsInt[state.field] ?? NaN);
  if (Number.isNaN(value)) return undefined;
  const window = state.windows.get(point.group) ?? [];
  window.push(value);
  if (window.length > state.size) window.shift();
  state.windows.set(point.group, window);
  const avg = window.reduce((sum, v) => sum + v, 0) / window.length;
  return { ...point, fieldsDouble: { [state.as]: avg }, fieldsInt: {}, fieldsString: {}, fieldsBool: {} };
}

function onInit(options) {
  for (const option of options) {
    if (option.name === 'field') state.field = String(option.values[0]);
    if (option.name === 'size') state.size = Number(option.values[0]);
    if (option.name === 'as') state.as = String(option.values[0]);
  }
  return state.size > 0 ? '' : 'size must be positive';
}

// ---- protocol buffers: just what udf.proto needs ----
const TYPE = { BOOL: 0, INT: 1, DOUBLE: 2, STRING: 3, DURATION: 4 };

function varint(n) {
  let v = BigInt.asUintN(64, BigInt(n));
  const out = [];
  while (v > 0x7fn) { out.push(Number(v & 0x7fn) | 0x80); v >>= 7n; }
  out.push(Number(v));
  return Buffer.from(out);
}
const tag = (field, wireType) => varint(field * 8 + wireType);
const bytesField = (field, buf) => Buffer.concat([tag(field, 2), varint(buf.length), buf]);
const stringField = (field, text) => bytesField(field, Buffer.from(text, 'utf8'));
const intField = (field, n) => Buffer.concat([tag(field, 0), varint(n)]);
const doubleField = (field, d) => { const b = Buffer.alloc(8); b.writeDoubleLE(d); return Buffer.concat([tag(field, 1), b]); };
const mapField = (field, obj, value) => Object.entries(obj).map(([k, v]) => bytesField(field, Buffer.concat([stringField(1, k), value(v)])));

function reader(buf) {
  let pos = 0;
  const r = {
    varint() {
      let result = 0n; let shift = 0n;
      for (;;) { const b = buf[pos++]; result |= BigInt(b & 0x7f) << shift; if ((b & 0x80) === 0) return result; shift += 7n; }
    },
    bytes() { const n = Number(r.varint()); const out = buf.subarray(pos, pos + n); pos += n; return out; },
    double() { const d = buf.readDoubleLE(pos); pos += 8; return d; },
    /** Calls fn(field, wireType) for each field; fn returns false to skip the field. */
    each(fn) {
      while (pos < buf.length) {
        const key = Number(r.varint()); const field = key >> 3; const wireType = key & 7;
        if (fn(field, wireType)) continue;
        if (wireType === 0) r.varint(); else if (wireType === 1) pos += 8; else if (wireType === 2) r.bytes(); else pos += 4;
      }
    },
  };
  return r;
}

function mapEntry(buf, value) {
  const r = reader(buf); let key = ''; let v;
  r.each((f, wt) => { if (f === 1) { key = r.bytes().toString(); return true; } if (f === 2) { v = value(r, wt); return true; } return false; });
  return [key, v];
}

function decodePoint(buf) {
  const p = { time: 0n, name: '', database: '', retentionPolicy: '', group: '', dimensions: [], tags: {}, fieldsDouble: {}, fieldsInt: {}, fieldsString: {}, fieldsBool: {}, byName: false };
  const r = reader(buf);
  r.each((f) => {
    switch (f) {
      case 1: p.time = BigInt.asIntN(64, r.varint()); return true;
      case 2: p.name = r.bytes().toString(); return true;
      case 3: p.database = r.bytes().toString(); return true;
      case 4: p.retentionPolicy = r.bytes().toString(); return true;
      case 5: p.group = r.bytes().toString(); return true;
      case 6: p.dimensions.push(r.bytes().toString()); return true;
      case 7: { const [k, v] = mapEntry(r.bytes(), (e) => e.bytes().toString()); p.tags[k] = v ?? ''; return true; }
      case 8: { const [k, v] = mapEntry(r.bytes(), (e) => e.double()); p.fieldsDouble[k] = v ?? 0; return true; }
      case 9: { const [k, v] = mapEntry(r.bytes(), (e) => BigInt.asIntN(64, e.varint())); p.fieldsInt[k] = v ?? 0n; return true; }
      case 10: { const [k, v] = mapEntry(r.bytes(), (e) => e.bytes().toString()); p.fieldsString[k] = v ?? ''; return true; }
      case 11: p.byName = r.varint() !== 0n; return true;
      default: return false;
    }
  });
  return p;
}

function encodePoint(p) {
  return Buffer.concat([
    intField(1, p.time), stringField(2, p.name), stringField(3, p.database), stringField(4, p.retentionPolicy), stringField(5, p.group),
    ...p.dimensions.map((d) => stringField(6, d)),
    ...mapField(7, p.tags, (v) => stringField(2, v)),
    ...mapField(8, p.fieldsDouble, (v) => doubleField(2, v)),
    ...mapField(9, p.fieldsInt, (v) => intField(2, v)),
    ...mapField(10, p.fieldsString, (v) => stringField(2, v)),
    ...(p.byName ? [intField(11, 1)] : []),
  ]);
}

function decodeOptions(buf) {
  const options = [];
  const r = reader(buf);
  r.each((f) => {
    if (f !== 1) return false;
    const o = reader(r.bytes()); const option = { name: '', values: [] };
    o.each((of) => {
      if (of === 1) { option.name = o.bytes().toString(); return true; }
      if (of !== 2) return false;
      const v = reader(o.bytes()); let value;
      v.each((vf, vwt) => {
        switch (vf) {
          case 2: value = v.varint() !== 0n; return true;
          case 3: case 6: value = Number(BigInt.asIntN(64, v.varint())); return true;
          case 4: value = vwt === 1 ? v.double() : 0; return true;
          case 5: value = v.bytes().toString(); return true;
          default: return false;
        }
      });
      option.values.push(value);
      return true;
    });
    options.push(option);
    return true;
  });
  return options;
}

/** Writes one Response: its field number says which kind (1 info, 2 init, 17 point...). */
function respond(field, body) {
  const message = bytesField(field, body);
  process.stdout.write(Buffer.concat([varint(message.length), message]));
}

function optionInfo(name, type) {
  return bytesField(3, Buffer.concat([stringField(1, name), bytesField(2, intField(1, TYPE[type]))]));
}

function onRequest(buf) {
  const r = reader(buf);
  r.each((field) => {
    const body = r.bytes();
    switch (field) {
      case 1: // info: wants and provides a stream (edge type 0, the default), and its options
        respond(1, Buffer.concat([optionInfo('field', 'STRING'), optionInfo('size', 'INT'), optionInfo('as', 'STRING')]));
        return true;
      case 2: { // init
        const error = onInit(decodeOptions(body));
        respond(2, error === '' ? intField(1, 1) : stringField(2, error));
        return true;
      }
      case 3: { // keepalive: answer with the same time
        const k = reader(body); let time = 0n;
        k.each((f) => (f === 1 ? ((time = k.varint()), true) : false));
        respond(3, intField(1, time));
        return true;
      }
      case 4: respond(4, Buffer.alloc(0)); return true; // snapshot: this agent keeps no state across restarts
      case 5: respond(5, intField(1, 1)); return true; // restore
      case 17: {
        const out = onPoint(decodePoint(body));
        if (out !== undefined) respond(17, encodePoint(out));
        return true;
      }
      default: return true;
    }
  });
}

let pending = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    let length = 0; let scale = 1; let i = 0; let complete = false;
    for (; i < pending.length; i++) {
      const b = pending[i]; length += (b & 0x7f) * scale; scale *= 128;
      if ((b & 0x80) === 0) { complete = true; i++; break; }
    }
    if (!complete || pending.length < i + length) break;
    const message = pending.subarray(i, i + length);
    pending = pending.subarray(i + length);
    onRequest(message);
  }
});
process.stdin.on('end', () => process.exit(0));
