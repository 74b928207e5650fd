import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration } from '../../../src/gofmt/duration.js';
import { formatFloatF, formatFloatV } from '../../../src/gofmt/float.js';
import { formatInfluxqlDuration, parseInfluxqlDuration } from '../../../src/gofmt/influxql-duration.js';
import { goQuote } from '../../../src/gofmt/quote.js';
import { parseGoFloat, parseGoInt64 } from '../../../src/gofmt/strconv.js';
import { GoRegex } from '../../../src/tick/lambda/regex.js';
import { erf, erfc, gamma, jn, logb, yn } from '../../../src/tick/lambda/functions/special-math.js';

test('Go float formats', () => {
  assert.equal(formatFloatV(1), '1');
  assert.equal(formatFloatV(2.5), '2.5');
  assert.equal(formatFloatV(1e6), '1e+06');
  assert.equal(formatFloatV(0.00001), '1e-05');
  assert.equal(formatFloatF(1e-7), '0.0000001');
  assert.equal(formatFloatF(-123.25), '-123.25');
  assert.equal(formatFloatF(NaN), 'NaN');
});

test('Go and influxql durations', () => {
  assert.equal(formatGoDuration(15_000n), '15µs');
  assert.equal(formatGoDuration(3_600_000_000_000n), '1h0m0s');
  assert.equal(formatGoDuration(1_500_000_000n), '1.5s');
  assert.equal(formatInfluxqlDuration(90n * 60_000_000_000n), '90m');
  assert.equal(formatInfluxqlDuration(1500n), '1500ns');
  assert.equal(parseInfluxqlDuration('1h30m'), 5_400_000_000_000n);
  assert.equal(parseInfluxqlDuration('-10ms'), -10_000_000n);
  assert.equal(parseInfluxqlDuration('10x'), undefined);
});

test('strconv parsing', () => {
  assert.equal(parseGoInt64('-12'), -12n);
  assert.throws(() => parseGoInt64('9223372036854775808'), /value out of range/);
  assert.equal(parseGoFloat('-Inf'), -Infinity);
  assert.equal(parseGoFloat('.5e1'), 5);
  assert.equal(goQuote('a"\n'), '"a\\"\\n"');
});

test('Go regex translation and ReplaceAllString', () => {
  assert.equal(new GoRegex('\\Aab\\z').test('ab'), true);
  assert.equal(new GoRegex('\\Aab\\z').test('ab\n'), false);
  assert.equal(new GoRegex('[[:digit:]]+').test('a1'), true);
  assert.equal(new GoRegex('a.c').test('a\rc'), true);
  assert.equal(new GoRegex('\\s').test('\u00a0'), false);
  assert.equal(new GoRegex('\\Qa.b\\E').test('axb'), false);
  assert.equal(new GoRegex('\\#x\\:').test('#x:'), true);
  assert.equal(new GoRegex('a*').replaceAll('baaac', '-'), '-b-c-');
  assert.equal(new GoRegex('(?P<y>\\d+)').replaceAll('x12', '[$y]$$'), 'x[12]$');
});

test('special math functions', () => {
  assert.ok(Math.abs(erf(0.5) - 0.5204998778130465) < 1e-14);
  assert.ok(Math.abs(erfc(4) - 1.541725790028002e-8) < 1e-20);
  assert.equal(gamma(5), 24);
  assert.ok(Math.abs(gamma(0.5) - Math.sqrt(Math.PI)) < 1e-14);
  assert.equal(logb(0.75), -1);
  assert.equal(jn(0, 0), 1);
  assert.ok(Math.abs(jn(0, 2.404825557695773)) < 1e-12);
  assert.ok(Math.abs(jn(1, 20) - 0.06683312417584993) < 1e-10);
  assert.ok(Math.abs(jn(5, 3) - 0.04302843487704758) < 1e-12);
  assert.ok(Math.abs(yn(0, 1) - 0.08825696421567697) < 1e-12);
  assert.ok(Math.abs(yn(2, 15) + 0.20265447896733) < 1e-9);
  assert.equal(yn(0, 0), -Infinity);
});
