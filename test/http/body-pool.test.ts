// Unit tests of the reused request-body buffers: sizes, giving back, and what is never pooled.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BodyPool, lendBody, POOLED_BODY_BYTES, returnBody } from '../../src/http/body-pool.js';

test('a taken buffer has the asked size and is reused once given back', () => {
  const pool = new BodyPool();
  const first = pool.take(1000)!;
  assert.equal(first.length, 1000);
  first.write('first body');
  pool.release(first);
  assert.equal(pool.idle, 1);
  const second = pool.take(POOLED_BODY_BYTES)!;
  assert.equal(second.length, POOLED_BODY_BYTES);
  assert.equal(second.buffer, first.buffer);
  assert.equal(pool.idle, 0);
});

test('two bodies out at once never share memory, and a body given back twice is pooled once', () => {
  const pool = new BodyPool();
  const a = pool.take(10)!;
  const b = pool.take(10)!;
  assert.notEqual(a.buffer, b.buffer);
  pool.release(a);
  pool.release(a);
  assert.equal(pool.idle, 1);
  const c = pool.take(10)!;
  const d = pool.take(10)!;
  assert.equal(c.buffer, a.buffer);
  assert.notEqual(d.buffer, a.buffer);
  assert.notEqual(d.buffer, b.buffer);
});

test('bodies too large or empty are not pooled, and foreign buffers are not taken in', () => {
  const pool = new BodyPool();
  assert.equal(pool.take(POOLED_BODY_BYTES + 1), undefined);
  assert.equal(pool.take(0), undefined);
  pool.release(Buffer.alloc(16));
  pool.release(Buffer.allocUnsafeSlow(POOLED_BODY_BYTES));
  assert.equal(pool.idle, 0);
});

test('at most eight idle buffers are kept', () => {
  const pool = new BodyPool();
  const out = Array.from({ length: 12 }, () => pool.take(100)!);
  for (const body of out) pool.release(body);
  assert.equal(pool.idle, 8);
});

test('a request gives its body back to the pool it was lent from, once', () => {
  const pool = new BodyPool();
  const request = {};
  const body = pool.take(64)!;
  lendBody(request, pool);
  returnBody(request, body);
  assert.equal(pool.idle, 1);
  pool.take(64);
  returnBody(request, body);
  assert.equal(pool.idle, 0);
  // a request that was lent nothing gives nothing back
  returnBody({}, body);
  assert.equal(pool.idle, 0);
});
