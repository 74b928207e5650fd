// Batch query rewriting and scheduling: clauses split out of InfluxQL, time bounds and
// dimensions as Kapacitor adds them, fill, alignGroup, every/align/offset windows, cron.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInfluxqlDuration as formatDuration } from '../../src/gofmt/influxql-duration.js';
import { BatchQuery, validateQuerySpec, type QuerySpec } from '../../src/influxql/batch-query.js';
import { CronSchedule } from '../../src/influxql/cron.js';
import { splitSelect } from '../../src/influxql/influxql-select.js';
import { parseRFC3339 } from '../../src/models/time.js';

const S = 1_000_000_000n;
const t = (text: string) => parseRFC3339(text)!;

function spec(overrides: Partial<QuerySpec>): QuerySpec {
  return {
    query: 'SELECT mean("value") FROM "db"."rp"."cpu"',
    period: 10n * S,
    every: 10n * S,
    cron: '',
    offset: 0n,
    align: false,
    alignGroup: false,
    dimensions: [],
    groupByMeasurement: false,
    cluster: '',
    ...overrides,
  };
}

test('splitSelect finds where, group by, fill and the tail outside strings and parens', () => {
  const c = splitSelect(`SELECT "value" FROM "db"."rp"."m" WHERE "host" = 'a where b' AND x =~ /group by/ GROUP BY time(1m), host fill(none) LIMIT 10`);
  assert.equal(c.head, 'SELECT "value" FROM "db"."rp"."m"');
  assert.equal(c.where, `"host" = 'a where b' AND x =~ /group by/`);
  assert.equal(c.groupBy, 'time(1m), host');
  assert.equal(c.fill, 'none');
  assert.equal(c.tail, 'LIMIT 10');
  assert.deepEqual(c.sources, [{ db: 'db', rp: 'rp', measurement: 'm' }]);
  assert.deepEqual(splitSelect('select v from cpu').sources, [{ db: '', rp: '', measurement: 'cpu' }]);
  assert.throws(() => splitSelect('SHOW DATABASES'), /not a select statement/);
});

test('the query text gets time bounds, the node dimensions and fill', () => {
  const query = new BatchQuery(
    spec({
      query: `SELECT max(value) FROM "db"."rp"."cpu" WHERE host = 'a' OR host = 'b' GROUP BY ignored`,
      dimensions: [
        { kind: 'time', length: 10n * S, offset: 0n },
        { kind: 'tag', name: 'host' },
      ],
      fill: 0n,
    }),
  );
  assert.equal(
    query.text(t('1971-01-01T00:00:00Z'), t('1971-01-01T00:00:10.5Z')),
    `SELECT max(value) FROM "db"."rp"."cpu" WHERE (host = 'a' OR host = 'b') AND time >= '1971-01-01T00:00:00Z' AND time < '1971-01-01T00:00:10.5Z' GROUP BY time(10s, 0s), "host" fill(0)`,
  );
  assert.equal(query.groupedByTime, true);
  const plain = new BatchQuery(spec({}));
  assert.equal(plain.text(0n, S), `SELECT mean("value") FROM "db"."rp"."cpu" WHERE time >= '1970-01-01T00:00:00Z' AND time < '1970-01-01T00:00:01Z'`);
  assert.equal(plain.groupedByTime, false);
});

test('alignGroup sets the time offset from the window start', () => {
  const query = new BatchQuery(spec({ alignGroup: true, dimensions: [{ kind: 'time', length: 60n * S, offset: 0n }] }));
  assert.match(query.text(125n * S, 185n * S), /GROUP BY time\(1m, 5s\)/);
});

test('windows follow every, offset and period; align rounds ticks', () => {
  const query = new BatchQuery(spec({ period: 20n * S, every: 10n * S, offset: 5n * S }));
  assert.deepEqual(query.windows(0n, 30n * S, 1000n * S), [
    { start: -15n * S, stop: 5n * S },
    { start: -5n * S, stop: 15n * S },
    { start: 5n * S, stop: 25n * S },
  ]);
  // windows ending after now are not queried
  assert.equal(query.windows(0n, 30n * S, 16n * S).length, 2);
  const aligned = new BatchQuery(spec({ align: true }));
  assert.equal(aligned.next(3n * S), 10n * S);
  assert.equal(aligned.next(16n * S), 30n * S);
});

test("validation messages are Kapacitor's", () => {
  assert.equal(validateQuerySpec(spec({ every: 0n })), "must define one of 'every' or 'cron'");
  assert.equal(validateQuerySpec(spec({ cron: '* * * * *' })), "must not set both 'every' and 'cron' properties");
  assert.equal(validateQuerySpec(spec({ fill: 'bogus' })), 'unexpected fill option bogus');
  assert.equal(
    validateQuerySpec(
      spec({
        dimensions: [
          { kind: 'time', length: S, offset: 0n },
          { kind: 'time', length: S, offset: 0n },
        ],
      }),
    ),
    'groupBy cannot have more than one time dimension',
  );
  assert.equal(validateQuerySpec(spec({})), '');
});

test('formatDuration uses the largest exact unit', () => {
  assert.equal(formatDuration(0n), '0s');
  assert.equal(formatDuration(90n * S), '90s');
  assert.equal(formatDuration(3_600n * S), '1h');
  assert.equal(formatDuration(1_500_000n), '1500u');
});

test('cron schedules', () => {
  const everyFive = CronSchedule.parse('*/5 * * * *');
  const base = BigInt(new Date(2020, 0, 1, 10, 2, 30).getTime()) * 1_000_000n;
  assert.equal(everyFive.next(base), BigInt(new Date(2020, 0, 1, 10, 5, 0).getTime()) * 1_000_000n);
  const seconds = CronSchedule.parse('*/10 * * * * * *');
  assert.equal(seconds.next(base), BigInt(new Date(2020, 0, 1, 10, 2, 40).getTime()) * 1_000_000n);
  const monday = CronSchedule.parse('0 9 * * MON');
  const next = new Date(Number(monday.next(base) / 1_000_000n));
  assert.deepEqual([next.getDay(), next.getHours(), next.getMinutes()], [1, 9, 0]);
  assert.throws(() => CronSchedule.parse('61 * * * *'), /syntax error/);
  assert.throws(() => CronSchedule.parse('* *'), /syntax error/);
});

test('regex sources and regex conditions do not confuse the clause split', () => {
  const c = splitSelect(`SELECT mean("value") FROM "telegraf"."default"./cpu_.*/ WHERE "host" =~ /a where.b/ GROUP BY x`);
  assert.equal(c.where, `"host" =~ /a where.b/`);
  assert.deepEqual(c.sources, [{ db: 'telegraf', rp: 'default', measurement: '/cpu_.*/' }]);
});

test('the first aligned live tick is the next multiple of every', () => {
  const aligned = new BatchQuery(spec({ align: true }));
  assert.equal(aligned.firstTick(7n * S), 10n * S);
  assert.equal(aligned.firstTick(13n * S), 20n * S);
  assert.equal(new BatchQuery(spec({})).firstTick(7n * S), 17n * S);
});
