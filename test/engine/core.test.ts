// Engine building blocks: group ids, dimension tags, Go time rounding, rows, JSON bodies,
// the bounded output queue and per-group state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dimensionTags, groupIdOf, type Message } from '../../src/engine/messages.js';
import { GroupStates } from '../../src/engine/node.js';
import { OutputQueue } from '../../src/engine/output-queue.js';
import { batchToRow, pointToRow } from '../../src/engine/rows.js';
import { roundTime, truncateTime } from '../../src/engine/time-ops.js';
import { toJSON } from '../../src/engine/json-body.js';

test('group ids follow Kapacitor: sorted tag=value pairs, measurement first when grouped by it', () => {
  const tags = { b: '2', a: '1', c: '3' };
  assert.equal(groupIdOf('m', tags, { byName: false, tagNames: [] }), '');
  assert.equal(groupIdOf('m', tags, { byName: true, tagNames: [] }), 'm');
  assert.equal(groupIdOf('m', tags, { byName: false, tagNames: ['a', 'b'] }), 'a=1,b=2');
  assert.equal(groupIdOf('m', tags, { byName: true, tagNames: ['a', 'x'] }), 'm\na=1,x=');
  assert.deepEqual(dimensionTags(tags, { byName: false, tagNames: ['a', 'c'] }), { a: '1', c: '3' });
});

test('truncate and round count from year 1 as Go does', () => {
  const week = 7n * 86400n * 1_000_000_000n;
  // 1970-01-01 is a Thursday; Go's weeks start on Mondays (0001-01-01 was a Monday).
  assert.equal(truncateTime(0n, week), -3n * 86400n * 1_000_000_000n);
  assert.equal(truncateTime(15n, 10n), 10n);
  assert.equal(roundTime(15n, 10n), 20n);
  assert.equal(roundTime(14n, 10n), 10n);
  assert.equal(roundTime(-15n, 10n), -10n);
});

test('rows: a point is one row; a batch adds non-group tags as columns', () => {
  const point = pointToRow({
    type: 'point',
    name: 'm',
    database: '',
    retentionPolicy: '',
    tags: {},
    fields: { b: 1, a: 'x' },
    time: 1_000_000_000n,
    group: '',
    dimensions: { byName: false, tagNames: [] },
  });
  assert.deepEqual(point, { name: 'm', columns: ['time', 'a', 'b'], values: [['1970-01-01T00:00:01Z', 'x', 1]] });
  const batch = batchToRow({
    type: 'batch',
    name: 'm',
    tags: { g: '1' },
    tmax: 0n,
    group: 'g=1',
    dimensions: { byName: false, tagNames: ['g'] },
    points: [
      { time: 0n, fields: { v: 1n }, tags: { g: '1', h: 'x' } },
      { time: 1n, fields: { v: 2n }, tags: { g: '1', h: 'y' } },
    ],
  });
  assert.deepEqual(batch, {
    name: 'm',
    tags: { g: '1' },
    columns: ['time', 'h', 'v'],
    values: [
      ['1970-01-01T00:00:00Z', 'x', 1n],
      ['1970-01-01T00:00:00.000000001Z', 'y', 2n],
    ],
  });
});

test('JSON bodies write int64 exactly', () => {
  assert.equal(toJSON({ a: 9007199254740993n, b: [1.5, 'x', true, null], c: Number.NaN }), '{"a":9007199254740993,"b":[1.5,"x",true,null],"c":null}');
});

test('the output queue sends in order, drops when full and counts everything', async () => {
  const sent: number[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const queue = new OutputQueue<number>({
    capacity: 2,
    send: async (n) => {
      await gate;
      if (n === 3) throw new Error('boom');
      sent.push(n);
    },
  });
  assert.equal(queue.push(1), true); // in flight
  assert.equal(queue.push(2), true);
  assert.equal(queue.push(3), true);
  assert.equal(queue.push(4), false); // full
  release();
  await queue.idle();
  assert.deepEqual(sent, [1, 2]);
  assert.deepEqual([queue.queued, queue.sent, queue.dropped, queue.errors], [3, 2, 1, 1]);
});

test('group states are created on first use and deleted per group', () => {
  let created = 0;
  const states = new GroupStates(() => ({ n: ++created }), { now: 0 });
  const message = (group: string) => ({ type: 'deleteGroup', group, tags: {}, dimensions: { byName: false, tagNames: [] } }) as Message;
  assert.equal(states.get(message('a')).n, 1);
  assert.equal(states.get(message('a')).n, 1);
  assert.equal(states.get(message('b')).n, 2);
  assert.equal(states.size, 2);
  states.delete('a');
  assert.equal(states.peek('a'), undefined);
  assert.equal(states.size, 1);
});
