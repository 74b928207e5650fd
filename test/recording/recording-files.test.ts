// Recording file formats: .srpl (gzip, three lines per point, ns times) and .brpl (zip of JSON
// lines per query node), the zip archive itself, line-protocol formatting, and InfluxQL
// results turned into batches and points.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, gunzipSync, crc32 } from 'node:zlib';
import type { Point } from '../../src/models/point.js';
import { formatFloat, formatLine } from '../../src/lineprotocol/format.js';
import { resultToBatches, resultToPoints } from '../../src/influxql/result-batches.js';
import {
  decodeBatchLines,
  decodeBatchRecording,
  decodeStreamRecording,
  encodeBatchLine,
  encodeBatchRecording,
  encodeStreamRecording,
  groupId,
  ZERO_TIME,
} from '../../src/recording/recording-files.js';
import { readZip, writeZip } from '../../src/recording/zip-archive.js';

const S = 1_000_000_000n;

test('line protocol: sorted tags, escapes, typed fields, precision', () => {
  assert.equal(
    formatLine('c p,u', { z: 'a b', a: 'x=y' }, { f: 1.5, i: 3n, s: 'q"\\', b: true }, 1_500_000_000n),
    'c\\ p\\,u,a=x\\=y,z=a\\ b b=true,f=1.5,i=3i,s="q\\"\\\\" 1500000000',
  );
  assert.equal(formatLine('m', {}, { v: 1 }, 1_500_000_000n, S), 'm v=1 1');
  assert.equal(formatLine('m', {}, { v: 1 }, -1n, S), 'm v=1 -1');
  assert.equal(formatFloat(1e21), '1000000000000000000000');
  assert.equal(formatFloat(1.5e-7), '0.00000015');
  assert.equal(formatFloat(-2.5e22), '-25000000000000000000000');
});

test('.srpl round trip keeps database, retention policy and exact nanosecond times', () => {
  const points: Point[] = [
    { name: 'cpu', tags: { host: 'a' }, fields: { value: 1.25, n: 7n }, time: 1_700_000_000_123_456_789n, database: 'db', retentionPolicy: 'rp' },
    { name: 'mem', tags: {}, fields: { used: 'x y' }, time: 31_536_000n * S, database: 'db2', retentionPolicy: 'autogen' },
  ];
  const file = encodeStreamRecording(points);
  assert.equal(gunzipSync(file).toString(), 'db\nrp\ncpu,host=a n=7i,value=1.25 1700000000123456789\ndb2\nautogen\nmem used="x y" 31536000000000000\n');
  assert.deepEqual(decodeStreamRecording(file), points);
  // plain-text files in seconds (as test data is often kept) read too
  assert.equal(decodeStreamRecording(Buffer.from('db\nrp\nm v=1 10\n'), 's')[0]!.time, 10n * S);
  assert.throws(() => decodeStreamRecording(Buffer.from('db\nrp\n')), /expected another line/);
});

test(".brpl round trip: one zip entry per source, JSON lines with Kapacitor's keys", () => {
  const batch = {
    name: 'cpu',
    tmax: 20n * S,
    tags: { host: 'a' },
    byName: false,
    points: [{ fields: { value: 2 }, tags: { host: 'a' }, time: 10n * S }],
  };
  const line = JSON.parse(encodeBatchLine(batch));
  assert.deepEqual(line, {
    name: 'cpu',
    tmax: '1970-01-01T00:00:20Z',
    group: 'host=a',
    tags: { host: 'a' },
    points: [{ fields: { value: 2 }, tags: { host: 'a' }, time: '1970-01-01T00:00:10Z' }],
  });
  const empty = { name: 'cpu', tmax: ZERO_TIME, tags: {}, byName: true, points: [] };
  const file = encodeBatchRecording([[batch], [empty, batch]]);
  const decoded = decodeBatchRecording(file);
  assert.equal(decoded.length, 2);
  assert.deepEqual(decoded[0], [batch]);
  assert.deepEqual(decoded[1]![0], empty);
  // points without tags take the batch's tags; integers come back as floats
  const [fromKapacitor] = decodeBatchLines(
    '{"name":"m","tmax":"1971-01-01T00:00:10Z","tags":{"k":"v"},"points":[{"fields":{"v":3},"tags":null,"time":"1971-01-01T00:00:01Z"}]}\n',
  );
  assert.deepEqual(fromKapacitor!.points[0]!.tags, { k: 'v' });
  assert.equal(typeof fromKapacitor!.points[0]!.fields.v, 'number');
  assert.equal(groupId({ name: 'm', tags: { b: '2', a: '1' }, byName: true }), 'm\na=1,b=2');
  assert.equal(groupId({ name: 'm', tags: {}, byName: false }), '');
});

test('zip: reads stored entries and entries whose sizes are only in the central directory', () => {
  const entries = [
    { name: '0', data: Buffer.from('hello') },
    { name: '1', data: Buffer.alloc(0) },
  ];
  assert.deepEqual(readZip(writeZip(entries)), entries);

  // Hand-built archive: entry "0" deflated with a data descriptor (sizes 0 in the local header),
  // as Go's archive/zip writes it.
  const data = Buffer.from('{"name":"x"}\n');
  const compressed = deflateRawSync(data);
  const name = Buffer.from('0');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(1, 26);
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc32(data) >>> 0, 4);
  descriptor.writeUInt32LE(compressed.length, 8);
  descriptor.writeUInt32LE(data.length, 12);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data) >>> 0, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(1, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + name.length + compressed.length + descriptor.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  const archive = Buffer.concat([local, name, compressed, descriptor, central, name, end]);
  assert.deepEqual(readZip(archive), [{ name: '0', data }]);
  assert.throws(() => readZip(Buffer.from('not a zip at all, clearly not')), /not a valid zip/);
});

test('query results become batches (one per series) and time-ordered points', () => {
  const result = {
    series: [
      {
        name: 'cpu',
        tags: { host: 'a' },
        columns: ['time', 'mean', 'max'],
        values: [
          ['1970-01-01T00:00:02Z', 1, null],
          ['1970-01-01T00:00:04Z', null, null],
          ['1970-01-01T00:00:06Z', 2, 5],
        ],
      },
      { name: 'cpu', tags: { host: 'b' }, columns: ['time', 'mean', 'max'], values: [['1970-01-01T00:00:03Z', 3, 3]] },
    ],
  };
  const batches = resultToBatches(result, true);
  assert.equal(batches.length, 2);
  assert.deepEqual(
    batches[0]!.points.map((p) => [p.time, p.fields]),
    [
      [2n * S, { mean: 1 }],
      [6n * S, { mean: 2, max: 5 }],
    ],
  );
  assert.equal(batches[0]!.tmax, 6n * S);
  assert.equal(batches[0]!.byName, true);
  const points = resultToPoints(result, 'db', 'rp');
  assert.deepEqual(
    points.map((p) => [p.tags.host, p.time]),
    [
      ['a', 2n * S],
      ['b', 3n * S],
      ['a', 6n * S],
    ],
  );
  assert.equal(points[0]!.database, 'db');
  assert.throws(() => resultToBatches({ error: 'boom' }, false), /boom/);
  const empty = resultToBatches({ series: [{ name: 'cpu', columns: ['time', 'count'], values: [['1970-01-01T00:00:00Z', null]] }] }, false);
  assert.deepEqual([empty[0]!.points.length, empty[0]!.tmax], [0, ZERO_TIME]);
});
