// The Flux engine on an in-memory data source: literals and closures, the table functions of
// the universe, packages, pushdown into the FromSpec, to() writes, and compile errors that name
// the unsupported function and its position.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileScript, runScript } from '../../src/flux-runtime/run.js';
import type { FluxDataSource } from '../../src/flux-runtime/context.js';
import type { FromSpec, Table } from '../../src/flux-runtime/table.js';
import { FluxTime, type FluxRecord } from '../../src/flux-runtime/values.js';
import { FluxError } from '../../src/flux/errors.js';
import type { Point } from '../../src/models/point.js';

const T0 = 1_600_000_020_000_000_000n; // 2020-09-13T12:27:00Z
const S = 1_000_000_000n;

/** cpu usage for hosts a and b, one point every 10s for 5 minutes (a: i, b: 10*i). */
function memorySource(): FluxDataSource & { specs: FromSpec[]; written: Array<{ bucket: string; points: Point[] }> } {
  const specs: FromSpec[] = [];
  const written: Array<{ bucket: string; points: Point[] }> = [];
  return {
    specs,
    written,
    async read(spec) {
      specs.push(spec);
      const start = new FluxTime(spec.start!);
      const stop = new FluxTime(spec.stop!);
      const tables: Table[] = [];
      for (const [host, scale] of [
        ['a', 1],
        ['b', 10],
      ] as const) {
        if (spec.tags.some((d) => !d.some((t) => t.tag === 'host' && (t.op === '==' ? t.value === host : new RegExp(t.value).test(host))))) continue;
        const keyValues: FluxRecord = { _start: start, _stop: stop, _field: 'usage', _measurement: 'cpu', host };
        const rows: FluxRecord[] = [];
        for (let i = 0; i < 30; i++) {
          const time = T0 + BigInt(i) * 10n * S;
          if (time >= spec.start! && time < spec.stop!) rows.push({ ...keyValues, _time: new FluxTime(time), _value: i * scale });
        }
        tables.push({ key: ['_start', '_stop', '_field', '_measurement', 'host'], keyValues, rows });
      }
      return tables;
    },
    async write(bucket, points) {
      written.push({ bucket, points });
    },
  };
}

const RANGE = 'from(bucket: "telegraf/autogen") |> range(start: 2020-09-13T12:27:00Z, stop: 2020-09-13T12:32:00Z)';

async function run(source: string, data = memorySource()) {
  const result = await runScript(compileScript(source), { now: T0 + 300n * S, source: data });
  return { ...result, data, rows: (name = '_result') => result.results.filter((r) => r.name === name).flatMap((r) => r.tables.flatMap((t) => t.rows)) };
}

function plain(rows: FluxRecord[], columns: string[]): unknown[][] {
  return rows.map((row) =>
    columns.map((c) => {
      const v = row[c];
      return v instanceof FluxTime ? Number((v.ns - T0) / S) : v;
    }),
  );
}

