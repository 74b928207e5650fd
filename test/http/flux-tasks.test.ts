// /kapacitor/v1/api/v2/tasks over HTTP against a real server: task CRUD with v2 shapes,
// statuses and {"code","message"} errors, scheduled runs, run now, retry, cancel, logs, the
// run list filters, and compile errors answered 422 with their position.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

const API = '/kapacitor/v1/api/v2/tasks';
let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

const ok = (name: string, every = '1s') => `option task = {name: "${name}", every: ${every}}\n\nx = 1 + 1\n`;

async function create(flux: string, status?: string) {
  const reply = await request(server.url, 'POST', API, { json: status === undefined ? { flux } : { flux, status } });
  assert.equal(reply.status, 201, reply.text);
  return reply.json;
}

test('POST creates a task with v2 fields; GET, list, PATCH and DELETE', async () => {
  const task = await create(ok('crud-a', '1h'), 'inactive');
  assert.match(task.id, /^[0-9a-f]{16}$/);
  assert.deepEqual(
    Object.keys(task).sort(),
    ['createdAt', 'every', 'flux', 'id', 'labels', 'latestCompleted', 'links', 'name', 'orgID', 'ownerID', 'status', 'updatedAt'].sort(),
  );
  assert.equal(task.name, 'crud-a');
  assert.equal(task.every, '1h');
  assert.equal(task.status, 'inactive');
  assert.equal(task.orgID, '');
  assert.match(task.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(task.links, { self: `${API}/${task.id}`, runs: `${API}/${task.id}/runs`, logs: `${API}/${task.id}/logs` });

  const got = await request(server.url, 'GET', `${API}/${task.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, task);

  const other = await create(ok('crud-b', '1h'), 'inactive');
  const byName = await request(server.url, 'GET', `${API}?name=crud-b`);
  assert.deepEqual(
    byName.json.tasks.map((t: any) => t.id),
    [other.id],
  );
  const limited = await request(server.url, 'GET', `${API}?limit=1`);
  assert.equal(limited.json.tasks.length, 1);
  assert.ok(limited.json.links.next.includes('after='));
  const afterFirst = await request(server.url, 'GET', `${API}?after=${task.id}`);
  assert.ok(afterFirst.json.tasks.every((t: any) => t.id > task.id));
  const inactive = await request(server.url, 'GET', `${API}?status=inactive`);
  assert.ok(inactive.json.tasks.some((t: any) => t.id === other.id));
  const badLimit = await request(server.url, 'GET', `${API}?limit=501`);
  assert.deepEqual([badLimit.status, badLimit.json], [422, { code: 'unprocessable entity', message: 'limit must be between 1 and 500' }]);

  const patched = await request(server.url, 'PATCH', `${API}/${task.id}`, { json: { every: '2h', name: 'crud-renamed', offset: '10s' } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.every, '2h');
  assert.equal(patched.json.offset, '10s');
  assert.equal(patched.json.name, 'crud-renamed');
  assert.match(patched.json.flux, /option task = \{name: "crud-renamed", every: 2h, offset: 10s\}/);
  const empty = await request(server.url, 'PATCH', `${API}/${task.id}`, { json: {} });
  assert.deepEqual([empty.status, empty.json.code], [400, 'invalid']);
  assert.match(empty.json.message, /cannot update task without content/);

  const deleted = await request(server.url, 'DELETE', `${API}/${task.id}`);
  assert.equal(deleted.status, 204);
  const gone = await request(server.url, 'GET', `${API}/${task.id}`);
  assert.deepEqual([gone.status, gone.json], [404, { code: 'not found', message: 'failed to find task: task not found' }]);
  const goneAgain = await request(server.url, 'DELETE', `${API}/${task.id}`);
  assert.deepEqual([goneAgain.status, goneAgain.json.message], [404, 'failed to delete task: task not found']);
});

test('bad requests: 400 for bad ids, JSON, status or missing flux; 422 with a position for bad Flux', async () => {
  const cases: Array<[string, string, unknown, number, string, RegExp]> = [
    ['GET', `${API}/zz`, undefined, 400, 'invalid', /^failed to decode request: id must have a length of 16 bytes$/],
    ['GET', `${API}/zzzzzzzzzzzzzzzz/runs`, undefined, 400, 'invalid', /^failed to decode request: invalid ID$/],
    ['POST', API, {}, 400, 'invalid', /^failed to decode request: missing flux$/],
    ['POST', API, { flux: ok('s'), status: 'paused' }, 400, 'invalid', /invalid task status: "paused"/],
    ['POST', API, { flux: 'x = 1' }, 400, 'invalid', /no task options defined/],
    [
      'POST',
      API,
      { flux: 'option task = {name: "a", every: 1m}\nfrom(bucket: "x")\n  |> range(start: -1m)\n  |> movingAvg(n: 2)' },
      422,
      'unprocessable entity',
      /^compilation failed: error @4:6-4:15: unsupported or undefined function "movingAvg"$/,
    ],
    [
      'POST',
      API,
      { flux: 'option task = {name: "a", every: 1m}\nfrom(bucket: "x")\n  |> range(start: -1m)\n  |> aggregateWindow(every: 1mo1d, fn: mean)' },
      422,
      'unprocessable entity',
      /^compilation failed: error @4:22-4:34: window every cannot mix month and nanosecond units$/,
    ],
    [
      'POST',
      API,
      { flux: 'option task = {name: "a", every: 1m}\nx = (1 + ' },
      422,
      'unprocessable entity',
      /^compilation failed: error @2:10-2:10: expected an expression, got end of input$/,
    ],
  ];
  for (const [method, path, json, status, code, message] of cases) {
    const reply = await request(server.url, method, path, json === undefined ? {} : { json });
    assert.equal(reply.status, status, `${method} ${path}: ${reply.text}`);
    assert.equal(reply.json.code, code);
    assert.match(reply.json.message, message);
  }
  const badJSON = await request(server.url, 'POST', API, { body: '{', headers: { 'Content-Type': 'application/json' } });
  assert.deepEqual([badJSON.status, badJSON.json.code], [400, 'invalid']);
});

test('scheduled runs appear aligned to every, with times and logs; list filters and limits', async () => {
  const task = await create(ok('sched'));
  const runs = await poll(
    async () => (await request(server.url, 'GET', `${API}/${task.id}/runs`)).json.runs,
    (r: any[]) => r.filter((x) => x.status === 'success').length >= 2,
    10000,
  );
  const done = runs.filter((r: any) => r.status === 'success');
  for (const run of done) {
    assert.equal(run.taskID, task.id);
    assert.match(run.scheduledFor, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'scheduled on whole seconds');
    assert.ok(Date.parse(run.startedAt) >= Date.parse(run.scheduledFor));
    assert.ok(Date.parse(run.finishedAt) >= Date.parse(run.startedAt));
    assert.deepEqual(run.log.map((l: any) => l.message).slice(-1), ['Completed(success)']);
    assert.match(run.log[0].message, /^Started task from script: /);
  }
  assert.ok(Date.parse(runs[0].scheduledFor) > Date.parse(runs[1].scheduledFor), 'newest first');
  const limited = await request(server.url, 'GET', `${API}/${task.id}/runs?limit=1`);
  assert.equal(limited.json.runs.length, 1);
  const paged = await request(server.url, 'GET', `${API}/${task.id}/runs?after=${runs[0].id}`);
  assert.ok(paged.json.runs.every((r: any) => r.id !== runs[0].id));
  const future = await request(server.url, 'GET', `${API}/${task.id}/runs?afterTime=2100-01-01T00:00:00Z`);
  assert.deepEqual(future.json.runs, []);
  const window = await request(
    server.url,
    'GET',
    `${API}/${task.id}/runs?afterTime=${encodeURIComponent(runs[1].scheduledFor)}&beforeTime=2100-01-01T00:00:00Z`,
  );
  assert.ok(window.json.runs.every((r: any) => Date.parse(r.scheduledFor) > Date.parse(runs[1].scheduledFor)));
  const reversed = await request(server.url, 'GET', `${API}/${task.id}/runs?afterTime=2100-01-01T00:00:00Z&beforeTime=2000-01-01T00:00:00Z`);
  assert.deepEqual([reversed.status, reversed.json], [422, { code: 'unprocessable entity', message: 'beforeTime must be later than afterTime' }]);
  const badLimit = await request(server.url, 'GET', `${API}/${task.id}/runs?limit=0`);
  assert.deepEqual([badLimit.status, badLimit.json.message], [400, 'failed to decode request: run limit is out of bounds, must be between 1 and 500']);
  const logs = await request(server.url, 'GET', `${API}/${task.id}/logs`);
  assert.ok(logs.json.events.length >= 4, JSON.stringify(logs.json));
  const runLogs = await request(server.url, 'GET', `${API}/${task.id}/runs/${done[0].id}/logs`);
  assert.deepEqual(runLogs.json.events, done[0].log);
  await request(server.url, 'PATCH', `${API}/${task.id}`, { json: { status: 'inactive' } });
});

test('run now, get a run, retry a failed run, cancel; unknown runs are 404', async () => {
  const task = await create('option task = {name: "manual", every: 1h}\nfrom(bucket: "db") |> range(start: -1m) |> yield()\n', 'inactive');
  const forced = await request(server.url, 'POST', `${API}/${task.id}/runs`, { json: { scheduledFor: '2021-01-01T00:00:00Z' } });
  assert.equal(forced.status, 201, forced.text);
  assert.equal(forced.json.scheduledFor, '2021-01-01T00:00:00Z');
  assert.ok(forced.json.requestedAt);
  const failed = await poll(
    async () => (await request(server.url, 'GET', `${API}/${task.id}/runs/${forced.json.id}`)).json,
    (r: any) => r.status === 'failed',
  );
  assert.ok(
    failed.log.some((l: any) => /^error @2:1-2:19: error calling function "from": no InfluxDB is configured/.test(l.message)),
    JSON.stringify(failed.log),
  );
  const retried = await request(server.url, 'POST', `${API}/${task.id}/runs/${failed.id}/retry`);
  assert.equal(retried.status, 200, retried.text);
  assert.notEqual(retried.json.id, failed.id);
  assert.equal(retried.json.scheduledFor, failed.scheduledFor);
  assert.deepEqual(Object.keys(retried.json.links).sort(), ['logs', 'retry', 'self', 'task']);
  const taskAfter = await poll(
    async () => (await request(server.url, 'GET', `${API}/${task.id}`)).json,
    (t: any) => t.lastRunStatus === 'failed',
  );
  assert.match(taskAfter.lastRunError, /no InfluxDB is configured/);
  const missing = await request(server.url, 'GET', `${API}/${task.id}/runs/0000000000000001`);
  assert.deepEqual([missing.status, missing.json], [404, { code: 'not found', message: 'failed to find run: run not found' }]);
  const retryMissing = await request(server.url, 'POST', `${API}/${task.id}/runs/0000000000000001/retry`);
  assert.deepEqual([retryMissing.status, retryMissing.json.message], [404, 'failed to retry run: run not found']);
  const cancelDone = await request(server.url, 'DELETE', `${API}/${task.id}/runs/${failed.id}`);
  assert.deepEqual([cancelDone.status, cancelDone.json.message], [404, 'failed to cancel run: run not found']);
  const unknownTask = await request(server.url, 'POST', `${API}/0badc0de0badc0de/runs`);
  assert.deepEqual([unknownTask.status, unknownTask.json.message], [404, 'failed to force run: task not found']);
});
