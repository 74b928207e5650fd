// from(): measurement/database/retentionPolicy selection, where, groupBy, truncate, round.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sec } from '../harness.js';

test('from selects by measurement and where, keeping all tags', () => {
  const t = run(`stream|from().measurement('cpu').where(lambda: "host" == 'a').where(lambda: "value" > 1)|httpOut('out')`);
  t.write('cpu,host=a value=1 1\ncpu,host=b value=5 2\nmem,host=a value=5 3\ncpu,host=a value=2 4');
  assert.deepEqual(t.result(), { series: [{ name: 'cpu', tags: { host: 'a' }, columns: ['time', 'value'], values: [[sec(4), 2]] }] });
});

test('from filters by database and retention policy', () => {
  const t = run(`stream|from().database('db').retentionPolicy('keep').measurement('cpu')|httpOut('out')`, {
    dbrps: [
      { db: 'db', rp: 'rp' },
      { db: 'db', rp: 'keep' },
    ],
  });
  t.write('cpu value=1 1', { rp: 'keep' });
  t.write('cpu value=2 2', { rp: 'rp' });
  assert.deepEqual(t.values(), [[sec(1), 1]]);
});

test('groupBy makes one series per group, groupByMeasurement separates measurements', () => {
  const t = run(`stream|from().groupBy('host').groupByMeasurement()|httpOut('out')`);
  t.write('cpu,host=a,x=1 value=1 1\ncpu,host=b value=2 2\nmem,host=a value=3 3\ncpu,host=a,x=2 value=4 4');
  const series = t.result().series!;
  assert.deepEqual(
    series.map((s) => [s.name, s.tags, s.values[0]![1]]),
    [
      ['cpu', { host: 'a', x: '2' }, 4],
      ['cpu', { host: 'b' }, 2],
      ['mem', { host: 'a' }, 3],
    ],
  );
});

test('groupBy(*) groups by every tag', () => {
  const t = run(`stream|from().measurement('cpu').groupBy(*)|httpOut('out')`);
  t.write('cpu,host=a value=1 1\ncpu,host=a,cpu=0 value=2 2\ncpu,host=a value=3 3');
  assert.equal(t.result().series!.length, 2);
});

test('truncate and round adjust times as Go does', () => {
  const t = run(`stream|from().measurement('cpu').truncate(10s)|httpOut('out')`);
  t.write('cpu value=1 19');
  assert.deepEqual(t.values(), [[sec(10), 1]]);
  const r = run(`stream|from().measurement('cpu').round(10s)|httpOut('out')`, { id: 'r' });
  r.write('cpu value=1 15');
  assert.deepEqual(r.values(), [[sec(20), 1]]);
});

test('nanosecond times and int64 values pass through exactly', () => {
  const t = run(`stream|from().measurement('cpu')|httpOut('out')`);
  t.write('cpu value=9007199254740993i 1500000000123456789', { precision: 'ns' });
  assert.deepEqual(t.values(), [['2017-07-14T02:40:00.123456789Z', 9007199254740993n]]);
});