test('literals of every type, closures, pipes, interpolation, records, arrays and dicts', async () => {
  const { rows } = await run(`
import "strings"
import "math"
import "date"
import "experimental"
add = (a, b=1) => a + b
twice = (tables=<-) => tables |> map(fn: (r) => ({r with _value: r._value * 2.0}))
rec = {a: 1, b: "x", c: [1.5, 2.5], d: {e: true}}
dict = ["k": 7]
u = uint(v: 3)
label = "host=\${rec.b} n=\${add(a: 41)} d=\${1h30m} t=\${2020-01-01T00:00:00Z}"
${RANGE}
  |> filter(fn: (r) => r.host == "a" and r._value < 3)
  |> twice()
  |> map(fn: (r) => ({
      _time: r._time, _value: r._value, label: label, sum: add(a: 1, b: 2), pow: 2 ^ 10,
      upper: strings.toUpper(v: r.host), floor: math.floor(x: 2.7), minute: date.minute(t: r._time),
      later: experimental.addDuration(d: 1m, to: r._time), c1: rec.c[1], e: rec.d.e, u: u,
      cond: if r._value > 2 then "big" else "small", re: "web-12" =~ /^web-\\d+$/, div: 7 / 2, fdiv: 7.0 / 2.0,
      neg: -(3), ex: exists r.missing, strlen: strings.strlen(v: "héllo"), split: strings.split(v: "a,b", t: ","),
      dictLen: length(arr: [1, 2, 3]), contains: contains(value: 2, set: [1, 2]),
  }))
`);
  const out = rows();
  assert.equal(out.length, 3);
  const first = out[0]!;
  assert.equal(first.label, 'host=x n=42 d=1h30m t=2020-01-01T00:00:00Z');
  assert.equal(first.sum, 3n);
  assert.equal(first.pow, 1024n);
  assert.equal(first.upper, 'A');
  assert.equal(first.floor, 2);
  assert.equal(first.minute, 27n);
  assert.equal((first.later as FluxTime).ns, T0 + 60n * S);
  assert.equal(first.c1, 2.5);
  assert.equal(first.e, true);
  assert.equal(first.cond, 'small');
  assert.equal(first.re, true);
  assert.equal(first.div, 3n);
  assert.equal(first.fdiv, 3.5);
  assert.equal(first.neg, -3n);
  assert.equal(first.ex, false);
  assert.equal(first.strlen, 5n);
  assert.deepEqual(first.split, ['a', 'b']);
  assert.equal(first.dictLen, 3n);
  assert.equal(first.contains, true);
  assert.deepEqual(plain(out, ['_time', '_value', 'cond']), [
    [0, 0, 'small'],
    [10, 2, 'small'],
    [20, 4, 'big'],
  ]);
});

test('range and equality/regex filters fold into one FromSpec; other filters run locally', async () => {
  const { data, rows } = await run(`${RANGE}
  |> filter(fn: (r) => r._measurement == "cpu" and (r._field == "usage" or r._field == "idle") and r.host =~ /^a$/)
  |> filter(fn: (r) => r._value >= 28)`);
  assert.equal(data.specs.length, 1);
  const spec = data.specs[0]!;
  assert.equal(spec.start, T0);
  assert.equal(spec.stop, T0 + 300n * S);
  assert.deepEqual(spec.measurements, [{ op: '==', value: 'cpu' }]);
  assert.deepEqual(spec.fields, [
    { op: '==', value: 'usage' },
    { op: '==', value: 'idle' },
  ]);
  assert.deepEqual(spec.tags, [[{ tag: 'host', op: '=~', value: '^a$' }]]);
  assert.deepEqual(plain(rows(), ['host', '_value']), [
    ['a', 28],
    ['a', 29],
  ]);
});

test('aggregateWindow with mean, sum, count, max, createEmpty and timeSrc', async () => {
  const agg = async (fn: string, extra = '') =>
    plain((await run(`${RANGE} |> filter(fn: (r) => r.host == "a") |> aggregateWindow(every: 1m, fn: ${fn}${extra})`)).rows(), ['_time', '_value']);
  assert.deepEqual(await agg('mean'), [
    [60, 2.5],
    [120, 8.5],
    [180, 14.5],
    [240, 20.5],
    [300, 26.5],
  ]);
  assert.deepEqual(await agg('sum'), [
    [60, 15],
    [120, 51],
    [180, 87],
    [240, 123],
    [300, 159],
  ]);
  assert.deepEqual(await agg('count'), [
    [60, 6n],
    [120, 6n],
    [180, 6n],
    [240, 6n],
    [300, 6n],
  ]);
  assert.deepEqual(await agg('max'), [
    [60, 5],
    [120, 11],
    [180, 17],
    [240, 23],
    [300, 29],
  ]);
  assert.deepEqual(await agg('mean', ', timeSrc: "_start"'), [
    [0, 2.5],
    [60, 8.5],
    [120, 14.5],
    [180, 20.5],
    [240, 26.5],
  ]);
  const empty = await run(`${RANGE} |> filter(fn: (r) => r.host == "a" and r._value < 3) |> aggregateWindow(every: 1m, fn: mean)`);
  assert.deepEqual(plain(empty.rows(), ['_time', '_value']), [
    [60, 1],
    [120, null],
    [180, null],
    [240, null],
    [300, null],
  ]);
  const noEmpty = await run(`${RANGE} |> filter(fn: (r) => r.host == "a" and r._value < 3) |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)`);
  assert.deepEqual(plain(noEmpty.rows(), ['_time', '_value']), [[60, 1]]);
});

