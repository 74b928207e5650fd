// Batch work survives kill -9 (against a real InfluxDB): an enabled batch task queries again
// after the restart, and batch and query recordings are still listed and replay the same data.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { influxdSkipReason, startInfluxd, type Influxd } from '../support/influxd.js';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request, type Reply } from '../support/test-server.js';

let influxd: Influxd | undefined;
before(async () => {
  influxd = await startInfluxd();
});
after(async () => {
  await influxd?.stop();
});

const BATCH_TASK = `batch
    |query('SELECT value FROM "db"."autogen"."bm"')
        .period(1h)
        .every(1s)
    |httpOut('out')
`;

async function ok(reply: Promise<Reply>, status = 200): Promise<any> {
  const answer = await reply;
  assert.equal(answer.status, status, answer.text);
  return answer.json;
}

/** Points collected and emitted by each node of a finished replay. */
function counts(replay: any): Record<string, unknown> {
  return Object.fromEntries(Object.entries(replay.stats['node-stats']).map(([node, stats]: [string, any]) => [node, [stats.collected, stats.emitted]]));
}

async function replay(url: string, id: string, recording: string): Promise<any> {
  await ok(request(url, 'POST', '/kapacitor/v1/replays', { json: { id, task: 'batch_task', recording, clock: 'fast', 'recording-time': true } }), 201);
  const done = await poll(
    async () => (await request(url, 'GET', `/kapacitor/v1/replays/${id}`)).json,
    (r) => r?.status !== 'running',
    10000,
  );
  assert.deepEqual([done.status, done.error], ['finished', ''], JSON.stringify(done));
  return done;
}

test('batch tasks and batch/query recordings survive kill -9', { skip: influxdSkipReason, timeout: 90000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-durability-'));
  const port = await freePort();
  const configPath = join(dataDir, 'kapacitor.conf');
  writeFileSync(configPath, `[[influxdb]]\n  enabled = true\n  name = "default"\n  urls = ["${influxd!.url}"]\n  disable-subscriptions = true\n`);
  const now = Math.floor(Date.now() / 1000);
  await influxd!.query('CREATE DATABASE db');
  await influxd!.write('db', [`bm value=1 ${now - 120}`, `bm value=2 ${now - 60}`, `bm value=3 ${now - 30}`], 's');
  try {
    let beforeRecordings: unknown;
    let beforeReplays: Record<string, Record<string, unknown>>;
    const first = await spawnServer(dataDir, port, ['-config', configPath]);
    try {
      const url = first.url;
      await ok(
        request(url, 'POST', '/kapacitor/v1/tasks', {
          json: { id: 'batch_task', type: 'batch', dbrps: [{ db: 'db', rp: 'autogen' }], script: BATCH_TASK, status: 'enabled' },
        }),
      );
      await poll(
        async () => request(url, 'GET', '/kapacitor/v1/tasks/batch_task/out'),
        (reply) => reply.json?.series?.length > 0,
        10000,
      );

      const start = new Date((now - 150) * 1000).toISOString();
      const stop = new Date((now + 1) * 1000).toISOString();
      await ok(request(url, 'POST', '/kapacitor/v1/recordings/batch', { json: { id: 'brec', task: 'batch_task', start, stop } }), 201);
      await ok(
        request(url, 'POST', '/kapacitor/v1/recordings/query', { json: { id: 'qrec', type: 'batch', query: 'SELECT value FROM "db"."autogen"."bm"' } }),
        201,
      );
      for (const id of ['brec', 'qrec']) {
        const done = await poll(
          async () => (await request(url, 'GET', `/kapacitor/v1/recordings/${id}`)).json,
          (r) => r?.status !== 'running',
          10000,
        );
        assert.deepEqual([done.status, done.error], ['finished', ''], JSON.stringify(done));
      }
      beforeRecordings = await ok(request(url, 'GET', '/kapacitor/v1/recordings'));
      beforeReplays = { brec: counts(await replay(url, 'brep', 'brec')), qrec: counts(await replay(url, 'qrep', 'qrec')) };
      assert.ok((beforeReplays.brec!.query1 as number[])[0]! > 0, JSON.stringify(beforeReplays));
      assert.deepEqual(beforeReplays.qrec!.query1, [1, 1], JSON.stringify(beforeReplays));
    } finally {
      await killHard(first);
    }

    const second = await spawnServer(dataDir, port, ['-config', configPath]);
    try {
      const url = second.url;
      assert.deepEqual(await ok(request(url, 'GET', '/kapacitor/v1/recordings')), beforeRecordings);
      assert.equal((await ok(request(url, 'GET', '/kapacitor/v1/tasks/batch_task'))).executing, true);
      const out = await poll(
        async () => request(url, 'GET', '/kapacitor/v1/tasks/batch_task/out'),
        (reply) => reply.json?.series?.length > 0,
        10000,
      );
      assert.equal(out.json.series[0].values.length, 3);
      assert.deepEqual(counts(await replay(url, 'brep2', 'brec')), beforeReplays.brec);
      assert.deepEqual(counts(await replay(url, 'qrep2', 'qrec')), beforeReplays.qrec);
    } finally {
      await killHard(second);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
