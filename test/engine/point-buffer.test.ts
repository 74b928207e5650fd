// Unit tests of the compact per-group point buffer windows keep: what goes in comes out (times,
// fields with their types and key order, tags), whichever storage the points ended up in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PointBuffer } from '../../src/engine/point-buffer.js';

const a = Object.freeze({ host: 'a' });
const b = Object.freeze({ host: 'b' });

test('float points are handed back as they were pushed, with the first layout shared', () => {
  const buffer = new PointBuffer();
  buffer.push(1n, { x: 1.5, y: -0 }, a);
  buffer.push(2n, { x: 2, y: 3.25 }, a);
  assert.equal(buffer.length, 2);
  assert.deepEqual(buffer.layout, ['x', 'y']);
  const points = buffer.points();
  assert.deepEqual(points, [
    { time: 1n, fields: { x: 1.5, y: -0 }, tags: a },
    { time: 2n, fields: { x: 2, y: 3.25 }, tags: a },
  ]);
  assert.ok(Object.is(points[0]!.fields.y, -0));
  assert.equal(points[0]!.tags, a);
  // a second buffer reuses the layout array it is given
  const other = new PointBuffer();
  other.push(3n, { x: 0, y: 1 }, b, buffer.layout);
  assert.equal(other.layout, buffer.layout);
});

test('a point with other keys, another key order or a non-float value keeps every field exactly', () => {
  const buffer = new PointBuffer();
  buffer.push(1n, { x: 1, y: 2 }, a);
  buffer.push(2n, { y: 3, x: 4 }, a);
  buffer.push(3n, { x: 5n, s: 'text', ok: true }, a);
  buffer.push(4n, { x: 6, y: 7 }, a);
  assert.equal(buffer.layout, undefined);
  const points = buffer.points();
  assert.deepEqual(
    points.map((p) => p.fields),
    [
      { x: 1, y: 2 },
      { y: 3, x: 4 },
      { x: 5n, s: 'text', ok: true },
      { x: 6, y: 7 },
    ],
  );
  assert.deepEqual(Object.keys(points[1]!.fields), ['y', 'x']);
  // emptied, the buffer is compact again
  buffer.dropFirst(4);
  buffer.push(5n, { x: 1, y: 1 }, a);
  assert.deepEqual(buffer.layout, ['x', 'y']);
});

test('tags are per point once they differ; dropping from the front keeps the rest in order', () => {
  const buffer = new PointBuffer();
  buffer.push(1n, { v: 1 }, a);
  buffer.push(2n, { v: 2 }, a);
  buffer.push(3n, { v: 3 }, b);
  buffer.push(4n, { v: 4 }, a);
  assert.deepEqual(
    buffer.points().map((p) => p.tags.host),
    ['a', 'a', 'b', 'a'],
  );
  buffer.dropFirst(2);
  assert.equal(buffer.length, 2);
  assert.equal(buffer.timeAt(0), 3n);
  assert.deepEqual(buffer.points(), [
    { time: 3n, fields: { v: 3 }, tags: b },
    { time: 4n, fields: { v: 4 }, tags: a },
  ]);
  buffer.push(5n, { v: 5 }, b);
  assert.deepEqual(
    buffer.points().map((p) => [p.time, p.fields.v, p.tags.host]),
    [
      [3n, 3, 'b'],
      [4n, 4, 'a'],
      [5n, 5, 'b'],
    ],
  );
});

test('points without fields, or with a field named __proto__, are kept as objects', () => {
  const buffer = new PointBuffer();
  buffer.push(1n, {}, a);
  const odd = JSON.parse('{"__proto__": 1, "x": 2}') as Record<string, number>;
  buffer.push(2n, odd, a);
  const points = buffer.points();
  assert.deepEqual(points[0]!.fields, {});
  assert.equal(points[1]!.fields, odd);
});

test('a buffer emptied whole and filled again hands back exactly the new points, however many come', () => {
  const buffer = new PointBuffer();
  for (let i = 0; i < 5; i++) buffer.push(BigInt(i), { x: i, y: i + 0.5 }, a);
  buffer.dropFirst(5);
  assert.equal(buffer.length, 0);
  assert.deepEqual(buffer.points(), []);
  // fewer points than the last time: no presized slot shows
  buffer.push(10n, { x: 10, y: 10.5 }, a);
  buffer.push(11n, { x: 11, y: 11.5 }, a);
  assert.equal(buffer.length, 2);
  assert.deepEqual(buffer.points(), [
    { time: 10n, fields: { x: 10, y: 10.5 }, tags: a },
    { time: 11n, fields: { x: 11, y: 11.5 }, tags: a },
  ]);
  buffer.dropFirst(1);
  assert.deepEqual(buffer.points(), [{ time: 11n, fields: { x: 11, y: 11.5 }, tags: a }]);
  buffer.clear();
  // more points than the last time, then a point that leaves the compact layout
  for (let i = 0; i < 4; i++) buffer.push(BigInt(20 + i), { x: i, y: -i }, a);
  buffer.push(24n, { x: 'text' }, b);
  const points = buffer.points();
  assert.equal(points.length, 5);
  assert.deepEqual(
    points.map((p) => [p.time, p.fields, p.tags.host]),
    [
      [20n, { x: 0, y: -0 }, 'a'],
      [21n, { x: 1, y: -1 }, 'a'],
      [22n, { x: 2, y: -2 }, 'a'],
      [23n, { x: 3, y: -3 }, 'a'],
      [24n, { x: 'text' }, 'b'],
    ],
  );
  assert.equal(buffer.timeAt(4), 24n);
});

test('a point with the layout keys but a value of another type, at any position, turns the buffer into objects', () => {
  for (const odd of [
    { x: 'text', y: 2 },
    { x: 1, y: 2n },
    { x: 1, y: true },
  ]) {
    const buffer = new PointBuffer();
    const hint = ['x', 'y'];
    buffer.push(1n, { x: 1, y: 2 }, a, hint);
    assert.equal(buffer.layout, hint, 'the hint is shared');
    buffer.push(2n, odd, a, hint);
    buffer.push(3n, { x: 5, y: 6 }, a, hint);
    assert.equal(buffer.layout, undefined);
    assert.deepEqual(
      buffer.points().map((p) => p.fields),
      [{ x: 1, y: 2 }, odd, { x: 5, y: 6 }],
    );
    // a first point that does not fit the hint's types starts as objects
    buffer.clear();
    buffer.push(4n, odd, a, hint);
    buffer.push(5n, { x: 7, y: 8 }, a, hint);
    assert.deepEqual(
      buffer.points().map((p) => p.fields),
      [odd, { x: 7, y: 8 }],
    );
  }
});
