// [load]: tasks, templates, template tasks (vars files) and topic handlers defined as files are
// created at start, updated and removed on reload, and read-only through the API.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDefaults } from '../../../src/config/index.js';
import { request, startTestServer, type TestServer } from '../../support/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'kapacitor-load-'));
let server: TestServer;

const CPU_TICK = `dbrp "telegraf"."autogen"

stream
    |from()
        .measurement('cpu')
    |httpOut('cpu')
`;

const TEMPLATE_TICK = `var measurement string
var period = 10s

stream
    |from()
        .measurement(measurement)
    |window()
        .period(period)
        .every(period)
    |count('value')
    |httpOut('count')
`;

before(async () => {
  for (const sub of ['tasks', 'templates', 'handlers']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'tasks', 'cpu_task.tick'), CPU_TICK);
  writeFileSync(join(dir, 'tasks', 'README.md'), 'not a task');
  writeFileSync(join(dir, 'templates', 'count_template.tick'), TEMPLATE_TICK);
  writeFileSync(
    join(dir, 'tasks', 'mem_count.yaml'),
    'template-id: count_template\ndbrps:\n  - db: telegraf\n    rp: autogen\nvars:\n  measurement:\n    type: string\n    value: mem\n',
  );
  writeFileSync(
    join(dir, 'tasks', 'disk_count.json'),
    JSON.stringify({
      'template-id': 'count_template',
      dbrps: [{ db: 'telegraf', rp: 'autogen' }],
      vars: { measurement: { type: 'string', value: 'disk' } },
    }),
  );
  writeFileSync(join(dir, 'handlers', 'log_cpu.yml'), 'topic: cpu\nid: log_cpu\nkind: log\noptions:\n  path: /tmp/kapacitor-load-test.log\n');
  const config = withDefaults({ influxdb: [] });
  config.load = { enabled: true, dir };
  server = await startTestServer({ config: () => config });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('tasks, template tasks, templates and handlers are loaded at start, ids from file names', async () => {
  const task = (await request(server.url, 'GET', '/kapacitor/v1/tasks/cpu_task')).json;
  assert.equal(task.status, 'enabled');
  assert.equal(task.type, 'stream');
  assert.equal(task.executing, true);
  assert.deepEqual(task.dbrps, [{ db: 'telegraf', rp: 'autogen' }]);
  const mem = (await request(server.url, 'GET', '/kapacitor/v1/tasks/mem_count')).json;
  assert.equal(mem['template-id'], 'count_template');
  assert.deepEqual(mem.vars.measurement, { type: 'string', value: 'mem', description: '' });
  assert.equal(mem.status, 'enabled');
  const disk = (await request(server.url, 'GET', '/kapacitor/v1/tasks/disk_count')).json;
  assert.deepEqual(disk.vars.measurement, { type: 'string', value: 'disk', description: '' });
  const template = (await request(server.url, 'GET', '/kapacitor/v1/templates/count_template')).json;
  assert.equal(template.type, 'stream');
  const handler = (await request(server.url, 'GET', '/kapacitor/v1/alerts/topics/cpu/handlers/log_cpu')).json;
  assert.equal(handler.kind, 'log');
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/README')).status, 404);
});

test('loaded items are read-only through the API; other items are not', async () => {
  const patch = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/cpu_task', { json: { status: 'disabled' } });
  assert.equal(patch.status, 403);
  assert.deepEqual(patch.json, { error: 'task cpu_task was loaded from the load directory and is read-only; change its file and reload' });
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/templates/count_template')).status, 403);
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/alerts/topics/cpu/handlers/log_cpu')).status, 403);
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'mine', type: 'stream', dbrps: [{ db: 'a', rp: 'b' }], script: 'stream|from()' },
  });
  assert.equal(created.status, 200, created.text);
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/tasks/mine')).status, 204);
});

test('a reload applies changed files and removes items whose file is gone', async () => {
  writeFileSync(join(dir, 'tasks', 'cpu_task.tick'), CPU_TICK.replace("'cpu'", "'cpu2'"));
  rmSync(join(dir, 'tasks', 'disk_count.json'));
  rmSync(join(dir, 'handlers', 'log_cpu.yml'));
  await server.server.reload();
  const task = (await request(server.url, 'GET', '/kapacitor/v1/tasks/cpu_task')).json;
  assert.match(task.script, /'cpu2'/);
  assert.equal(task.executing, true);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/disk_count')).status, 404);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/alerts/topics/cpu/handlers/log_cpu')).status, 404);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/mem_count')).status, 200);
  // No longer loaded, so no longer guarded: a new task with that id is the user's.
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'disk_count', type: 'stream', dbrps: [{ db: 'a', rp: 'b' }], script: 'stream|from()' },
  });
  assert.equal(created.status, 200, created.text);
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/tasks/disk_count')).status, 204);
});

test('a relative load dir is refused, and a bad file stops the start with its name', async () => {
  const relative = withDefaults({ influxdb: [] });
  relative.load = { enabled: true, dir: 'relative/load' };
  await assert.rejects(startTestServer({ config: () => relative }), /invalid load configuration: dir must be an absolute path/);
  const bad = mkdtempSync(join(tmpdir(), 'kapacitor-load-bad-'));
  mkdirSync(join(bad, 'tasks'));
  writeFileSync(join(bad, 'tasks', 'broken.tick'), 'stream\n    |from(\n');
  const config = withDefaults({ influxdb: [] });
  config.load = { enabled: true, dir: bad };
  await assert.rejects(startTestServer({ config: () => config }), (error: Error) => {
    assert.match(error.message, new RegExp(`^failed to reload tasks/templates/handlers: failed to load file ${join(bad, 'tasks', 'broken.tick')}: `));
    return true;
  });
});
