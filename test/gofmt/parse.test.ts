import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoDurationError, msToNanos, nanosToMs, parseGoDuration, parseGoDurationMs } from '../../src/gofmt/duration.js';
import { GoParseError, parseGoBool, parseGoFloat, parseGoInt } from '../../src/gofmt/strconv.js';

test('parseGoDuration accepts Go forms exactly', () => {
  const cases: Array<[string, bigint]> = [
    ['0', 0n],
    ['5s', 5_000_000_000n],
    ['30s', 30_000_000_000n],
    ['1478s', 1_478_000_000_000n],
    ['-5s', -5_000_000_000n],
    ['+5s', 5_000_000_000n],
    ['-0', 0n],
    ['5.0s', 5_000_000_000n],
    ['5.6s', 5_600_000_000n],
    ['5.s', 5_000_000_000n],
    ['.5s', 500_000_000n],
    ['1.004s', 1_004_000_000n],
    ['100.00100s', 100_001_000_000n],
    ['10ns', 10n],
    ['11us', 11_000n],
    ['12µs', 12_000n],
    ['12μs', 12_000n],
    ['13ms', 13_000_000n],
    ['14s', 14_000_000_000n],
    ['15m', 900_000_000_000n],
    ['16h', 57_600_000_000_000n],
    ['3h30m', 12_600_000_000_000n],
    ['10.5s4m', 250_500_000_000n],
    ['1h1m1s1ms1us1ns', 3_661_001_001_001n],
    ['1m0s', 60_000_000_000n],
    ['0.3333333333333333333h', 1_200_000_000_000n],
  ];
  for (const [text, ns] of cases) assert.equal(parseGoDuration(text), ns, text);
});

test('parseGoDuration rejects what Go rejects, with Go wording', () => {
  for (const text of ['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '1x', '10', 'x1s', '9223372036854775808ns']) {
    assert.throws(() => parseGoDuration(text), GoDurationError, text);
  }
  assert.throws(() => parseGoDuration('1d'), { message: 'time: unknown unit "d" in duration "1d"' });
  assert.throws(() => parseGoDuration('10'), { message: 'time: missing unit in duration "10"' });
  assert.throws(() => parseGoDuration(''), { message: 'time: invalid duration ""' });
});

test('millisecond conversions keep sub-millisecond parts', () => {
  assert.equal(parseGoDurationMs('1.5s'), 1500);
  assert.equal(parseGoDurationMs('1500us'), 1.5);
  assert.equal(nanosToMs(1_500_000n), 1.5);
  assert.equal(msToNanos(1.5), 1_500_000n);
  assert.equal(msToNanos(60_000), 60_000_000_000n);
});

test('parseGoBool takes the words strconv.ParseBool takes', () => {
  for (const word of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(parseGoBool(word), true);
  for (const word of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(parseGoBool(word), false);
  for (const word of ['yes', 'tRUE', '', 'on']) assert.throws(() => parseGoBool(word), GoParseError);
});

test('parseGoInt works like strconv.ParseInt(s, 0, 64)', () => {
  const cases: Array<[string, number]> = [
    ['0', 0],
    ['42', 42],
    ['-42', -42],
    ['+7', 7],
    ['0x1F', 31],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['0x_1f', 31],
    ['00', 0],
  ];
  for (const [text, value] of cases) assert.equal(parseGoInt(text), value, text);
  for (const text of ['', 'abc', '1.5', '08', '1__0', '1_', '0x', '_1', ' 1']) {
    assert.throws(
      () => parseGoInt(text),
      (error: unknown) => error instanceof GoParseError && error.reason === 'parse error',
      text,
    );
  }
  assert.throws(
    () => parseGoInt('9223372036854775808'),
    (error: unknown) => error instanceof GoParseError && error.reason === 'value out of range',
  );
});

test('parseGoFloat accepts decimal, exponent, inf and nan forms', () => {
  assert.equal(parseGoFloat('0.1'), 0.1);
  assert.equal(parseGoFloat('1e3'), 1000);
  assert.equal(parseGoFloat('.5'), 0.5);
  assert.equal(parseGoFloat('-Inf'), -Infinity);
  assert.ok(Number.isNaN(parseGoFloat('NaN')));
  assert.throws(() => parseGoFloat('abc'), GoParseError);
  assert.throws(
    () => parseGoFloat('1e999'),
    (error: unknown) => error instanceof GoParseError && error.reason === 'value out of range',
  );
});
