// HTTP-level tests of /kapacitor/v1/recordings against a real server and a real influxd:
// stream recordings (tap on /write, finish on a point after stop), batch and query recordings,
// list / get / delete, errors, and the files in Kapacitor's formats in the replay dir.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/defaults.js';
import { decodeBatchRecording, decodeStreamRecording } from '../../src/recording/recording-files.js';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';
import { influxdSkipReason, startInfluxd, type Influxd } from '../support/influxd.js';

let server: TestServer;
let influxd: Influxd | undefined;

before(async () => {
  influxd = await startInfluxd();
  const influxdb = influxd ? [{ ...defaultConfig('/tmp').influxdb[0]!, urls: [influxd.url], disableSubscriptions: true }] : [];
  server = await startTestServer({ influxdb });
});
after(async () => {
  await server.close();
  await influxd?.stop();
});

const streamScript = (m: string) => `stream\n    |from()\n        .measurement('${m}')\n    |window()\n        .period(10s)\n        .every(10s)\n`;

async function createTask(id: string, script: string, type = 'stream') {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: { id, type, dbrps: [{ db: 'db', rp: 'autogen' }], script } });
  assert.equal(reply.status, 200, reply.text);
}

async function waitFinished(id: string) {
  return poll(
    () => request(server.url, 'GET', `/kapacitor/v1/recordings/${id}`),
    (r) => r.json?.status !== 'running',
    10_000,
  );
}

test('stream recording: 201 running, 202 while running, finished by a point after stop', async () => {
  await createTask('rec-stream', streamScript('m1'));
  const created = await request(server.url, 'POST', '/kapacitor/v1/recordings/stream', {
    json: { id: 'r1', task: 'rec-stream', stop: '1970-01-01T00:00:10Z' },
  });
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(Object.keys(created.json).sort(), ['date', 'error', 'id', 'link', 'progress', 'size', 'status', 'type']);
  assert.deepEqual([created.json.type, created.json.status, created.json.progress, created.json.error], ['stream', 'running', 0, '']);
  assert.deepEqual(created.json.link, { rel: 'self', href: '/kapacitor/v1/recordings/r1' });
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/recordings/r1')).status, 202);

  const body = 'm1,host=a value=1 1\nother value=1 2\nm1,host=b value=2 10\nm1 value=3 11\n';
  await request(server.url, 'POST', '/write?db=db&rp=autogen&precision=s', { body });
  await request(server.url, 'POST', '/write?db=elsewhere&rp=autogen&precision=s', { body: 'm1 value=9 3\n' });
  const done = await waitFinished('r1');
  assert.equal(done.status, 200);
  assert.deepEqual([done.json.status, done.json.progress, done.json.error], ['finished', 1, '']);
  assert.ok(done.json.size > 0);
  const file = join(server.dataDir, 'replay', 'r1.srpl');
  const points = decodeStreamRecording(readFileSync(file));
  assert.deepEqual(
    points.map((p) => [p.name, p.tags.host ?? '', p.time]),
    [
      ['m1', 'a', 1_000_000_000n],
      ['m1', 'b', 10_000_000_000n],
    ],
  );
  assert.equal(readFileSync(file).length, done.json.size);
});

test('stream recording errors: unknown task 404, bad id 400, bad JSON 400', async () => {
  const unknown = await request(server.url, 'POST', '/kapacitor/v1/recordings/stream', { json: { task: 'nope', stop: '1970-01-01T00:00:10Z' } });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error, 'no task exists');
  await createTask('rec-err', streamScript('m2'));
  const badId = await request(server.url, 'POST', '/kapacitor/v1/recordings/stream', { json: { id: 'a b', task: 'rec-err' } });
  assert.equal(badId.status, 400);
  assert.match(badId.json.error, /recording ID must contain only letters/);
  const badJson = await request(server.url, 'POST', '/kapacitor/v1/recordings/stream', { body: '{"task":', headers: { 'Content-Type': 'application/json' } });
  assert.equal(badJson.status, 400);
  assert.ok(badJson.json.error);
});

test('list newest first with pattern and fields; get missing; delete removes the file', async () => {
  await createTask('rec-list', streamScript('m3'));
  for (const id of ['list-a', 'list-b']) {
    const r = await request(server.url, 'POST', '/kapacitor/v1/recordings/stream', { json: { id, task: 'rec-list', stop: '1970-01-01T00:00:01Z' } });
    assert.equal(r.status, 201);
    await request(server.url, 'POST', '/write?db=db&rp=autogen&precision=s', { body: 'm3 value=1 0\nm3 value=1 5\n' });
    await waitFinished(id);
  }
  const list = await request(server.url, 'GET', '/kapacitor/v1/recordings?pattern=list-*');
  assert.deepEqual(
    list.json.recordings.map((r: { id: string }) => r.id),
    ['list-b', 'list-a'],
  );
  const fields = await request(server.url, 'GET', '/kapacitor/v1/recordings?pattern=list-a&fields=size');
  assert.deepEqual(Object.keys(fields.json.recordings[0]).sort(), ['id', 'link', 'size']);
  const limited = await request(server.url, 'GET', '/kapacitor/v1/recordings?pattern=list-*&offset=1&limit=1');
  assert.deepEqual(
    limited.json.recordings.map((r: { id: string }) => r.id),
    ['list-a'],
  );
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/recordings?fields=bogus')).status, 400);

  const missing = await request(server.url, 'GET', '/kapacitor/v1/recordings/none');
  assert.equal(missing.status, 404);
  assert.match(missing.json.error, /no recording exists/);

  const file = join(server.dataDir, 'replay', 'list-a.srpl');
  assert.ok(existsSync(file));
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/recordings/list-a')).status, 204);
  assert.ok(!existsSync(file));
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/recordings/list-a')).status, 204);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/recordings/list-a')).status, 404);
});