test('aggregates, selectors and running functions', async () => {
  const one = async (pipeline: string, columns = ['_value']) =>
    plain((await run(`${RANGE} |> filter(fn: (r) => r.host == "a" and r._value < 5) ${pipeline}`)).rows(), columns);
  assert.deepEqual(await one('|> mean()'), [[2]]);
  assert.deepEqual(await one('|> median()'), [[2]]);
  assert.deepEqual(await one('|> quantile(q: 0.25, method: "exact_mean")'), [[1]]);
  assert.deepEqual(await one('|> stddev()'), [[Math.sqrt(2.5)]]);
  assert.deepEqual(await one('|> spread()'), [[4]]);
  assert.deepEqual(await one('|> first()', ['_time', '_value']), [[0, 0]]);
  assert.deepEqual(await one('|> last()', ['_time', '_value']), [[40, 4]]);
  assert.deepEqual(await one('|> min()'), [[0]]);
  assert.deepEqual(await one('|> integral(unit: 10s)'), [[8]]);
  assert.deepEqual(await one('|> derivative(unit: 1m)'), [[6], [6], [6], [6]]);
  assert.deepEqual(await one('|> difference()'), [[1], [1], [1], [1]]);
  assert.deepEqual(await one('|> cumulativeSum()'), [[0], [1], [3], [6], [10]]);
  assert.deepEqual(await one('|> movingAverage(n: 2)'), [[0.5], [1.5], [2.5], [3.5]]);
  assert.deepEqual(await one('|> elapsed(unit: 1s)', ['elapsed']), [[10n], [10n], [10n], [10n]]);
  assert.deepEqual(await one('|> top(n: 2)'), [[4], [3]]);
  assert.deepEqual(await one('|> bottom(n: 2)'), [[0], [1]]);
  assert.deepEqual(await one('|> sort(columns: ["_value"], desc: true) |> limit(n: 2, offset: 1)'), [[3], [2]]);
  assert.deepEqual(await one('|> tail(n: 2)'), [[3], [4]]);
  assert.deepEqual(await one('|> map(fn: (r) => ({r with _value: r._value % 2.0})) |> unique()'), [[0], [1]]);
  assert.deepEqual(await one('|> map(fn: (r) => ({r with _value: r._value % 2.0})) |> distinct()'), [[0], [1]]);
  assert.deepEqual(await one('|> toInt() |> toString() |> limit(n: 1)'), [['0']]);
  assert.deepEqual(await one('|> aggregateWindow(every: 1m, fn: mean) |> fill(usePrevious: true)'), [[2], [2], [2], [2], [2]]);
  assert.deepEqual(await one('|> aggregateWindow(every: 1m, fn: mean) |> fill(value: -1.0)'), [[2], [-1], [-1], [-1], [-1]]);
  assert.deepEqual(await one('|> timeShift(duration: 1h) |> first()', ['_time']), [[3600]]);
});

test('group, window, keep, drop, rename, set, duplicate and pivot', async () => {
  const grouped = await run(`${RANGE} |> filter(fn: (r) => r._value < 2) |> group() |> count()`);
  assert.deepEqual(plain(grouped.rows(), ['_value']), [[3n]]);
  const byHost = await run(`${RANGE} |> group(columns: ["host"]) |> sum()`);
  assert.deepEqual(plain(byHost.rows(), ['host', '_value']), [
    ['a', 435],
    ['b', 4350],
  ]);
  const windows = await run(`${RANGE} |> filter(fn: (r) => r.host == "a") |> window(every: 2m) |> count()`);
  assert.deepEqual(plain(windows.rows(), ['_start', '_stop', '_value']), [
    [0, 60, 6n],
    [60, 180, 12n],
    [180, 300, 12n],
  ]);
  const shaped = await run(`${RANGE} |> filter(fn: (r) => r.host == "a") |> limit(n: 1)
    |> set(key: "dc", value: "eu") |> duplicate(column: "host", as: "h") |> rename(columns: {_value: "v"}) |> drop(columns: ["_start", "_stop"]) |> keep(columns: ["h", "v", "dc"])`);
  assert.deepEqual(shaped.rows(), [{ h: 'a', v: 0, dc: 'eu' }]);
  const pivoted = await run(`import "influxdata/influxdb/schema"
${RANGE} |> limit(n: 2) |> group() |> pivot(rowKey: ["_time"], columnKey: ["host"], valueColumn: "_value")`);
  assert.deepEqual(plain(pivoted.rows(), ['_time', 'a', 'b']), [
    [0, 0, 0],
    [10, 1, 10],
  ]);
  const fields = await run(`import "influxdata/influxdb/schema"
${RANGE} |> filter(fn: (r) => r.host == "b") |> limit(n: 1) |> schema.fieldsAsCols()`);
  assert.deepEqual(plain(fields.rows(), ['_time', 'usage']), [[0, 0]]);
});

