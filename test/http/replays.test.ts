// HTTP-level tests of /kapacitor/v1/replays against a real server and influxd: a recorded
// stream replayed into an isolated copy of a task (results observed through influxDBOut),
// /replays/batch and /replays/query, recording-time vs shifted times, list/get/delete, errors.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/config/defaults.js';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';
import { influxdSkipReason, startInfluxd, type Influxd } from '../support/influxd.js';

let server: TestServer;
let influxd: Influxd | undefined;

before(async () => {
  influxd = await startInfluxd();
  const influxdb = influxd ? [{ ...defaultConfig('/tmp').influxdb[0]!, urls: [influxd.url], disableSubscriptions: true }] : [];
  server = await startTestServer({ influxdb });
  await influxd?.query('CREATE DATABASE src');
  await influxd?.query('CREATE DATABASE out');
});
after(async () => {
  await server.close();
  await influxd?.stop();
});

async function createTask(id: string, script: string, type = 'stream') {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: { id, type, dbrps: [{ db: 'src', rp: 'autogen' }], script } });
  assert.equal(reply.status, 200, reply.text);
}

async function waitDone(kind: 'replays' | 'recordings', id: string) {
  return poll(
    () => request(server.url, 'GET', `/kapacitor/v1/${kind}/${id}`),
    (r) => r.json?.status !== undefined && r.json.status !== 'running',
    15_000,
  );
}

async function outRows(measurement: string): Promise<unknown[][]> {
  const json = await influxd!.query(`SELECT * FROM "${measurement}"`, 'out');
  return json.results[0].series?.[0]?.values ?? [];
}

const toOut = (m: string, out: string) =>
  `stream\n    |from()\n        .measurement('${m}')\n    |influxDBOut()\n        .database('out')\n        .measurement('${out}')\n        .tag('replayed', 'yes')\n`;

test('record a stream, replay it with recording-time into an isolated copy of the task', { skip: influxdSkipReason }, async () => {
  await createTask('rp-stream', toOut('sm', 'stream_out'));
  await request(server.url, 'POST', '/kapacitor/v1/recordings/stream', { json: { id: 'rec-s', task: 'rp-stream', stop: '1970-01-01T00:00:05Z' } });
  await request(server.url, 'POST', '/write?db=src&rp=autogen&precision=s', { body: 'sm value=1 1\nsm value=2 2\nsm value=3 3\nsm value=4 9\n' });
  assert.equal((await waitDone('recordings', 'rec-s')).json.status, 'finished');

  const created = await request(server.url, 'POST', '/kapacitor/v1/replays', {
    json: { id: 'rp1', task: 'rp-stream', recording: 'rec-s', 'recording-time': true },
  });
  assert.equal(created.status, 201, created.text);
  for (const key of ['link', 'id', 'task', 'recording', 'recording-time', 'clock', 'date', 'error', 'status', 'progress']) assert.ok(key in created.json, key);
  assert.deepEqual([created.json.clock, created.json['recording-time'], created.json.status], ['fast', true, 'running']);
  const done = await waitDone('replays', 'rp1');
  assert.equal(done.status, 200);
  assert.deepEqual([done.json.status, done.json.error, done.json.progress], ['finished', '', 1]);
  assert.deepEqual(await outRows('stream_out'), [
    ['1970-01-01T00:00:01Z', 'yes', 1],
    ['1970-01-01T00:00:02Z', 'yes', 2],
    ['1970-01-01T00:00:03Z', 'yes', 3],
  ]);
  // the task itself was never enabled: the replay ran in an isolated copy
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/rp-stream')).json.executing, false);
});

test('without recording-time the data is shifted to start now', { skip: influxdSkipReason }, async () => {
  await createTask('rp-shift', toOut('shm', 'shift_out'));
  await request(server.url, 'POST', '/kapacitor/v1/recordings/stream', { json: { id: 'rec-shift', task: 'rp-shift', stop: '1970-01-01T00:00:05Z' } });
  await request(server.url, 'POST', '/write?db=src&rp=autogen&precision=s', { body: 'shm value=1 1\nshm value=2 3\nshm value=9 8\n' });
  await waitDone('recordings', 'rec-shift');
  const before = Date.now();
  await request(server.url, 'POST', '/kapacitor/v1/replays', { json: { id: 'rp-shift', task: 'rp-shift', recording: 'rec-shift' } });
  assert.equal((await waitDone('replays', 'rp-shift')).json.status, 'finished');
  const rows = await outRows('shift_out');
  assert.equal(rows.length, 2);
  const first = Date.parse(rows[0]![0] as string);
  const second = Date.parse(rows[1]![0] as string);
  assert.ok(first >= before - 1000 && first <= Date.now() + 1000, `shifted time ${String(rows[0]![0])}`);
  assert.equal(second - first, 2000);
});

