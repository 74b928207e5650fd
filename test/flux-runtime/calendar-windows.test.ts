// Calendar windows: `every: 1mo`, `3mo`, `1y` align to calendar months in UTC (Flux's interval
// windows), with offset and month periods; bad window durations written as literals are compile
// errors with their position, computed ones fail the run with it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileScript, runScript } from '../../src/flux-runtime/run.js';
import type { FluxDataSource } from '../../src/flux-runtime/context.js';
import { FluxTime, type FluxRecord } from '../../src/flux-runtime/values.js';
import { FluxError } from '../../src/flux/errors.js';

const DAY = 86_400_000_000_000n;
const JAN15 = BigInt(Date.UTC(2021, 0, 15)) * 1_000_000n;

/** One point (value 1) a day at noon, 2021-01-15 to 2021-04-10. */
const daily: FluxDataSource = {
  async read(spec) {
    const keyValues: FluxRecord = { _start: new FluxTime(spec.start!), _stop: new FluxTime(spec.stop!), _field: 'n', _measurement: 'm' };
    const rows: FluxRecord[] = [];
    for (let t = JAN15 + DAY / 2n; t < BigInt(Date.UTC(2021, 3, 11)) * 1_000_000n; t += DAY) {
      if (t >= spec.start! && t < spec.stop!) rows.push({ ...keyValues, _time: new FluxTime(t), _value: 1n });
    }
    return [{ key: ['_start', '_stop', '_field', '_measurement'], keyValues, rows }];
  },
  async write() {
    /* unused */
  },
};

const iso = (v: unknown) => new Date(Number((v as FluxTime).ns / 1_000_000n)).toISOString().slice(0, 10);

async function rows(pipeline: string, range = 'start: 2021-01-01T00:00:00Z, stop: 2021-05-01T00:00:00Z'): Promise<FluxRecord[]> {
  const result = await runScript(compileScript(`from(bucket: "db") |> range(${range}) ${pipeline}`), { now: 0n, source: daily });
  return result.results.flatMap((r) => r.tables.flatMap((t) => t.rows));
}

test('aggregateWindow(every: 1mo) counts per calendar month, labelled with the month end', async () => {
  const got = await rows('|> aggregateWindow(every: 1mo, fn: count)');
  assert.deepEqual(
    got.map((r) => [iso(r._time), r._value]),
    [
      ['2021-02-01', 17n],
      ['2021-03-01', 28n],
      ['2021-04-01', 31n],
      ['2021-05-01', 10n],
    ],
  );
  const clamped = await rows('|> aggregateWindow(every: 1mo, fn: count)', 'start: 2021-01-20T00:00:00Z, stop: 2021-04-05T00:00:00Z');
  assert.deepEqual(
    clamped.map((r) => [iso(r._time), r._value]),
    [
      ['2021-02-01', 12n],
      ['2021-03-01', 28n],
      ['2021-04-01', 31n],
      ['2021-04-05', 4n],
    ],
  );
});

test('quarters, years, an offset and a month period', async () => {
  const quarters = await rows('|> aggregateWindow(every: 3mo, fn: count)');
  assert.deepEqual(
    quarters.map((r) => [iso(r._time), r._value]),
    [
      ['2021-04-01', 76n],
      ['2021-05-01', 10n],
    ],
  );
  const years = await rows('|> window(every: 1y) |> count()', 'start: 2020-06-01T00:00:00Z, stop: 2022-03-01T00:00:00Z');
  assert.deepEqual(
    years.map((r) => [iso(r._start), iso(r._stop), r._value]),
    [['2021-01-01', '2022-01-01', 86n]],
  );
  const fromThe15th = await rows('|> aggregateWindow(every: 1mo, offset: 14d, fn: count, createEmpty: false)');
  assert.deepEqual(
    fromThe15th.map((r) => [iso(r._time), r._value]),
    [
      ['2021-02-15', 31n],
      ['2021-03-15', 28n],
      ['2021-04-15', 27n],
    ],
  );
  const sliding = await rows('|> window(every: 1mo, period: 2mo) |> count()');
  assert.deepEqual(
    sliding.map((r) => [iso(r._start), iso(r._stop), r._value]),
    [
      ['2021-01-01', '2021-02-01', 17n],
      ['2021-01-01', '2021-03-01', 45n],
      ['2021-02-01', '2021-04-01', 59n],
      ['2021-03-01', '2021-05-01', 41n],
      ['2021-04-01', '2021-05-01', 10n],
    ],
  );
});

test('bad window durations: literals fail at compile time with their position, computed ones at run time', async () => {
  const cases: Array<[string, string]> = [
    [
      'x = 1\nfrom(bucket: "a") |> range(start: -1h) |> aggregateWindow(every: 1mo1d, fn: mean)',
      'error @2:59-2:71: window every cannot mix month and nanosecond units',
    ],
    ['from(bucket: "a") |> range(start: -1h) |> window(every: 0s)', 'error @1:50-1:59: window every must not be zero'],
    ['from(bucket: "a") |> range(start: -1h) |> window(every: -1m)', 'error @1:50-1:60: window every must be positive'],
    ['from(bucket: "a") |> range(start: -1h) |> window(every: 1h, period: 1mo)', 'error @1:61-1:72: a window period in months needs an every in months'],
  ];
  for (const [source, message] of cases) {
    assert.throws(
      () => compileScript(source),
      (error: unknown) => error instanceof FluxError && error.message === message,
      `${source}: ${message}`,
    );
  }
  // a script's own function named window is not checked as the builtin
  assert.doesNotThrow(() => compileScript('window = (every) => every\ny = window(every: 0s)\n'));
  await assert.rejects(
    rows('|> aggregateWindow(every: duration(v: "1mo1d"), fn: mean)'),
    (error: unknown) => error instanceof FluxError && /^error @1:\d+-1:\d+: window every cannot mix month and nanosecond units$/.test(error.message),
  );
});