test('to() writes points to "db/rp", tags from the group key, values as they are', async () => {
  const { data, pointsWritten } = await run(`${RANGE} |> filter(fn: (r) => r.host == "b") |> aggregateWindow(every: 1m, fn: max) |> to(bucket: "out/autogen")`);
  assert.equal(pointsWritten, 5);
  assert.equal(data.written.length, 1);
  assert.equal(data.written[0]!.bucket, 'out/autogen');
  assert.deepEqual(data.written[0]!.points[0], {
    name: 'cpu',
    tags: { host: 'b' },
    fields: { usage: 50 },
    time: T0 + 60n * S,
    database: 'out',
    retentionPolicy: 'autogen',
  });
});

test('yield names results; now() is the run time; option task is read at compile time', async () => {
  const script = compileScript(`option task = {name: "t", every: 1h, offset: 5m, retry: 2}
${RANGE} |> limit(n: 1) |> yield(name: "first")
x = now()
${RANGE} |> filter(fn: (r) => r._time < x) |> count() |> yield(name: "n")`);
  assert.equal(script.task!.name, 't');
  assert.equal(script.task!.every!.ns, 3600n * S);
  assert.equal(script.task!.offset!.ns, 300n * S);
  assert.equal(script.task!.retry, 2);
  const result = await runScript(script, { now: T0 + 300n * S, source: memorySource() });
  assert.deepEqual(
    result.results.map((r) => r.name),
    ['first', 'n'],
  );
  assert.deepEqual(
    result.results[1]!.tables.map((t) => t.rows[0]!._value),
    [30n, 30n],
  );
});

test('unsupported functions, packages and members are compile errors naming them with their position', () => {
  const cases: Array<[string, string]> = [
    ['from(bucket: "a") |> range(start: -1h) |> holtWinters(n: 1)', 'error @1:43-1:54: unsupported or undefined function "holtWinters"'],
    ['import "sql"\n1', 'error @1:1-1:13: unsupported package "sql"'],
    ['import "strings"\nx = strings.levenshtein(v: "a")', 'error @2:5-2:24: unsupported function or member "strings.levenshtein"'],
    ['x = y + 1', 'error @1:5-1:6: undefined identifier "y"'],
    ['option task = {name: "x"}\n1', 'error @1:15-1:26: task must have "every" or "cron"'],
  ];
  for (const [source, message] of cases) {
    assert.throws(
      () => compileScript(source),
      (error: unknown) => error instanceof FluxError && error.message === message,
      source,
    );
  }
});

test('run-time errors are positioned: type errors, unbounded reads, bad arguments', async () => {
  const failing: Array<[string, RegExp]> = [
    [`${RANGE} |> map(fn: (r) => ({r with _value: r._value + 1}))`, /^error @1:\d+-1:\d+: type error: "\+" cannot be applied to float and int$/],
    ['from(bucket: "a") |> limit(n: 1)', /^error @1:1-1:18: from\(\) must be followed by range\(\)/],
    [`${RANGE} |> limit(n: "x")`, /argument "n" must be an int/],
    [`${RANGE} |> limit(n: 1, m: 2)`, /function "limit" has no parameter "m"/],
  ];
  for (const [source, expected] of failing) {
    await assert.rejects(run(source), (error: unknown) => error instanceof FluxError && expected.test(error.message), source);
  }
});
