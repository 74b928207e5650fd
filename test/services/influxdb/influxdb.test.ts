// The InfluxDB client, subscription linking and the service against a real influxd:
// queries, writes, database creation, subscriptions created / fixed / excluded / dropped,
// startup retry giving up with a clear error, default-cluster rules.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { InfluxDBConfig } from '../../../src/config/sections.js';
import { InfluxDBClient, InfluxDBError } from '../../../src/influxql/client.js';
import { InfluxDBCluster } from '../../../src/services/influxdb/cluster.js';
import { InfluxDBService } from '../../../src/services/influxdb/service.js';
import { linkSubscriptions, shouldExist } from '../../../src/services/influxdb/subscriptions.js';
import { freePort, influxdSkipReason, startInfluxd, type Influxd } from '../../support/influxd.js';

const silent = pino({ level: 'silent' });
let influxd: Influxd | undefined;

before(async () => {
  influxd = await startInfluxd();
});
after(async () => {
  await influxd?.stop();
});

function clusterConfig(overrides: Partial<InfluxDBConfig> = {}): InfluxDBConfig {
  return { ...defaultConfig('/tmp').influxdb[0]!, urls: [influxd?.url ?? 'http://127.0.0.1:1'], ...overrides };
}

async function subscriptions(): Promise<Array<{ db: string; rp: string; name: string; destinations: string[] }>> {
  const json = await influxd!.query('SHOW SUBSCRIPTIONS');
  const found: Array<{ db: string; rp: string; name: string; destinations: string[] }> = [];
  for (const series of json.results[0].series ?? []) {
    for (const row of series.values) found.push({ db: series.name, rp: row[0], name: row[1], destinations: row[3] });
  }
  return found;
}

test('client: create database, write, query', { skip: influxdSkipReason }, async () => {
  const client = new InfluxDBClient({ urls: [influxd!.url] });
  try {
    assert.match(await client.ping(), /^1\./);
    await client.createDatabase('clientdb');
    await client.write('cpu,host=a value=1.5 1000000000\ncpu,host=b value=2 2000000000\n', { database: 'clientdb', precision: 'ns' });
    const results = await client.execute('SELECT value FROM cpu GROUP BY host', { db: 'clientdb' });
    const series = results[0]!.series!;
    assert.deepEqual(
      series.map((s) => s.tags),
      [{ host: 'a' }, { host: 'b' }],
    );
    assert.deepEqual(series[0]!.values, [['1970-01-01T00:00:01Z', 1.5]]);
    await assert.rejects(client.execute('SELECT nonsense FROM'), InfluxDBError);
    await assert.rejects(client.write('bad line', { database: 'clientdb' }), /write failed/);
  } finally {
    await client.close();
  }
});

test('client: an unreachable URL fails over to the next one', { skip: influxdSkipReason }, async () => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const client = new InfluxDBClient({ urls: [dead, influxd!.url] });
  try {
    assert.match(await client.ping(), /^1\./);
  } finally {
    await client.close();
  }
});

test('subscriptions: created for every db/rp, fixed when stale, excluded ones dropped', { skip: influxdSkipReason }, async () => {
  const client = new InfluxDBClient({ urls: [influxd!.url] });
  try {
    await client.createDatabase('subdb1');
    await client.createDatabase('subdb2', 'short');
    const settings = {
      name: 'kapacitor-abc',
      clusterId: 'abc',
      protocol: 'http',
      hostname: '127.0.0.1',
      port: 9999,
      include: {},
      exclude: { subdb2: ['short'] },
    };
    const count = await linkSubscriptions(client, settings);
    let subs = (await subscriptions()).filter((s) => s.name === 'kapacitor-abc');
    assert.equal(count, subs.length);
    assert.ok(subs.some((s) => s.db === 'subdb1' && s.rp === 'autogen' && s.destinations[0] === 'http://127.0.0.1:9999'));
    assert.ok(subs.some((s) => s.db === 'subdb2' && s.rp === 'autogen'));
    assert.ok(!subs.some((s) => s.db === 'subdb2' && s.rp === 'short'), 'excluded rp not subscribed');

    // Port changed: every subscription is recreated with the new destination.
    await linkSubscriptions(client, { ...settings, port: 9998 });
    subs = (await subscriptions()).filter((s) => s.name === 'kapacitor-abc');
    assert.ok(subs.length > 0 && subs.every((s) => s.destinations[0] === 'http://127.0.0.1:9998'));

    // Newly excluded: dropped.
    const after = await linkSubscriptions(client, { ...settings, port: 9998, exclude: { subdb1: ['autogen'], subdb2: ['short'] } });
    subs = (await subscriptions()).filter((s) => s.name === 'kapacitor-abc');
    assert.equal(after, subs.length);
    assert.ok(!subs.some((s) => s.db === 'subdb1'));
  } finally {
    await client.close();
  }
});

