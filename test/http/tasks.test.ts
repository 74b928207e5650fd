// HTTP-level tests of /kapacitor/v1/tasks: every field, create/get/patch/delete, list
// options, errors with Kapacitor's texts and status codes.

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

const script = (m: string) => `stream\n    |from()\n        .measurement('${m}')\n`;
const dbrps = [{ db: 'db', rp: 'rp' }];

async function create(body: Record<string, unknown>) {
  return request(server.url, 'POST', '/kapacitor/v1/tasks', { json: { type: 'stream', dbrps, ...body } });
}

test('create returns every field; an enabled task executes', async () => {
  const reply = await create({ id: 'fields', script: script('m'), status: 'enabled' });
  assert.equal(reply.status, 200, reply.text);
  const task = reply.json;
  for (const key of [
    'link',
    'id',
    'template-id',
    'type',
    'dbrps',
    'script',
    'vars',
    'dot',
    'status',
    'executing',
    'error',
    'stats',
    'created',
    'modified',
    'last-enabled',
  ]) {
    assert.ok(key in task, `missing ${key}`);
  }
  assert.deepEqual(task.link, { rel: 'self', href: '/kapacitor/v1/tasks/fields' });
  assert.equal(task.executing, true);
  assert.equal(task.status, 'enabled');
  assert.equal(task.script, script('m'));
  assert.ok(task.dot.startsWith('digraph fields {'));
  assert.notEqual(task['last-enabled'], '0001-01-01T00:00:00Z');
});

test('a task created without status is disabled', async () => {
  const reply = await create({ id: 'nostatus', script: script('m') });
  assert.equal(reply.json.status, 'disabled');
  assert.equal(reply.json.executing, false);
  assert.equal(reply.json['last-enabled'], '0001-01-01T00:00:00Z');
});

test("duplicate ids, bad ids and missing dbrps are refused with Kapacitor's errors", async () => {
  await create({ id: 'dup', script: script('m') });
  const duplicate = await create({ id: 'dup', script: script('m') });
  assert.equal(duplicate.status, 400);
  assert.deepEqual(duplicate.json, { error: 'task dup already exists' });

  const badId = await create({ id: 'bad id', script: script('m') });
  assert.equal(badId.status, 400);
  assert.match(badId.json.error, /task ID must contain only letters, numbers, '-', '.' and '_'/);

  const noDbrp = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: { id: 'nodbrp', type: 'stream', script: script('m') } });
  assert.equal(noDbrp.status, 400);
  assert.deepEqual(noDbrp.json, { error: 'must specify dbrp' });
});

test('an empty id gets a random UUID', async () => {
  const reply = await create({ script: script('m') });
  assert.equal(reply.status, 200);
  assert.match(reply.json.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test('an invalid TICKscript is refused with a positioned error', async () => {
  const reply = await create({ id: 'broken', script: "stream\n    |from()\n        .measurment('m')\n" });
  assert.equal(reply.status, 400);
  assert.match(reply.json.error, /^invalid TICKscript: line 3 char \d+: no method or property "measurment" on \*pipeline.FromNode/);
  const get = await request(server.url, 'GET', '/kapacitor/v1/tasks/broken');
  assert.equal(get.status, 404);
});

test('dbrp statements in the script stand for dbrps', async () => {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: { id: 'implicit', script: `dbrp "telegraf"."autogen"\n\n${script('m')}` } });
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(reply.json.dbrps, [{ db: 'telegraf', rp: 'autogen' }]);
  assert.equal(reply.json.type, 'stream');
  const both = await create({ id: 'both', script: `dbrp "telegraf"."autogen"\n\n${script('m')}` });
  assert.equal(both.status, 400);
  assert.deepEqual(both.json, { error: 'cannot specify dbrp in both implicitly and explicitly' });
});

test('GET honours script-format and dot-view, and refuses bogus values', async () => {
  await create({ id: 'formats', script: "stream|from().measurement('m')", status: 'enabled' });
  const raw = await request(server.url, 'GET', '/kapacitor/v1/tasks/formats?script-format=raw');
  assert.equal(raw.json.script, "stream|from().measurement('m')");
  const formatted = await request(server.url, 'GET', '/kapacitor/v1/tasks/formats');
  assert.equal(formatted.json.script, script('m'));
  const labels = await request(server.url, 'GET', '/kapacitor/v1/tasks/formats?dot-view=labels');
  assert.match(labels.json.dot, /label=/);
  const bogus = await request(server.url, 'GET', '/kapacitor/v1/tasks/formats?script-format=bogus');
  assert.equal(bogus.status, 400);
  assert.deepEqual(bogus.json, { error: 'invalid script-format parameter "bogus"' });
  const bogusDot = await request(server.url, 'GET', '/kapacitor/v1/tasks/formats?dot-view=bogus');
  assert.equal(bogusDot.status, 400);
});

test('PATCH enables, changes dbrps and script, renames, and answers 200 with the task', async () => {
  const created = (await create({ id: 'patchme', script: script('a') })).json;
  const enabled = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/patchme', { json: { status: 'enabled' } });
  assert.equal(enabled.status, 200);
  assert.equal(enabled.json.executing, true);
  const newDbrps = [{ db: 'x', rp: 'y' }];
  const patched = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/patchme', { json: { dbrps: newDbrps, script: script('b') } });
  assert.deepEqual(patched.json.dbrps, newDbrps);
  assert.equal(patched.json.script, script('b'));
  assert.equal(patched.json.created, created.created);
  assert.equal(patched.json.status, 'enabled');
  const renamed = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/patchme', { json: { id: 'patched' } });
  assert.equal(renamed.json.id, 'patched');
  assert.equal(renamed.json.executing, true);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/patchme')).status, 404);
  const missing = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/nope', { json: { status: 'enabled' } });
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.json, { error: 'task does not exist, cannot update' });
});

