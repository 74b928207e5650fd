// Unit tests of the byte-keyed hash table behind the parser's series cache: lookups by byte
// range, growth, keys that differ in one byte or only in length, and the bounded probing
// that leaves colliding keys uncached instead of chaining them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteKeyTable, hashBytes } from '../../src/lineprotocol/byte-key-table.js';

function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function hashOf(text: string): number {
  const bytes = Buffer.from(text);
  return hashBytes(viewOf(bytes), bytes, 0, bytes.length);
}

test('the hash reads a byte range wherever it sits, and differs for one changed byte or length', () => {
  const body = Buffer.from('xxcpu,host=a v=1\ncpu,host=a v=2');
  const view = viewOf(body);
  const first = hashBytes(view, body, 2, 12);
  assert.equal(hashBytes(view, body, 17, 27), first);
  assert.equal(hashOf('cpu,host=a'), first);
  assert.notEqual(hashOf('cpu,host=b'), first);
  assert.notEqual(hashOf('cpu,host=a\0'), first);
  assert.notEqual(hashOf('cpu,host='), first);
  assert.equal(hashOf(''), hashOf(''));
});

test('values are found by the bytes of their key, in any buffer and at any offset', () => {
  const table = new ByteKeyTable<string>();
  const keys = Array.from({ length: 5_000 }, (_, i) => `cpu,host=host-${i},region=r${i % 7}`);
  for (const key of keys) {
    const bytes = Buffer.from(`   ${key}`);
    assert.ok(table.set(bytes, 3, bytes.length, hashBytes(viewOf(bytes), bytes, 3, bytes.length), key.toUpperCase()));
  }
  assert.equal(table.size, 5_000);
  const body = Buffer.from(keys.map((key) => `${key} v=1`).join('\n'));
  const view = viewOf(body);
  let start = 0;
  for (const key of keys) {
    const end = start + Buffer.byteLength(key);
    assert.equal(table.get(view, body, start, end, hashBytes(view, body, start, end)), key.toUpperCase());
    start = end + 5;
  }
  for (const missing of ['cpu,host=host-1', 'cpu,host=host-1,region=r2', 'cpu,host=host-5000,region=r2', '']) {
    const bytes = Buffer.from(missing);
    assert.equal(table.get(viewOf(bytes), bytes, 0, bytes.length, hashOf(missing)), undefined, missing);
  }
});

test('the table keeps no reference to the buffers it was given', () => {
  const table = new ByteKeyTable<number>();
  const bytes = Buffer.from('mem,host=a');
  table.set(bytes, 0, bytes.length, hashOf('mem,host=a'), 1);
  bytes.fill(0);
  const again = Buffer.from('mem,host=a');
  assert.equal(table.get(viewOf(again), again, 0, again.length, hashOf('mem,host=a')), 1);
});

test('keys whose hashes collide are told apart by their bytes, and past the probe bound are not stored', () => {
  const table = new ByteKeyTable<number>();
  const hash = 12345;
  const stored: string[] = [];
  for (let i = 0; i < 100; i++) {
    const key = `k${i}`;
    const bytes = Buffer.from(key);
    if (table.set(bytes, 0, bytes.length, hash, i)) stored.push(key);
  }
  assert.equal(stored.length, 64);
  stored.forEach((key, i) => {
    const bytes = Buffer.from(key);
    assert.equal(table.get(viewOf(bytes), bytes, 0, bytes.length, hash), i);
  });
  const late = Buffer.from('k99');
  assert.equal(table.get(viewOf(late), late, 0, late.length, hash), undefined);
});

test('a quarter of a million keys are all stored and found again', () => {
  const table = new ByteKeyTable<number>();
  const count = 250_000;
  const body = Buffer.from(Array.from({ length: count }, (_, i) => `gen,s=r${i}`).join('\n'));
  const view = viewOf(body);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(10, start) === -1 ? body.length : body.indexOf(10, start);
    ranges.push([start, end]);
    assert.ok(table.set(body, start, end, hashBytes(view, body, start, end), i));
    start = end + 1;
  }
  assert.equal(table.size, count);
  ranges.forEach(([from, to], i) => assert.equal(table.get(view, body, from, to, hashBytes(view, body, from, to)), i));
});