test('shouldExist honours include and exclude lists', () => {
  assert.equal(shouldExist('a', 'b', { include: {}, exclude: {} }), true);
  assert.equal(shouldExist('a', 'b', { include: { a: ['c'] }, exclude: {} }), false);
  assert.equal(shouldExist('a', 'c', { include: { a: ['c'] }, exclude: {} }), true);
  assert.equal(shouldExist('_kapacitor', 'autogen', { include: {}, exclude: { _kapacitor: ['autogen'] } }), false);
});

test('cluster: links at open, counts subscriptions, unlinks', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE clusterdb');
  const cluster = new InfluxDBCluster(
    clusterConfig({ subscriptionsSyncInterval: 0 }),
    { hostname: '127.0.0.1', httpPort: 9092, clusterId: 'cid', serverId: 'sid' },
    silent,
  );
  try {
    await cluster.open();
    assert.equal(cluster.stats.lastError, '');
    assert.ok(cluster.stats.subscriptions >= 1);
    assert.ok((await subscriptions()).some((s) => s.name === 'kapacitor-cid' && s.db === 'clusterdb'));
    await cluster.unlink();
    assert.ok(!(await subscriptions()).some((s) => s.name === 'kapacitor-cid'));
  } finally {
    await cluster.close();
  }
});

test('cluster: InfluxDB down at startup gives up after startup-timeout with a clear error', async () => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const cluster = new InfluxDBCluster(
    clusterConfig({ urls: [dead], startupTimeout: 300, subscriptionsSyncInterval: 0 }),
    { hostname: '127.0.0.1', httpPort: 9092, clusterId: 'cid', serverId: 'sid' },
    silent,
  );
  try {
    await cluster.open();
    assert.match(cluster.stats.lastError, /within startup-timeout/);
    assert.equal(cluster.stats.linkErrors, 1);
    const later = await cluster.sync();
    assert.ok(later instanceof Error);
    assert.equal(cluster.stats.linkErrors, 2);
  } finally {
    await cluster.close();
  }
});

test('service: default cluster rules and named clients', () => {
  const base = clusterConfig();
  const identity = { hostname: 'h', httpPort: 1, clusterId: 'c', serverId: 's' };
  const one = new InfluxDBService([{ ...base, name: 'only' }], identity, silent);
  assert.equal(one.defaultCluster, 'only');
  assert.ok(one.client());
  assert.throws(() => one.client('nope'), /no such InfluxDB config nope/);
  assert.throws(
    () =>
      new InfluxDBService(
        [
          { ...base, name: 'a' },
          { ...base, name: 'b' },
        ],
        identity,
        silent,
      ),
    /no default cluster found/,
  );
  const two = new InfluxDBService(
    [
      { ...base, name: 'a' },
      { ...base, name: 'b', default: true },
    ],
    identity,
    silent,
  );
  assert.equal(two.defaultCluster, 'b');
  const none = new InfluxDBService([{ ...base, enabled: false }], identity, silent);
  assert.equal(none.hasClusters(), false);
  assert.throws(() => none.client(), /InfluxDB not configured/);
  void one.close();
  void two.close();
});

test('cluster: closing during startup retries returns at once', async () => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const cluster = new InfluxDBCluster(
    clusterConfig({ urls: [dead], startupTimeout: 60_000, subscriptionsSyncInterval: 0 }),
    { hostname: '127.0.0.1', httpPort: 9092, clusterId: 'cid', serverId: 'sid' },
    silent,
  );
  void cluster.open();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  await cluster.close();
  assert.ok(Date.now() - started < 1000, 'close waited for the retry loop');
});