test('batch recording runs the task queries over [start, stop] into a .brpl', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE db');
  await influxd!.write(
    'db',
    Array.from({ length: 10 }, (_, i) => `brec,host=${i % 2 ? 'a' : 'b'} value=${i} ${100 + i * 10}`),
    's',
  );
  await createTask(
    'rec-batch',
    `batch\n    |query('SELECT value FROM "db"."autogen"."brec"')\n        .period(50s)\n        .every(50s)\n        .groupBy('host')\n`,
    'batch',
  );
  const missingStart = await request(server.url, 'POST', '/kapacitor/v1/recordings/batch', { json: { task: 'rec-batch' } });
  assert.equal(missingStart.status, 400);
  assert.equal(missingStart.json.error, 'must provide start time');
  const created = await request(server.url, 'POST', '/kapacitor/v1/recordings/batch', {
    json: { id: 'rb', task: 'rec-batch', start: '1970-01-01T00:01:40Z', stop: '1970-01-01T00:03:20Z' },
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.type, 'batch');
  const done = await waitFinished('rb');
  assert.deepEqual([done.json.status, done.json.error], ['finished', '']);
  const sources = decodeBatchRecording(readFileSync(join(server.dataDir, 'replay', 'rb.brpl')));
  assert.equal(sources.length, 1);
  // two windows ([100s,150s), [150s,200s)) × two hosts
  assert.equal(sources[0]!.length, 4);
  assert.deepEqual(
    sources[0]!.map((b) => b.tags.host),
    ['a', 'b', 'a', 'b'],
  );
  assert.equal(
    sources[0]!.reduce((n, b) => n + b.points.length, 0),
    10,
  );
  assert.equal(sources[0]![0]!.tmax, 150_000_000_000n);
});

test('query recordings: stream and batch data; unqualified query fails; missing query 400', { skip: influxdSkipReason }, async () => {
  await influxd!.query('CREATE DATABASE db');
  await influxd!.write('db', ['qrec,host=a value=1 1', 'qrec,host=b value=2 2', 'qrec,host=a value=3 3'], 's');
  const q = `SELECT value FROM "db"."autogen"."qrec" WHERE time >= 0s AND time < 10s GROUP BY host`;
  const stream = await request(server.url, 'POST', '/kapacitor/v1/recordings/query', { json: { id: 'qs', type: 'stream', query: q } });
  assert.equal(stream.status, 201, stream.text);
  const batch = await request(server.url, 'POST', '/kapacitor/v1/recordings/query', { json: { id: 'qb', type: 'batch', query: q } });
  assert.equal(batch.status, 201);
  assert.equal((await waitFinished('qs')).json.status, 'finished');
  assert.equal((await waitFinished('qb')).json.status, 'finished');
  const points = decodeStreamRecording(readFileSync(join(server.dataDir, 'replay', 'qs.srpl')));
  assert.deepEqual(
    points.map((p) => [p.tags.host, p.time, p.database, p.retentionPolicy]),
    [
      ['a', 1_000_000_000n, 'db', 'autogen'],
      ['b', 2_000_000_000n, 'db', 'autogen'],
      ['a', 3_000_000_000n, 'db', 'autogen'],
    ],
  );
  const batches = decodeBatchRecording(readFileSync(join(server.dataDir, 'replay', 'qb.brpl')))[0]!;
  assert.deepEqual(
    batches.map((b) => [b.tags.host, b.points.length]),
    [
      ['a', 2],
      ['b', 1],
    ],
  );

  await request(server.url, 'POST', '/kapacitor/v1/recordings/query', { json: { id: 'qbad', type: 'stream', query: 'SELECT value FROM qrec' } });
  const failed = await waitFinished('qbad');
  assert.equal(failed.json.status, 'failed');
  assert.match(failed.json.error, /fully qualified/);
  const missing = await request(server.url, 'POST', '/kapacitor/v1/recordings/query', { json: { type: 'stream' } });
  assert.equal(missing.status, 400);
  assert.equal(missing.json.error, 'must provide query');
  assert.ok(readdirSync(join(server.dataDir, 'replay')).includes('qb.brpl'));
});
