import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaError } from '../../../src/tick/lambda/index.js';
import { randomBelow, randomInt63 } from '../../../src/tick/lambda/functions/random.js';
import { call, evalOnce, float, int, str } from './ast-builders.js';

test('rand() gives non-negative 63-bit integers that vary', () => {
  const seen = new Set<bigint>();
  for (let i = 0; i < 50; i++) {
    const value = evalOnce(call('rand'));
    assert.equal(typeof value, 'bigint');
    assert.ok((value as bigint) >= 0n && (value as bigint) < 1n << 63n);
    seen.add(value as bigint);
  }
  assert.ok(seen.size > 45, 'values repeat far too often');
  let highBits = false;
  for (let i = 0; i < 50 && !highBits; i++) highBits = randomInt63() >= 1n << 62n;
  assert.ok(highBits, 'the top bit of the 63 is never set');
});

test('rand(n) stays within [0, n) and covers it; n <= 0 gives 0', () => {
  const counts = new Array<number>(20).fill(0);
  for (let i = 0; i < 2000; i++) {
    const value = evalOnce(call('rand', int(20n))) as bigint;
    assert.ok(value >= 0n && value < 20n, `rand(20) gave ${value}`);
    counts[Number(value)]!++;
  }
  assert.ok(
    counts.every((c) => c > 0),
    `some values never came: ${counts.join(',')}`,
  );
  assert.equal(evalOnce(call('rand', int(1n))), 0n);
  assert.equal(evalOnce(call('rand', int(0n))), 0n);
  assert.equal(evalOnce(call('rand', int(-5n))), 0n);
  assert.equal(
    randomBelow(8n, () => 13n),
    5n,
  );
});

test('rand(n) rejects draws that would bias the result', () => {
  const draws = [(1n << 63n) - 1n, 7n];
  assert.equal(
    randomBelow(3n, () => draws.shift()!),
    1n,
  );
  assert.equal(draws.length, 0);
});

test('rand only takes an integer', () => {
  assert.throws(
    () => evalOnce(call('rand', float(2))),
    (err: unknown) => err instanceof LambdaError && /rand/.test((err as Error).message),
  );
  assert.throws(() => evalOnce(call('rand', str('x'))), LambdaError);
});
