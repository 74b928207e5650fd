// Changes survive kill -9 too: an updated template (and the task defined from it), a disabled
// task, a deleted task, a deleted topic, a replaced and a deleted topic handler,
// and a reset config override; a recording and a replay cut off by the kill come back failed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request, type Reply } from '../support/test-server.js';

const DBRPS = [{ db: 'db', rp: 'rp' }];
const alertScript = (measurement: string, topic: string) =>
  `stream\n    |from()\n        .measurement('${measurement}')\n    |alert()\n        .crit(lambda: "value" > 10)\n        .topic('${topic}')\n`;
const template = (op: string) =>
  `var limit = 10\nstream\n    |from()\n        .measurement('m')\n    |where(lambda: "value" ${op} limit)\n    |httpOut('out')\n`;

async function ok(reply: Promise<Reply>, status = 200): Promise<any> {
  const answer = await reply;
  assert.equal(answer.status, status, answer.text);
  return answer.json;
}

test('updates and deletions survive kill -9; a recording and a replay it cut off are failed', { timeout: 90000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-durability-'));
  const port = await freePort();
  try {
    const first = await spawnServer(dataDir, port);
    try {
      const url = first.url;
      // A template, updated after a task was defined from it.
      await ok(request(url, 'POST', '/kapacitor/v1/templates', { json: { id: 'tpl', type: 'stream', script: template('>') } }));
      await ok(request(url, 'POST', '/kapacitor/v1/tasks', { json: { id: 'from_tpl', 'template-id': 'tpl', dbrps: DBRPS, status: 'enabled' } }));
      await ok(request(url, 'PATCH', '/kapacitor/v1/templates/tpl', { json: { script: template('<') } }));
      // A task disabled after it ran.
      await ok(
        request(url, 'POST', '/kapacitor/v1/tasks', {
          json: { id: 'paused', type: 'stream', dbrps: DBRPS, script: alertScript('p', 'paused_topic'), status: 'enabled' },
        }),
      );
      await ok(request(url, 'PATCH', '/kapacitor/v1/tasks/paused', { json: { status: 'disabled' } }));
      // A deleted task, and a topic deleted after the task that fired into it was deleted.
      await ok(
        request(url, 'POST', '/kapacitor/v1/tasks', {
          json: { id: 'gone', type: 'stream', dbrps: DBRPS, script: alertScript('g', 'gone_topic'), status: 'enabled' },
        }),
      );
      await ok(
        request(url, 'POST', '/kapacitor/v1/tasks', {
          json: { id: 'kept', type: 'stream', dbrps: DBRPS, script: alertScript('k', 'deleted_topic'), status: 'enabled' },
        }),
      );
      await ok(request(url, 'POST', '/write?db=db&rp=rp', { body: 'g value=20 1000000000\nk value=20 1000000000\n' }), 204);
      await poll(
        async () => (await request(url, 'GET', '/kapacitor/v1/alerts/topics')).json,
        (t) => t?.topics?.length === 2,
      );
      await ok(request(url, 'DELETE', '/kapacitor/v1/tasks/gone'), 204);
      await ok(request(url, 'DELETE', '/kapacitor/v1/tasks/kept'), 204);
      await ok(request(url, 'DELETE', '/kapacitor/v1/alerts/topics/deleted_topic'), 204);
      // Handlers: one replaced, one deleted.
      await ok(request(url, 'POST', '/kapacitor/v1/alerts/topics/h/handlers', { json: { id: 'replaced', kind: 'log', options: { path: '/tmp/a.log' } } }));
      await ok(
        request(url, 'PUT', '/kapacitor/v1/alerts/topics/h/handlers/replaced', { json: { id: 'replaced', kind: 'log', options: { path: '/tmp/b.log' } } }),
      );
      await ok(request(url, 'POST', '/kapacitor/v1/alerts/topics/h/handlers', { json: { id: 'deleted', kind: 'log', options: { path: '/tmp/c.log' } } }));
      await ok(request(url, 'DELETE', '/kapacitor/v1/alerts/topics/h/handlers/deleted'), 204);
      // Config: two options set, one reset.
      await ok(request(url, 'POST', '/kapacitor/v1/config/smtp/', { json: { set: { host: 'mail.example.com', port: 2525 } } }), 204);
      await ok(request(url, 'POST', '/kapacitor/v1/config/smtp/', { json: { delete: ['port'] } }), 204);

      // A finished recording, replayed with the real clock (8 s of data) and cut off by the kill,
      // and a recording still running at the kill.
      await ok(
        request(url, 'POST', '/kapacitor/v1/tasks', {
          json: { id: 'rec', type: 'stream', dbrps: DBRPS, script: "stream\n    |from()\n        .measurement('r')\n    |httpOut('out')\n" },
        }),
      );
      await ok(request(url, 'POST', '/kapacitor/v1/recordings/stream', { json: { id: 'done', task: 'rec', stop: '1970-01-01T00:00:09Z' } }), 201);
      await ok(request(url, 'POST', '/write?db=db&rp=rp', { body: 'r value=1 1000000000\nr value=2 9000000000\nr value=3 10000000000\n' }), 204);
      await poll(
        async () => (await request(url, 'GET', '/kapacitor/v1/recordings/done')).json,
        (r) => r?.status === 'finished',
      );
      await ok(request(url, 'POST', '/kapacitor/v1/recordings/stream', { json: { id: 'cut', task: 'rec', stop: '2100-01-01T00:00:00Z' } }), 201);
      await ok(request(url, 'POST', '/kapacitor/v1/replays', { json: { id: 'slow', task: 'rec', recording: 'done', clock: 'real' } }), 201);
      assert.equal((await ok(request(url, 'GET', '/kapacitor/v1/replays/slow'), 202)).status, 'running');
    } finally {
      await killHard(first);
    }

    const second = await spawnServer(dataDir, port);
    try {
      const url = second.url;
      const fromTpl = await ok(request(url, 'GET', '/kapacitor/v1/tasks/from_tpl'));
      assert.match(fromTpl.script, /"value" < limit/);
      assert.equal(fromTpl.executing, true);
      assert.match((await ok(request(url, 'GET', '/kapacitor/v1/templates/tpl'))).script, /"value" < limit/);
      // The updated template's task executes the new script: 5 < 10 passes.
      await ok(request(url, 'POST', '/write?db=db&rp=rp', { body: 'm value=5 1000000000\n' }), 204);
      const out = await poll(
        async () => request(url, 'GET', '/kapacitor/v1/tasks/from_tpl/out'),
        (reply) => reply.json?.series?.length > 0,
      );
      assert.deepEqual(out.json.series[0].values, [['1970-01-01T00:00:01Z', 5]]);

      const paused = await ok(request(url, 'GET', '/kapacitor/v1/tasks/paused'));
      assert.equal(paused.status, 'disabled');
      assert.equal(paused.executing, false);
      await ok(request(url, 'GET', '/kapacitor/v1/tasks/gone'), 404);
      await ok(request(url, 'GET', '/kapacitor/v1/alerts/topics/deleted_topic'), 404);
      const topics = await ok(request(url, 'GET', '/kapacitor/v1/alerts/topics'));
      assert.deepEqual(
        topics.topics.map((t: any) => [t.id, t.level]),
        [
          ['gone_topic', 'CRITICAL'],
          ['h', 'OK'],
        ],
        'a deleted task leaves its topic',
      );

      const handlers = await ok(request(url, 'GET', '/kapacitor/v1/alerts/topics/h/handlers'));
      assert.deepEqual(
        handlers.handlers.map((h: any) => [h.id, h.options.path]),
        [['replaced', '/tmp/b.log']],
      );

      const smtp = (await ok(request(url, 'GET', '/kapacitor/v1/config/smtp'))).elements[0].options;
      assert.equal(smtp.host, 'mail.example.com');
      assert.equal(smtp.port, 25);

      const cut = await ok(request(url, 'GET', '/kapacitor/v1/recordings/cut'));
      assert.equal(cut.status, 'failed');
      assert.notEqual(cut.error, '');
      const slow = await ok(request(url, 'GET', '/kapacitor/v1/replays/slow'));
      assert.equal(slow.status, 'failed');
      assert.notEqual(slow.error, '');
      assert.equal((await ok(request(url, 'GET', '/kapacitor/v1/recordings/done'))).status, 'finished');
    } finally {
      await killHard(second);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a change is on disk once its answer is sent: kill -9 right after each answer', { timeout: 90000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-durability-'));
  const port = await freePort();
  // One step per persistence path (tasks, topic handlers, config overrides): a request, then
  // after the kill and restart a GET whose answer shows the change.
  const steps: Array<{ method: string; path: string; json?: unknown; status: number; check: string; expect: (reply: Reply) => void }> = [
    {
      method: 'POST',
      path: '/kapacitor/v1/tasks',
      json: { id: 'a', type: 'stream', dbrps: DBRPS, script: alertScript('a', 'x'), status: 'enabled' },
      status: 200,
      check: '/kapacitor/v1/tasks/a',
      expect: (r) => assert.equal(r.json.executing, true),
    },
    {
      method: 'POST',
      path: '/kapacitor/v1/alerts/topics/x/handlers',
      json: { id: 'l', kind: 'log', options: { path: join(dataDir, 'x.log') } },
      status: 200,
      check: '/kapacitor/v1/alerts/topics/x/handlers/l',
      expect: (r) => assert.equal(r.status, 200),
    },
    {
      method: 'POST',
      path: '/kapacitor/v1/config/smtp/',
      json: { set: { host: 'h.example.com' } },
      status: 204,
      check: '/kapacitor/v1/config/smtp',
      expect: (r) => assert.equal(r.json.elements[0].options.host, 'h.example.com'),
    },
    {
      method: 'DELETE',
      path: '/kapacitor/v1/alerts/topics/x/handlers/l',
      status: 204,
      check: '/kapacitor/v1/alerts/topics/x/handlers/l',
      expect: (r) => assert.equal(r.status, 404),
    },
  ];
  try {
    let server = await spawnServer(dataDir, port);
    try {
      for (const step of steps) {
        await ok(request(server.url, step.method, step.path, step.json === undefined ? {} : { json: step.json }), step.status);
        await killHard(server);
        server = await spawnServer(dataDir, port);
        const reply = await request(server.url, 'GET', step.check);
        try {
          step.expect(reply);
        } catch (error) {
          throw new Error(`${step.method} ${step.path} was lost: ${(error as Error).message}`, { cause: error });
        }
      }
    } finally {
      await killHard(server);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
