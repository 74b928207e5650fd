// Line ends as InfluxDB's scanner finds them, and slices cut at them: a string field spanning
// lines is never split, and parsing a body slice by slice gives exactly what parsing it whole
// gives (points in order, the same error texts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineEnd, sliceEnd, textLineEnd } from '../../src/lineprotocol/line-boundary.js';
import { parsePoints } from '../../src/lineprotocol/parse.js';

const options = { precision: '', defaultTime: 0n, database: 'db', retentionPolicy: 'rp' };

function ends(text: string): number[] {
  const bytes = Buffer.from(text);
  const found: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const end = lineEnd(bytes, i);
    assert.equal(textLineEnd(text, i), end);
    found.push(end);
    i = end + 1;
  }
  return found;
}

test('a newline inside a quoted string field does not end the line', () => {
  assert.deepEqual(ends('m s="a\nb" 1\nm v=1 2\n'), [11, 19]);
});

test('quotes in the measurement, tags and field keys are plain text', () => {
  assert.deepEqual(ends('m"x,t="y v=1\nm v=2\n'), [12, 18]);
  assert.deepEqual(ends('m a"b=1\nm v=2\n'), [7, 13]);
});

test('an escaped quote stays inside the string; an escaped newline joins lines', () => {
  assert.deepEqual(ends('m s="a\\"\nb" 1\nm v=1\n'), [13, 19]);
  assert.deepEqual(ends('m,t=a\\\nb v=1\nm v=2\n'), [12, 18]);
});

test('a second string field after a comma opens quotes again', () => {
  assert.deepEqual(ends('m a="x",b="y\nz" 1\nm v=1\n'), [17, 23]);
});

test('an unbalanced quote runs to the end of the body', () => {
  assert.deepEqual(ends('m s="open\nm v=1\n'), [16]);
});

test('sliceEnd cuts just past a line end at or after the size, never inside a string', () => {
  const body = Buffer.from('m v=1\n' + 'm s="aaaa\nbbbb" 1\n' + 'm v=2\n');
  assert.equal(sliceEnd(body, 0, 3), 6);
  assert.equal(sliceEnd(body, 0, 8), 24);
  assert.equal(sliceEnd(body, 6, 4), 24);
  assert.equal(sliceEnd(body, 0, 1000), body.length);
});

function parseSliced(body: Buffer, size: number) {
  const points = [];
  const errors = [];
  for (let start = 0; start < body.length;) {
    const end = sliceEnd(body, start, size);
    const result = parsePoints(body.subarray(start, end), options);
    points.push(...result.points);
    errors.push(...result.errors);
    start = end;
  }
  return { points, errors };
}

test('parsing slice by slice equals parsing whole, for strings spanning lines and bad lines', () => {
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    switch (i % 7) {
      case 0:
        lines.push(`m,host=h${i % 5} s="first\nsecond ${i}\n\\"quoted\\"",n=${i}i ${i}`);
        break;
      case 1:
        lines.push(`m,host=h${i % 5} v=${i} ${i}`);
        break;
      case 2:
        lines.push(`m v=`);
        break;
      case 3:
        lines.push(`m,t=a\\ b v="x,y=z",w=${i} ${i}`);
        break;
      case 4:
        lines.push(`m v=1 notatime`);
        break;
      case 5:
        lines.push(`# comment "with quote`);
        break;
      default:
        lines.push(`m,host=é s="naïve\n",n=${i} ${i}`);
        break;
    }
  }
  const text = lines.join('\n') + '\n';
  const body = Buffer.from(text);
  const whole = parsePoints(text, options);
  assert.ok(whole.points.length > 1500);
  for (const size of [1, 100, 1000, 4096, 60 * 1024]) {
    const sliced = parseSliced(body, size);
    assert.deepEqual(sliced.points, whole.points, `slice size ${size}`);
    assert.deepEqual(sliced.errors, whole.errors, `slice size ${size}`);
  }
  // Buffers over the parser's piece size are pieced at the same line ends.
  const big = Buffer.from(text.repeat(4));
  const bigWhole = parsePoints(text.repeat(4), options);
  const bigParsed = parsePoints(big, options);
  assert.deepEqual(bigParsed.points, bigWhole.points);
  assert.deepEqual(bigParsed.errors, bigWhole.errors);
});
