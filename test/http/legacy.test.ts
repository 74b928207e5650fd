// HTTP-level tests of the pre-1.0 API: define / show / enable / disable / list / delete tasks
// through /task and /api/v1, recordings through /api/v1/record and /api/v1/recordings, and a
// replay through /api/v1/replay — all on the same tasks and recordings as the v1 API.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

const script = "stream\n    |from()\n        .measurement('lm')\n    |window()\n        .period(10s)\n        .every(10s)\n";
const dbrps = JSON.stringify([{ db: 'ldb', rp: 'autogen' }]);

function define(name: string, body = script, type = 'stream') {
  return request(server.url, 'POST', `/task?name=${name}&type=${type}&dbrps=${encodeURIComponent(dbrps)}`, {
    body,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
}

test('define, show, enable, disable, list and delete a task', async () => {
  const defined = await define('lt1');
  assert.equal(defined.status, 204, defined.text);
  const shown = await request(server.url, 'GET', '/task?name=lt1');
  assert.equal(shown.status, 200);
  assert.equal(shown.json.Name, 'lt1');
  assert.equal(shown.json.Type, 0);
  assert.deepEqual(shown.json.DBRPs, [{ db: 'ldb', rp: 'autogen' }]);
  assert.equal(shown.json.TICKscript, script);
  assert.ok(shown.json.Dot.startsWith('digraph lt1 {'));
  assert.deepEqual([shown.json.Enabled, shown.json.Error], [false, '']);
  // the same task through the v1 API
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/lt1')).json.status, 'disabled');

  assert.equal((await request(server.url, 'POST', '/api/v1/enable?name=lt1')).status, 204);
  assert.equal((await request(server.url, 'GET', '/task?name=lt1')).json.Enabled, true);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/lt1')).json.executing, true);
  assert.equal((await request(server.url, 'POST', '/api/v1/disable?name=lt1')).status, 204);
  assert.equal((await request(server.url, 'GET', '/task?name=lt1')).json.Enabled, false);

  // redefining updates the script
  const changed = script.replace('10s', '20s');
  assert.equal((await define('lt1', changed)).status, 204);
  assert.equal((await request(server.url, 'GET', '/task?name=lt1')).json.TICKscript, changed);

  const list = await request(server.url, 'GET', '/api/v1/tasks');
  const mine = list.json.Tasks.find((t: { Name: string }) => t.Name === 'lt1');
  assert.deepEqual([mine.Type, mine.DBRPs, mine.Enabled], [0, [{ db: 'ldb', rp: 'autogen' }], false]);

  assert.equal((await request(server.url, 'DELETE', '/task?name=lt1')).status, 204);
  const missing = await request(server.url, 'GET', '/task?name=lt1');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.Error, 'no task exists');
});

test('errors are {"Error": ...}', async () => {
  const bad = await define('lt-bad', 'stream\n    |nonsense(');
  assert.equal(bad.status, 400);
  assert.ok(typeof bad.json.Error === 'string' && bad.json.Error !== '');
  const noName = await request(server.url, 'POST', '/task', { body: script });
  assert.equal(noName.status, 400);
  assert.ok(noName.json.Error);
  const enableMissing = await request(server.url, 'POST', '/api/v1/enable?name=nope');
  assert.equal(enableMissing.status, 404);
  assert.equal(enableMissing.json.Error, 'no task exists');
  const badType = await request(server.url, 'POST', '/api/v1/record?type=weird');
  assert.equal(badType.status, 400);
  assert.equal(badType.json.Error, 'invalid recording type');
});

test('record a stream for a duration, list it, replay it', async () => {
  assert.equal((await define('lt2')).status, 204);
  // The record request answers once the recording has started (Kapacitor 0.10+); GET
  // /api/v1/record?id= answers only once it is done (point time passed 5s).
  const recorded = await request(server.url, 'POST', '/api/v1/record?type=stream&name=lt2&duration=5s');
  assert.equal(recorded.status, 200, recorded.text);
  const id = recorded.json.RecordingID;
  assert.match(id, /^[0-9a-f-]{36}$/);
  let answered = false;
  const pending = request(server.url, 'GET', `/api/v1/record?id=${id}`).then((r) => {
    answered = true;
    return r;
  });
  await request(server.url, 'POST', '/write?db=ldb&rp=autogen&precision=s', { body: 'lm value=1 100\nlm value=2 103\n' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(answered, false, 'GET answered before the recording was done');
  await request(server.url, 'POST', '/write?db=ldb&rp=autogen&precision=s', { body: 'lm value=3 106\n' });
  const shown = await pending;
  assert.equal(shown.status, 200, shown.text);
  assert.ok(shown.json.Size > 0);
  const status = await request(server.url, 'GET', `/kapacitor/v1/recordings/${id}`);
  assert.equal(status.json.status, 'finished');

  const list = await request(server.url, 'GET', '/api/v1/recordings');
  const mine = list.json.Recordings.find((r: { ID: string }) => r.ID === id);
  assert.equal(mine.Type, 0);
  assert.ok(mine.Size > 0);
  assert.ok(!Number.isNaN(Date.parse(mine.Created)));

  const replay = await request(server.url, 'POST', `/api/v1/replay?name=lt2&id=${id}&clock=fast&rec-time=true`);
  assert.equal(replay.status, 204, replay.text);
  const badRecTime = await request(server.url, 'POST', `/api/v1/replay?name=lt2&id=${id}&rec-time=maybe`);
  assert.equal(badRecTime.status, 400);
  assert.equal((await request(server.url, 'DELETE', `/api/v1/recording?rid=${id}`)).status, 204);
  assert.equal((await request(server.url, 'GET', `/kapacitor/v1/recordings/${id}`)).status, 404);
});