test("/replays/batch runs the batch task's queries; /replays/query feeds one query", { skip: influxdSkipReason }, async () => {
  await influxd!.write('src', ['bm,host=a value=1 100', 'bm,host=b value=2 110', 'bm,host=a value=3 160'], 's');
  await createTask(
    'rp-batch',
    `batch\n    |query('SELECT value FROM "src"."autogen"."bm"')\n        .period(50s)\n        .every(50s)\n        .groupBy('host')\n    |influxDBOut()\n        .database('out')\n        .measurement('batch_out')\n`,
    'batch',
  );
  const created = await request(server.url, 'POST', '/kapacitor/v1/replays/batch', {
    json: { id: 'rpb', task: 'rp-batch', start: '1970-01-01T00:01:40Z', stop: '1970-01-01T00:03:20Z', 'recording-time': true },
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.recording, '');
  assert.deepEqual([(await waitDone('replays', 'rpb')).json.status], ['finished']);
  assert.deepEqual(await outRows('batch_out'), [
    ['1970-01-01T00:01:40Z', 'a', 1],
    ['1970-01-01T00:01:50Z', 'b', 2],
    ['1970-01-01T00:02:40Z', 'a', 3],
  ]);

  const stream = await request(server.url, 'POST', '/kapacitor/v1/replays/batch', { json: { task: 'rp-stream-none' } });
  assert.equal(stream.status, 404);
  await createTask('rp-q', toOut('bm', 'query_out'));
  const q = await request(server.url, 'POST', '/kapacitor/v1/replays/query', {
    json: { id: 'rpq', task: 'rp-q', query: 'SELECT value FROM "src"."autogen"."bm" WHERE time < 150s GROUP BY host', 'recording-time': true },
  });
  assert.equal(q.status, 201, q.text);
  assert.equal((await waitDone('replays', 'rpq')).json.status, 'finished');
  assert.equal((await outRows('query_out')).length, 2);
  const wrongType = await request(server.url, 'POST', '/kapacitor/v1/replays/batch', { json: { task: 'rp-q' } });
  assert.equal(wrongType.status, 400);
  assert.equal(wrongType.json.error, 'cannot replay batch against stream task: rp-q');
});

test('replay errors, list, get and delete', { skip: influxdSkipReason }, async () => {
  const unknownTask = await request(server.url, 'POST', '/kapacitor/v1/replays', { json: { task: 'nope', recording: 'nope' } });
  assert.equal(unknownTask.status, 404);
  assert.equal(unknownTask.json.error, 'task load: no task exists');
  const unknownRecording = await request(server.url, 'POST', '/kapacitor/v1/replays', { json: { task: 'rp-stream', recording: 'nope' } });
  assert.equal(unknownRecording.status, 404);
  const badClock = await request(server.url, 'POST', '/kapacitor/v1/replays', { json: { task: 'rp-stream', recording: 'rec-s', clock: 'slow' } });
  assert.equal(badClock.status, 400);
  assert.equal(badClock.json.error, 'invalid clock type slow');

  await createTask('rp-wrong', `batch\n    |query('SELECT value FROM "src"."autogen"."x"')\n        .period(10s)\n        .every(10s)\n`, 'batch');
  await request(server.url, 'POST', '/kapacitor/v1/replays', { json: { id: 'rp-wrong', task: 'rp-wrong', recording: 'rec-s' } });
  const wrong = await waitDone('replays', 'rp-wrong');
  assert.equal(wrong.json.status, 'failed');
  assert.match(wrong.json.error, /wrong type/);

  const list = await request(server.url, 'GET', '/kapacitor/v1/replays?pattern=rp*&fields=status');
  assert.ok(list.json.replays.length >= 3);
  assert.deepEqual(Object.keys(list.json.replays[0]).sort(), ['id', 'link', 'status']);
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/replays/rp1')).status, 204);
  const gone = await request(server.url, 'GET', '/kapacitor/v1/replays/rp1');
  assert.equal(gone.status, 404);
  assert.ok(gone.json.error);
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/replays/rp1')).status, 204);
});
