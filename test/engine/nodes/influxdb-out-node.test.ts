// influxDBOut against a recording InfluxDB port, for Kapacitor's influxdb_out.go rules: db/rp
// from the point unless set, .tag() overriding point tags, measurement defaulting to the
// point's name, buffering per db/rp, .create() once at start, one write attempt, and the task
// refusing to start without InfluxDB or with an unknown cluster.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InfluxDBPort } from '../../../src/engine/ports.js';
import type { InfluxDBClient, WriteOptions } from '../../../src/influxql/client.js';
import { run } from '../harness.js';

interface Recorder {
  port: InfluxDBPort;
  writes: Array<{ body: string; options: WriteOptions }>;
  creates: string[];
}

function recorder(failWrites = false): Recorder {
  const writes: Recorder['writes'] = [];
  const creates: string[] = [];
  const client = {
    async write(body: string | Buffer, options: WriteOptions) {
      if (failWrites) throw new Error('boom');
      writes.push({ body: String(body), options });
    },
    async createDatabase(name: string, rp?: string) {
      creates.push(`${name}/${rp ?? ''}`);
    },
    async query() {
      return [];
    },
  } as unknown as InfluxDBClient;
  const port: InfluxDBPort = {
    hasClusters: () => true,
    client: (name = '') => {
      if (name !== '' && name !== 'main') throw new Error(`no such InfluxDB config ${name}`);
      return client;
    },
  };
  return { port, writes, creates };
}

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 30));
}

test('a point goes to its own db/rp unless set; .tag() overrides its tags; measurement defaults to its name', async () => {
  const rec = recorder();
  const t = run(`stream|from()|influxDBOut().buffer(1).tag('host', 'fixed').tag('k', 'v')`, {
    services: { influxdb: rec.port },
    dbrps: [
      { db: 'a', rp: 'r1' },
      { db: 'b', rp: 'r2' },
    ],
  });
  t.write('m,host=h1 v=1 1', { db: 'a', rp: 'r1' });
  t.write('n,host=h2 v=2 2', { db: 'b', rp: 'r2' });
  await settle();
  assert.deepEqual(
    rec.writes.map((w) => [w.options.database, w.options.retentionPolicy, w.body]),
    [
      ['a', 'r1', 'm,host=fixed,k=v v=1 1000000000\n'],
      ['b', 'r2', 'n,host=fixed,k=v v=2 2000000000\n'],
    ],
  );
  t.stop();
});

test('lines are buffered per db/rp until buffer lines are pending; the rest go at stop', async () => {
  const rec = recorder();
  const t = run(`stream|from()|influxDBOut().buffer(2).flushInterval(1h).retentionPolicy('x')`, {
    services: { influxdb: rec.port },
    dbrps: [
      { db: 'a', rp: 'r' },
      { db: 'b', rp: 'r' },
    ],
  });
  t.write('m v=1 1', { db: 'a', rp: 'r' });
  t.write('m v=2 2', { db: 'b', rp: 'r' });
  await settle();
  assert.equal(rec.writes.length, 0, 'one line per db is below the buffer size');
  t.write('m v=3 3', { db: 'a', rp: 'r' });
  await settle();
  assert.deepEqual(
    rec.writes.map((w) => [w.options.database, w.options.retentionPolicy, w.body]),
    [['a', 'x', 'm v=1 1000000000\nm v=3 3000000000\n']],
  );
  t.stop();
  await settle();
  assert.deepEqual(
    rec.writes.slice(1).map((w) => [w.options.database, w.body]),
    [['b', 'm v=2 2000000000\n']],
  );
});

test('.create() creates the database once at start; a failed write is one write error', async () => {
  const rec = recorder();
  const t = run(`stream|from()|influxDBOut().database('d').retentionPolicy('r').create().buffer(1)`, { services: { influxdb: rec.port } });
  await settle();
  assert.deepEqual(rec.creates, ['d/r']);
  t.write('m v=1 1');
  await settle();
  assert.deepEqual(rec.creates, ['d/r']);
  assert.equal(rec.writes.length, 1);
  t.stop();

  const failing = recorder(true);
  const f = run(`stream|from()|influxDBOut().database('d').buffer(1)`, { services: { influxdb: failing.port }, id: 'f' });
  f.write('m v=1 1');
  await settle();
  const counters = f.stats().nodes.influxdb_out2!.counters;
  assert.deepEqual([counters.write_errors, counters.points_written, counters.errors], [1, 0, 1]);
  f.stop();
});

test('without InfluxDB, or with an unknown cluster, the task does not start (influxdb_out.go newInfluxDBOutNode)', () => {
  assert.throws(
    () => run(`stream|from()|influxDBOut().database('d')`, { id: 'none' }),
    /^Error: no InfluxDB cluster configured cannot use the InfluxDBOutNode$/,
  );
  const rec = recorder();
  assert.throws(
    () => run(`stream|from()|influxDBOut().database('d').cluster('other')`, { services: { influxdb: rec.port }, id: 'other' }),
    /^Error: failed to get InfluxDB client: no such InfluxDB config other$/,
  );
  const empty: InfluxDBPort = {
    hasClusters: () => false,
    client: () => {
      throw new Error('unused');
    },
  };
  assert.throws(
    () => run(`stream|from()|influxDBOut().database('d')`, { services: { influxdb: empty }, id: 'empty' }),
    /^Error: failed to get InfluxDB client: no such InfluxDB config $/,
  );
});
