// The UDF wire codec and framing: request bytes checked against hand-encoded protobuf,
// response decoding of packed and unpacked repeated enums, int64 edge values, and frames
// cut from arbitrary chunks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader, frameMessage } from '../../src/udf/framing.js';
import { decodeResponse, encodeRequest, emptyPoint } from '../../src/udf/messages.js';
import { WireReader, WireWriter } from '../../src/udf/wire.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

test('management requests encode as udf.proto says', () => {
  assert.equal(hex(encodeRequest({ kind: 'info' })), '0a00');
  assert.equal(hex(encodeRequest({ kind: 'keepalive', time: 1n })), '1a020801');
  assert.equal(hex(encodeRequest({ kind: 'snapshot' })), '2200');
  // init { options { name "o" values { type DOUBLE doubleValue 1.0 } values { boolValue false } } }
  const init = encodeRequest({
    kind: 'init',
    options: [
      {
        name: 'o',
        values: [
          { type: 'DOUBLE', value: 1 },
          { type: 'BOOL', value: false },
        ],
      },
    ],
  });
  assert.equal(hex(init), '1216' + '0a14' + '0a016f' + '120b' + '0802' + '21000000000000f03f' + '12021000');
});

test('points carry time, tags and typed fields', () => {
  const point = emptyPoint();
  Object.assign(point, { time: 5n, name: 'm', tags: { h: 'a' }, fieldsDouble: { f: 0.5 }, fieldsInt: { i: -1n }, byName: true });
  const bytes = encodeRequest({ kind: 'point', point });
  // field 17, wire type 2 → tag 0x8a 0x01
  assert.equal(hex(bytes.subarray(0, 2)), '8a01');
  const body = hex(bytes.subarray(3));
  assert.ok(body.startsWith('0805' + '12016d'), body);
  assert.ok(body.includes('3a06' + '0a0168' + '120161'), 'tags map entry');
  assert.ok(body.includes('420c' + '0a0166' + '11000000000000e03f'), 'double field entry');
  assert.ok(body.includes('4a0e' + '0a0169' + '10ffffffffffffffffff01'), 'negative int64 takes ten bytes');
  assert.ok(body.endsWith('5801'), 'byName');
});

test('int64 varints round-trip at the edges', () => {
  for (const value of [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 1_700_000_000_123_456_789n]) {
    const bytes = new WireWriter().int64(value).finish();
    assert.equal(new WireReader(bytes).int64(), value);
  }
});

test('info responses decode with packed or unpacked value types', () => {
  // Response { info { wants BATCH, options { "x": [STRING, DURATION] } } }
  const option = new WireWriter()
    .tag(1, 2)
    .bytes(new Uint8Array([3, 4]))
    .finish(); // packed
  const entry = new WireWriter().tag(1, 2).string('x').tag(2, 2).bytes(option).finish();
  const info = new WireWriter().tag(1, 0).uvarint(1).tag(3, 2).bytes(entry).finish();
  const response = new WireWriter().tag(1, 2).bytes(info).finish();
  assert.deepEqual(decodeResponse(response), { kind: 'info', info: { wants: 'batch', provides: 'stream', options: { x: ['STRING', 'DURATION'] } } });
  const option2 = new WireWriter().tag(1, 0).uvarint(3).tag(1, 0).uvarint(4).finish(); // unpacked
  const entry2 = new WireWriter().tag(1, 2).string('x').tag(2, 2).bytes(option2).finish();
  const response2 = new WireWriter().tag(1, 2).bytes(new WireWriter().tag(3, 2).bytes(entry2).finish()).finish();
  assert.deepEqual(decodeResponse(response2), { kind: 'info', info: { wants: 'stream', provides: 'stream', options: { x: ['STRING', 'DURATION'] } } });
});

test('error, init and unknown fields', () => {
  const error = new WireWriter().tag(6, 2).bytes(new WireWriter().tag(1, 2).string('boom').finish()).finish();
  assert.deepEqual(decodeResponse(error), { kind: 'error', error: 'boom' });
  const init = new WireWriter().tag(99, 0).uvarint(7).tag(2, 2).bytes(new WireWriter().tag(2, 2).string('bad').finish()).finish();
  assert.deepEqual(decodeResponse(init), { kind: 'init', success: false, error: 'bad' });
  assert.throws(() => decodeResponse(new Uint8Array([0x0a, 0x05, 0x08])), /unexpected end/);
});

test('frames are cut from any chunking', () => {
  const big = new Uint8Array(300).fill(7);
  const stream = Buffer.concat([frameMessage(new Uint8Array([1, 2])), frameMessage(big), frameMessage(new Uint8Array(0))]);
  assert.equal(hex(stream.subarray(0, 3)), '020102');
  assert.equal(hex(stream.subarray(3, 5)), 'ac02', '300 as a uvarint');
  for (const size of [1, 2, 5, stream.length]) {
    const reader = new FrameReader();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i += size) out.push(...reader.push(stream.subarray(i, i + size)));
    assert.deepEqual(
      out.map((m) => m.length),
      [2, 300, 0],
    );
  }
  assert.throws(() => new FrameReader().push(Buffer.from('ffffffffffffffffffff', 'hex')), /corrupt|too large/);
});
