// End-to-end: alert topics and handlers (define-topic-handler, list, show-topic,
// show-topic-handler, delete) and service tests with the kapacitor client against a real server.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, startTestServer, type TestServer } from '../support/test-server.js';
import { lines, runCli } from './cli-harness.js';

process.env.TZ = 'UTC';

let server: TestServer;
let dir: string;
const cli = (...argv: string[]) => runCli(['-url', server.url, ...argv]);

before(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-cli-alerts-server-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('define-topic-handler creates then replaces a handler; topics and handlers are listed and shown', async () => {
  const spec = join(dir, 'log.yaml');
  writeFileSync(spec, `topic: cpu\nid: to_log\nkind: log\noptions:\n  path: ${join(dir, 'alerts.log')}\n`);
  assert.deepEqual(await cli('define-topic-handler', spec), { code: 0, stdout: '', stderr: '' });
  const json = join(dir, 'log2.json');
  writeFileSync(json, JSON.stringify({ topic: 'cpu', id: 'to_log', kind: 'log', match: 'changed()', options: { path: join(dir, 'other.log') } }));
  assert.deepEqual(await cli('define-topic-handler', json), { code: 0, stdout: '', stderr: '' });
  const handlers = (await request(server.url, 'GET', '/kapacitor/v1/alerts/topics/cpu/handlers')).json.handlers;
  assert.equal(handlers.length, 1, 'replaced, not added');

  assert.deepEqual(lines((await cli('list', 'topics')).stdout), ['ID  Level     Collected', 'cpu OK                0']);
  assert.deepEqual(lines((await cli('list', 'topic-handlers')).stdout), ['Topic      ID         Kind       ', 'cpu        to_log     log        ']);
  assert.deepEqual(lines((await cli('show-topic', 'cpu')).stdout), [
    'ID: cpu',
    'Level: OK',
    'Collected: 0',
    'Handlers: [to_log]',
    'Events:',
    'Event Level    Message Date                   ',
  ]);
  assert.deepEqual(await cli('show-topic-handler', 'cpu', 'to_log'), {
    code: 0,
    stdout: `ID: to_log\nTopic: cpu\nKind: log\nMatch: changed()\nOptions: {"path":${JSON.stringify(join(dir, 'other.log'))}}\n`,
    stderr: '',
  });

  const missing = await cli('show-topic-handler', 'cpu', 'nope');
  assert.equal(missing.code, 3);
  assert.equal(lines(missing.stderr).length, 1);

  assert.deepEqual(await cli('delete', 'topic-handlers', 'cpu', 'to_*'), { code: 0, stdout: '', stderr: '' });
  assert.equal(lines((await cli('list', 'topic-handlers')).stdout).length, 1);
  assert.deepEqual(await cli('delete', 'topics', 'cpu'), { code: 0, stdout: '', stderr: '' });
  assert.equal(lines((await cli('list', 'topics', 'cpu')).stdout).length, 1);
});

test('service-tests runs a service test; list service-tests names the services', async () => {
  const listed = lines((await cli('list', 'service-tests')).stdout);
  assert.equal(listed[0], 'Service Name');
  assert.ok(listed.includes('exec'), listed.join(','));
  assert.deepEqual(await cli('service-tests', 'exec'), {
    code: 0,
    stdout: `${'Service'.padEnd(20)}${'Success'.padEnd(10)}Message\n${'exec'.padEnd(20)}${'true'.padEnd(10)}\n`,
    stderr: '',
  });
});

test('show-topic lists the events an alert task put in the topic, oldest first', async () => {
  const tick = join(dir, 'alert.tick');
  writeFileSync(
    tick,
    [
      'stream',
      '    |from()',
      "        .measurement('cpu')",
      '    |alert()',
      '        .id(\'{{ index .Tags "host" }}\')',
      "        .message('{{ .ID }} is {{ .Level }}')",
      '        .crit(lambda: "usage_idle" < 10)',
      "        .topic('hosts')",
      '',
    ].join('\n'),
  );
  assert.equal((await cli('define', 'alert_task', '-tick', tick, '-dbrp', 'telegraf.autogen')).code, 0);
  assert.deepEqual(await cli('enable', 'alert_task'), { code: 0, stdout: '', stderr: '' });
  await request(server.url, 'POST', '/write?db=telegraf&rp=autogen', { body: 'cpu,host=serverA usage_idle=5 1456826700000000000' });
  await request(server.url, 'POST', '/write?db=telegraf&rp=autogen', { body: 'cpu,host=b usage_idle=3 1456826400000000000' });

  const shown = await cli('show-topic', 'hosts');
  assert.equal(shown.code, 0, shown.stderr);
  assert.deepEqual(lines(shown.stdout), [
    'ID: hosts',
    'Level: CRITICAL',
    'Collected: 2',
    'Handlers: []',
    'Events:',
    'Event   Level    Message             Date                   ',
    'b       CRITICAL b is CRITICAL       01 Mar 16 10:00 UTC    ',
    'serverA CRITICAL serverA is CRITICAL 01 Mar 16 10:05 UTC    ',
  ]);
});
