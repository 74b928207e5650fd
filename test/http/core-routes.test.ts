// HTTP-level tests of ping, headers, 404s, :routes, debug/vars and config.

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

test('GET and HEAD /kapacitor/v1/ping answer 204 with no body', async () => {
  for (const method of ['GET', 'HEAD']) {
    const reply = await request(server.url, method, '/kapacitor/v1/ping');
    assert.equal(reply.status, 204);
    assert.equal(reply.text, '');
    assert.equal(reply.headers.get('x-kapacitor-version'), '1.5.7');
    assert.match(reply.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
  }
});

test('unknown routes answer 404 {"error": "Not Found"} with the version header', async () => {
  const reply = await request(server.url, 'GET', '/kapacitor/v1/no-such-thing');
  assert.equal(reply.status, 404);
  assert.deepEqual(reply.json, { error: 'Not Found' });
  assert.equal(reply.headers.get('x-kapacitor-version'), '1.5.7');
});

test('GET /kapacitor/v1/:routes lists paths with their methods', async () => {
  const reply = await request(server.url, 'GET', '/kapacitor/v1/:routes');
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json['/kapacitor/v1/tasks'], ['GET', 'POST']);
  assert.deepEqual(reply.json['/kapacitor/v1/write'], ['POST']);
  assert.ok(reply.json['/kapacitor/v1/ping'].includes('GET'));
});

test("GET /kapacitor/v1/debug/vars has Kapacitor's keys", async () => {
  const reply = await request(server.url, 'GET', '/kapacitor/v1/debug/vars');
  assert.equal(reply.status, 200);
  for (const key of [
    'cluster_id',
    'cmdline',
    'host',
    'kapacitor',
    'memstats',
    'num_enabled_tasks',
    'num_subscriptions',
    'num_tasks',
    'platform',
    'product',
    'server_id',
    'version',
  ]) {
    assert.ok(key in reply.json, `missing ${key}`);
  }
  assert.equal(reply.json.num_tasks, 0);
  assert.equal(typeof reply.json.memstats.Alloc, 'number');
});

test('debug/vars ids stay the same across restarts of the same data directory', async () => {
  const first = await request(server.url, 'GET', '/kapacitor/v1/debug/vars');
  const again = await request(server.url, 'GET', '/kapacitor/v1/debug/vars');
  assert.equal(first.json.cluster_id, again.json.cluster_id);
  assert.notEqual(first.json.cluster_id, first.json.server_id);
});

test('GET /kapacitor/v1/config has a self link and sections', async () => {
  const reply = await request(server.url, 'GET', '/kapacitor/v1/config');
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json.link, { rel: 'self', href: '/kapacitor/v1/config' });
  assert.equal(typeof reply.json.sections, 'object');
});

test('a body that is not JSON is refused with 400 {"error": "invalid JSON"}', async () => {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/tasks', { body: '{"id": ', headers: { 'Content-Type': 'application/json' } });
  assert.equal(reply.status, 400);
  assert.deepEqual(reply.json, { error: 'invalid JSON' });
});
