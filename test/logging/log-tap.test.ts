import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogTap } from '../../src/logging/log-tap.js';

test('filters require every field to match, compared as strings', () => {
  const tap = new LogTap();
  const got: string[] = [];
  tap.subscribe({ task: 't1', lvl: 'error' }, (record) => got.push(String(record.msg)));
  tap.subscribe({}, (record) => got.push(`all:${String(record.msg)}`));
  tap.write('{"task":"t1","lvl":"error","msg":"a"}\n');
  tap.write('{"task":"t1","lvl":"info","msg":"b"}\n');
  tap.write('{"task":"t2","lvl":"error","msg":"c"}\n');
  assert.deepEqual(got, ['a', 'all:a', 'all:b', 'all:c']);
});

test('without subscribers nothing is parsed; bad lines are skipped', () => {
  const tap = new LogTap();
  tap.write('not json');
  const got: unknown[] = [];
  const stop = tap.subscribe({}, (record) => got.push(record));
  tap.write('not json\n');
  tap.write('{"n":1}\n');
  stop();
  stop();
  tap.write('{"n":2}\n');
  assert.deepEqual(got, [{ n: 1 }]);
  assert.equal(tap.subscriberCount, 0);
});

test('lvl=LEVEL+ keeps that level and the ones above it', () => {
  const tap = new LogTap();
  const got: string[] = [];
  tap.subscribe({ lvl: 'warn+', service: 'http' }, (record) => got.push(String(record.msg)));
  for (const [lvl, msg] of [
    ['debug', 'a'],
    ['info', 'b'],
    ['warn', 'c'],
    ['error', 'd'],
  ]) {
    tap.write(JSON.stringify({ lvl, msg, service: 'http' }) + '\n');
  }
  tap.write(JSON.stringify({ lvl: 'error', msg: 'other', service: 'kapacitor' }) + '\n');
  assert.deepEqual(got, ['c', 'd']);
});
