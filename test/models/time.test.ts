// Unit tests of the time module: exact RFC3339Nano formatting and parsing of epoch-ns times.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRFC3339Nano, parseRFC3339, toMillis } from '../../src/models/time.js';

test('formats as Go RFC3339Nano, dropping trailing zeros', () => {
  assert.equal(formatRFC3339Nano(0n), '1970-01-01T00:00:00Z');
  assert.equal(formatRFC3339Nano(1500000000123456789n), '2017-07-14T02:40:00.123456789Z');
  assert.equal(formatRFC3339Nano(1500000000100000000n), '2017-07-14T02:40:00.1Z');
  assert.equal(formatRFC3339Nano(-1n), '1969-12-31T23:59:59.999999999Z');
});

test('parses RFC3339 with fractions and offsets, exactly', () => {
  assert.equal(parseRFC3339('2017-07-14T02:40:00.123456789Z'), 1500000000123456789n);
  assert.equal(parseRFC3339('1970-01-01T01:00:00+01:00'), 0n);
  assert.equal(parseRFC3339('1970-01-01T00:00:01.5Z'), 1_500_000_000n);
  assert.equal(parseRFC3339('not a time'), undefined);
});

test('round-trips and converts to milliseconds', () => {
  for (const time of [0n, 1n, 999_999_999n, 1500000000123456789n, 4102444800000000001n]) {
    assert.equal(parseRFC3339(formatRFC3339Nano(time)), time);
  }
  assert.equal(toMillis(1_999_999n), 1);
  assert.equal(toMillis(-1n), -1);
});

test('years below 100 are not read as 19xx', () => {
  assert.equal(parseRFC3339('0001-01-01T00:00:00Z'), -62135596800000000000n);
  assert.equal(formatRFC3339Nano(-62135596800000000000n), '0001-01-01T00:00:00Z');
});