test('DELETE answers 204, also for a missing task; GET then answers 404 "no task exists"', async () => {
  await create({ id: 'deleteme', script: script('m'), status: 'enabled' });
  const deleted = await request(server.url, 'DELETE', '/kapacitor/v1/tasks/deleteme');
  assert.equal(deleted.status, 204);
  assert.equal(deleted.text, '');
  const again = await request(server.url, 'DELETE', '/kapacitor/v1/tasks/deleteme');
  assert.equal(again.status, 204);
  const get = await request(server.url, 'GET', '/kapacitor/v1/tasks/deleteme');
  assert.equal(get.status, 404);
  assert.deepEqual(get.json, { error: 'no task exists' });
});

test('list honours pattern, fields, offset and limit, sorted by id', async () => {
  for (const id of ['lst-a1', 'lst-a2', 'lst-b1']) await create({ id, script: script('m') });
  const byGlob = await request(server.url, 'GET', '/kapacitor/v1/tasks?pattern=lst-a*');
  assert.deepEqual(
    byGlob.json.tasks.map((t: any) => t.id),
    ['lst-a1', 'lst-a2'],
  );
  const byQuestion = await request(server.url, 'GET', '/kapacitor/v1/tasks?pattern=lst-%3F1');
  assert.deepEqual(
    byQuestion.json.tasks.map((t: any) => t.id),
    ['lst-a1', 'lst-b1'],
  );
  const fields = await request(server.url, 'GET', '/kapacitor/v1/tasks?pattern=lst-*&fields=status&fields=error');
  assert.deepEqual(Object.keys(fields.json.tasks[0]).sort(), ['error', 'id', 'link', 'status']);
  const page = await request(server.url, 'GET', '/kapacitor/v1/tasks?pattern=lst-*&offset=1&limit=1');
  assert.deepEqual(
    page.json.tasks.map((t: any) => t.id),
    ['lst-a2'],
  );
  const none = await request(server.url, 'GET', '/kapacitor/v1/tasks?pattern=zzz*');
  assert.deepEqual(none.json, { tasks: [] });
  const badField = await request(server.url, 'GET', '/kapacitor/v1/tasks?pattern=lst-*&fields=bogus');
  assert.equal(badField.status, 400);
  assert.deepEqual(badField.json, { error: 'unsupported field "bogus"' });
  const badOffset = await request(server.url, 'GET', '/kapacitor/v1/tasks?offset=x');
  assert.equal(badOffset.status, 400);
});

test('an executing task shows task-stats and node-stats', async () => {
  await create({ id: 'withstats', script: script('m') + "    |httpOut('out')\n", status: 'enabled' });
  const reply = await request(server.url, 'GET', '/kapacitor/v1/tasks/withstats');
  assert.ok('task-stats' in reply.json.stats);
  assert.ok('node-stats' in reply.json.stats);
  const out = await request(server.url, 'GET', '/kapacitor/v1/tasks/withstats/out');
  assert.deepEqual(out.json, { series: null });
  const noEndpoint = await request(server.url, 'GET', '/kapacitor/v1/tasks/withstats/nothere');
  assert.equal(noEndpoint.status, 404);
});
