import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  byteLength,
  formatDbrps,
  formatVarValue,
  goJsonMarshal,
  humanizeBytes,
  padLeft,
  padRight,
  rfc822,
  rfc822Local,
} from '../../../src/cli/commands/go-format.js';
import { formatFloatV as goFloat } from '../../../src/gofmt/float.js';

test('padding counts runes; byteLength counts UTF-8 bytes as Go len does', () => {
  assert.equal(padRight('ab', 5), 'ab   ');
  assert.equal(padRight('abcdef', 3), 'abcdef');
  assert.equal(padLeft('42', 5), '   42');
  assert.equal(padRight('né', 4), 'né  ');
  assert.equal(byteLength('né'), 3);
});

test('floats print as fmt %v does', () => {
  assert.equal(goFloat(2), '2');
  assert.equal(goFloat(0.5), '0.5');
  assert.equal(goFloat(123456), '123456');
  assert.equal(goFloat(1e6), '1e+06');
  assert.equal(goFloat(1234567), '1.234567e+06');
  assert.equal(goFloat(0.0001), '0.0001');
  assert.equal(goFloat(0.00001), '1e-05');
  assert.equal(goFloat(-2.5e-7), '-2.5e-07');
  assert.equal(goFloat(1e21), '1e+21');
});

test('RFC822 dates: in their own zone, Go zero time, numeric zones', () => {
  assert.equal(rfc822('2026-11-24T09:04:05.123456789Z'), '24 Nov 26 09:04 UTC');
  assert.equal(rfc822('0001-01-01T00:00:00Z'), '01 Jan 01 00:00 UTC');
  assert.equal(rfc822('2016-03-01T23:59:00+01:00'), '01 Mar 16 23:59 +0100');
  assert.equal(rfc822(''), '01 Jan 01 00:00 UTC');
});

test('local RFC822 dates convert to the machine zone', () => {
  const expected = new Date(Date.UTC(2026, 10, 24, 9, 4));
  const text = rfc822Local('2026-11-24T09:04:00Z');
  const two = (n: number) => String(n).padStart(2, '0');
  assert.ok(text.startsWith(`${two(expected.getDate())} Nov 26 ${two(expected.getHours())}:${two(expected.getMinutes())} `), text);
  assert.equal(rfc822Local('0001-01-01T00:00:00Z'), '01 Jan 01 00:00 UTC');
});

test('sizes print as go-humanize Bytes', () => {
  assert.equal(humanizeBytes(0), '0 B');
  assert.equal(humanizeBytes(9), '9 B');
  assert.equal(humanizeBytes(999), '999 B');
  assert.equal(humanizeBytes(1500), '1.5 kB');
  assert.equal(humanizeBytes(15000), '15 kB');
  assert.equal(humanizeBytes(1980353), '2.0 MB');
  assert.equal(humanizeBytes(216819562), '217 MB');
});

test('DBRP lists print as fmt prints []client.DBRP', () => {
  assert.equal(formatDbrps([]), '[]');
  assert.equal(formatDbrps(undefined), '[]');
  assert.equal(
    formatDbrps([
      { db: 'telegraf', rp: 'autogen' },
      { db: 'a', rp: 'b' },
    ]),
    '["telegraf"."autogen" "a"."b"]',
  );
});

test('JSON is marshalled with sorted keys and HTML escapes', () => {
  assert.equal(
    goJsonMarshal({ url: 'http://x/?a=1&b=<2>', channel: '#alerts', nested: { z: 1, a: [true, null] } }),
    '{"channel":"#alerts","nested":{"a":[true,null],"z":1},"url":"http://x/?a=1\\u0026b=\\u003c2\\u003e"}',
  );
  assert.equal(goJsonMarshal(null), 'null');
});

test('var values print by type', () => {
  assert.equal(formatVarValue({ type: 'duration', value: '10s' }), '10s');
  assert.equal(formatVarValue({ type: 'duration', value: '1m' }), '1m0s');
  assert.equal(formatVarValue({ type: 'duration', value: 90_000_000_000 }), '1m30s');
  assert.equal(formatVarValue({ type: 'float', value: 80 }), '80');
  assert.equal(formatVarValue({ type: 'float', value: 0.25 }), '0.25');
  assert.equal(formatVarValue({ type: 'int', value: 7 }), '7');
  assert.equal(formatVarValue({ type: 'bool', value: true }), 'true');
  assert.equal(formatVarValue({ type: 'string', value: 'cpu' }), 'cpu');
  assert.equal(formatVarValue({ type: 'lambda', value: '"value" > 10' }), '"value" > 10');
  assert.equal(formatVarValue({ type: 'list', value: [{ type: 'string', value: 'host' }, { type: 'star' }] }), '[host, *]');
  assert.equal(formatVarValue({ type: 'string' }), '<nil>');
});
