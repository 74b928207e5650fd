// Admin-only capabilities over HTTP: with authentication on, only admins may define exec or
// log alert handlers (in scripts, templates, tasks from templates, topic handlers); and
// [alert] disable-handlers refuses a kind for everybody.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../src/config/index.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';
import { authConfigText, basic, ROOT } from '../support/auth-fixture.js';

const CONFIG = authConfigText();
const USER = basic('user', 'userpw');
const DBRPS = [{ db: 'db', rp: 'rp' }];
const EXEC_SCRIPT = "stream\n    |from()\n        .measurement('m')\n    |alert()\n        .crit(lambda: TRUE)\n        .exec('/usr/bin/id')\n";
const LOG_SCRIPT = "stream\n    |from()\n        .measurement('m')\n    |alert()\n        .crit(lambda: TRUE)\n        .log('/etc/cron.d/x')\n";
const PLAIN_SCRIPT = "stream\n    |from()\n        .measurement('m')\n    |log()\n";

let server: TestServer;
before(async () => {
  const config = loadConfigText(CONFIG);
  server = await startTestServer({ config: () => config });
  const created = await request(server.url, 'POST', '/kapacitor/v1/users', { headers: ROOT, json: { name: 'user', password: 'userpw', permissions: ['api'] } });
  assert.equal(created.status, 200);
});
after(async () => {
  await server.close();
});

function assertRefused(reply: { status: number; json: any }, kind: string): void {
  assert.equal(reply.status, 403);
  assert.deepEqual(reply.json, { error: `user user may not use the ${kind} handler: only admin users may` });
}

test('a non-admin may not define exec or log handlers in scripts', async () => {
  assertRefused(
    await request(server.url, 'POST', '/kapacitor/v1/tasks', { headers: USER, json: { id: 'e', type: 'stream', dbrps: DBRPS, script: EXEC_SCRIPT } }),
    'exec',
  );
  assertRefused(
    await request(server.url, 'POST', '/kapacitor/v1/tasks', { headers: USER, json: { id: 'l', type: 'stream', dbrps: DBRPS, script: LOG_SCRIPT } }),
    'log',
  );
  assertRefused(
    await request(server.url, 'POST', '/kapacitor/v1/templates', { headers: USER, json: { id: 't', type: 'stream', script: EXEC_SCRIPT } }),
    'exec',
  );
  assertRefused(await request(server.url, 'POST', '/task?name=x&type=stream', { headers: USER, body: EXEC_SCRIPT }), 'exec');
  // |log() (a node logging to the server log) is not the log handler.
  assert.equal(
    (await request(server.url, 'POST', '/kapacitor/v1/tasks', { headers: USER, json: { id: 'p', type: 'stream', dbrps: DBRPS, script: PLAIN_SCRIPT } })).status,
    200,
  );
  assertRefused(await request(server.url, 'PATCH', '/kapacitor/v1/tasks/p', { headers: USER, json: { script: EXEC_SCRIPT } }), 'exec');
});

test("a non-admin may not use or change an admin's exec template or task", async () => {
  assert.equal(
    (await request(server.url, 'POST', '/kapacitor/v1/templates', { headers: ROOT, json: { id: 'exec_tpl', type: 'stream', script: EXEC_SCRIPT } })).status,
    200,
  );
  assertRefused(
    await request(server.url, 'POST', '/kapacitor/v1/tasks', { headers: USER, json: { id: 'from_tpl', 'template-id': 'exec_tpl', dbrps: DBRPS } }),
    'exec',
  );
  assert.equal(
    (await request(server.url, 'POST', '/kapacitor/v1/tasks', { headers: ROOT, json: { id: 'admin_exec', type: 'stream', dbrps: DBRPS, script: EXEC_SCRIPT } }))
      .status,
    200,
  );
  assertRefused(await request(server.url, 'PATCH', '/kapacitor/v1/tasks/admin_exec', { headers: USER, json: { status: 'enabled' } }), 'exec');
});

test('a non-admin may not create, replace or patch topic handlers into exec or log', async () => {
  const topic = '/kapacitor/v1/alerts/topics/t/handlers';
  assertRefused(await request(server.url, 'POST', topic, { headers: USER, json: { id: 'x', kind: 'exec', options: { prog: '/usr/bin/id' } } }), 'exec');
  assertRefused(await request(server.url, 'POST', topic, { headers: USER, json: { id: 'x', kind: 'log', options: { path: '/tmp/x' } } }), 'log');
  assert.equal(
    (await request(server.url, 'POST', topic, { headers: USER, json: { id: 'tcp', kind: 'tcp', options: { address: '127.0.0.1:1' } } })).status,
    200,
  );
  assertRefused(await request(server.url, 'PATCH', `${topic}/tcp`, { headers: USER, json: [{ op: 'replace', path: '/kind', value: 'exec' }] }), 'exec');
  assertRefused(
    await request(server.url, 'PUT', `${topic}/tcp`, { headers: USER, json: { id: 'tcp', kind: 'exec', options: { prog: '/usr/bin/id' } } }),
    'exec',
  );
  assert.equal((await request(server.url, 'POST', topic, { headers: ROOT, json: { id: 'adm', kind: 'exec', options: { prog: '/bin/true' } } })).status, 200);
  assertRefused(
    await request(server.url, 'PATCH', `${topic}/adm`, { headers: USER, json: [{ op: 'replace', path: '/options/prog', value: '/bin/sh' }] }),
    'exec',
  );
});

test('[alert] disable-handlers refuses a kind even to admins', async () => {
  const config = loadConfigText('[alert]\n  disable-handlers = ["exec"]\n[[influxdb]]\n  enabled = false\n');
  const locked = await startTestServer({ config: () => config });
  try {
    const reply = await request(locked.url, 'POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      json: { id: 'x', kind: 'exec', options: { prog: '/bin/true' } },
    });
    assert.equal(reply.status, 400);
    assert.match(reply.json.error, /handler kind "exec" is disabled on this server/);
  } finally {
    await locked.close();
  }
});

test('only admins may download the store backup (it holds the secrets)', async () => {
  const refused = await request(server.url, 'GET', '/kapacitor/v1/storage/backup', { headers: USER });
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.json, { error: 'user user may not download the store backup: only admin users may' });
  const allowed = await fetch(`${server.url}/kapacitor/v1/storage/backup`, { headers: ROOT });
  assert.equal(allowed.status, 200);
  await allowed.body?.cancel();
});

test('secrets are redacted by the config API', async () => {
  const set = await request(server.url, 'POST', '/kapacitor/v1/config/smtp/', { headers: ROOT, json: { set: { password: 'smtp-secret' } } });
  assert.equal(set.status, 204, set.text);
  const shown = await request(server.url, 'GET', '/kapacitor/v1/config/smtp', { headers: ROOT });
  assert.ok(!shown.text.includes('smtp-secret'));
  assert.equal(shown.json.elements[0].options.password, true);
});
