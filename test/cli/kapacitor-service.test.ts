// The kapacitor client's server-service commands (watch, logs, level, backup, service-tests,
// config set/reset, stats ingress) and its HTTP conventions (reload sequence of define, basic
// auth, User-Agent, error bodies), against a scripted server checking method, path and body.

import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lines, runCli, startMockServer, type MockServer } from './cli-harness.js';

let mock: MockServer;
let dir: string;
before(async () => {
  mock = await startMockServer();
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-cli-service-'));
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  mock.requests.length = 0;
  for (const key of Object.keys(mock.routes)) delete mock.routes[key];
});

const cli = (...argv: string[]) => runCli(['-url', mock.url, ...argv]);

const LOG_LINES = [
  '{"ts":"2026-11-24T09:00:00.000Z","lvl":"info","msg":"alert triggered","service":"kapacitor","task":"cpu_alert","node":"alert2"}\n',
  '{"ts":"2026-11-24T09:00:01.000Z","lvl":"error","msg":"failed to send","service":"kapacitor","task":"cpu_alert","node":"alert2"}\n',
];

/** Streams the log lines, then keeps the response open like a live log. */
function streamLogs() {
  return {
    stream(response: import('node:http').ServerResponse) {
      response.on('error', () => undefined); // the client may hang up before the second line
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(LOG_LINES[0]);
      const second = setTimeout(() => response.write(LOG_LINES[1]), 50);
      response.on('close', () => clearTimeout(second));
    },
  };
}

test("watch follows a task's logs (filtered by tags) until interrupted", async () => {
  mock.routes['GET /kapacitor/v1preview/logs'] = streamLogs();
  const interrupt = new AbortController();
  let received = '';
  const result = await runCli(['-url', mock.url, 'watch', 'cpu_alert', 'node=alert2', 'lvl=info+'], {
    interrupt: interrupt.signal,
    onOut: (text) => {
      received += text;
      if (received.split('\n').length > 2) interrupt.abort();
    },
  });
  assert.deepEqual(result, { code: 0, stdout: LOG_LINES.join(''), stderr: '' });
  assert.equal(mock.requests[0]!.url, '/kapacitor/v1preview/logs?lvl=info%2B&node=alert2&task=cpu_alert');
});

test("logs follows the server's logs; bad tags and a refused stream are errors", async () => {
  mock.routes['GET /kapacitor/v1preview/logs'] = streamLogs();
  const interrupt = new AbortController();
  const result = await runCli(['-url', mock.url, 'logs', 'service=http'], { interrupt: interrupt.signal, onOut: () => interrupt.abort() });
  assert.equal(result.code, 0);
  assert.equal(result.stdout, LOG_LINES[0]);
  assert.equal(mock.requests[0]!.url, '/kapacitor/v1preview/logs?service=http');

  assert.deepEqual(await cli('logs', 'service'), { code: 3, stdout: '', stderr: "bad keyvalue pair: 'service'\n" });
  assert.deepEqual(await cli('watch'), { code: 3, stdout: '', stderr: 'must provide task ID.\n' });

  mock.routes['GET /kapacitor/v1preview/logs'] = { status: 500, json: { error: 'log service is not enabled' } };
  assert.deepEqual(await cli('logs'), { code: 3, stdout: '', stderr: 'failed to retrieve logs: log service is not enabled\n' });
});

test('a stream that the server ends ends the command', async () => {
  mock.routes['GET /kapacitor/v1preview/logs'] = { text: LOG_LINES[0] };
  assert.deepEqual(await cli('logs'), { code: 0, stdout: LOG_LINES[0], stderr: '' });
});

test('level posts the level', async () => {
  mock.routes['POST /kapacitor/v1/loglevel'] = { status: 204 };
  assert.deepEqual(await cli('level', 'debug'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(mock.requests[0]!.json, { level: 'debug' });
  mock.routes['POST /kapacitor/v1/loglevel'] = { status: 400, json: { error: 'invalid log level "loud"' } };
  assert.deepEqual(await cli('level', 'loud'), { code: 3, stdout: '', stderr: 'invalid log level "loud"\n' });
  const none = await cli('level');
  assert.equal(none.code, 2);
  assert.equal(lines(none.stderr)[0], 'Must pass a log level');
});

test('backup saves the snapshot to the file and checks its size', async () => {
  const snapshot = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
  mock.routes['GET /kapacitor/v1/storage/backup'] = {
    stream(response) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(snapshot.length) });
      response.end(snapshot);
    },
  };
  const target = join(dir, 'kapacitor.db.bak');
  assert.deepEqual(await cli('backup', target), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(readFileSync(target), snapshot);

  mock.routes['GET /kapacitor/v1/storage/backup'] = { status: 500, json: { error: 'storage is closed' } };
  assert.deepEqual(await cli('backup', join(dir, 'other.bak')), { code: 3, stdout: '', stderr: 'failed to perform backup: storage is closed\n' });

  mock.routes['GET /kapacitor/v1/storage/backup'] = {
    stream(response) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '1000' });
      response.write(snapshot.subarray(0, 10));
      setTimeout(() => response.destroy(), 5);
    },
  };
  const cut = await cli('backup', join(dir, 'cut.bak'));
  assert.equal(cut.code, 3);
  assert.match(cut.stderr, /^failed to save backup: .+\n$/);

  const badPath = join(dir, 'missing-dir', 'x.bak');
  assert.deepEqual(await cli('backup', badPath), { code: 3, stdout: '', stderr: `failed to create backup file: open ${badPath}: no such file or directory\n` });
  assert.deepEqual(await cli('backup'), { code: 3, stdout: '', stderr: 'must provide file path for backup.\n' });
});

test('service-tests runs each matching test; list service-tests lists them', async () => {
  mock.routes['GET /kapacitor/v1/service-tests'] = (request) => ({
    json: {
      services: ['slack', 'smtp']
        .filter((name) => request.query.get('pattern') === '' || name.startsWith(request.query.get('pattern')!.replace('*', '')))
        .map((name) => ({ link: { rel: 'self', href: `/kapacitor/v1/service-tests/${name}` }, name, options: {} })),
    },
  });
  mock.routes['POST /kapacitor/v1/service-tests/slack'] = { json: { success: true, message: '' } };
  mock.routes['POST /kapacitor/v1/service-tests/smtp'] = { json: { success: false, message: 'service is not enabled' } };
  const result = await cli('service-tests', 's*');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(lines(result.stdout), [
    'Service             Success   Message',
    'slack               true      ',
    'smtp                false     service is not enabled',
  ]);
  assert.deepEqual(
    mock.requests.slice(1).map((r) => `${r.method} ${r.path} ${r.body}`),
    ['POST /kapacitor/v1/service-tests/slack {}', 'POST /kapacitor/v1/service-tests/smtp {}'],
  );

  const listed = await cli('list', 'service-tests');
  assert.deepEqual(lines(listed.stdout), ['Service Name', 'slack', 'smtp']);
  assert.deepEqual(await cli('service-tests'), { code: 3, stdout: '', stderr: 'must provide at least one service name or pattern.\n' });
});

test('config set and reset post overrides to the section or element', async () => {
  mock.routes['POST /kapacitor/v1/config/smtp/'] = { status: 204 };
  mock.routes['POST /kapacitor/v1/config/influxdb/default'] = { status: 204 };
  assert.deepEqual(await cli('config', 'set', 'smtp', 'enabled=true', 'host=mail.example.com', 'port=587'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(await cli('config', 'set', 'influxdb/default', 'urls=["http://influxdb:8086"]'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(await cli('config', 'reset', 'smtp', 'host', 'port'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(
    mock.requests.map((r) => [r.path, r.json]),
    [
      ['/kapacitor/v1/config/smtp/', { set: { enabled: true, host: 'mail.example.com', port: 587 } }],
      ['/kapacitor/v1/config/influxdb/default', { set: { urls: ['http://influxdb:8086'] } }],
      ['/kapacitor/v1/config/smtp/', { delete: ['host', 'port'] }],
    ],
  );
  assert.deepEqual(await cli('config', 'set', 'smtp', 'enabled'), { code: 3, stdout: '', stderr: 'bad option "enabled", expected <option>=<value>\n' });
  mock.routes['POST /kapacitor/v1/config/smtp/'] = { status: 403, json: { error: 'config override service is not enabled' } };
  assert.deepEqual(await cli('config', 'set', 'smtp', 'enabled=false'), { code: 3, stdout: '', stderr: 'config override service is not enabled\n' });
});

test('stats ingress: one row per main ingress statistic, sorted, points right-aligned', async () => {
  const stat = (db: string, rp: string, measurement: string, points: number, master = 'main') => ({
    name: 'ingress',
    tags: { database: db, retention_policy: rp, measurement, task_master: master },
    values: { points_received: points },
  });
  mock.routes['GET /kapacitor/v1/debug/vars'] = {
    json: {
      kapacitor: {
        a: stat('telegraf', 'autogen', 'mem', 20),
        b: stat('_internal', 'monitor', 'runtime', 1234567),
        c: stat('telegraf', 'autogen', 'cpu', 7),
        d: stat('telegraf', 'autogen', 'cpu', 99, 'replay'),
        e: { name: 'edges', tags: { task: 'x' }, values: {} },
      },
    },
  };
  const result = await cli('stats', 'ingress');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(lines(result.stdout), [
    'Database  Retention Policy Measurement Points Received',
    '_internal monitor          runtime             1234567',
    'telegraf  autogen          cpu                       7',
    'telegraf  autogen          mem                      20',
  ]);
});

test('define on an enabled task: update, then disable and enable (unless -no-reload)', async () => {
  const tick = join(dir, 'task.tick');
  writeFileSync(tick, 'stream|from()\n');
  mock.routes['GET /kapacitor/v1/tasks/cpu'] = { json: { id: 'cpu', status: 'enabled' } };
  mock.routes['PATCH /kapacitor/v1/tasks/cpu'] = { json: { id: 'cpu' } };
  assert.deepEqual(await cli('define', 'cpu', '-tick', tick, '-type', 'stream'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(
    mock.requests.map((r) => `${r.method} ${r.body}`),
    ['GET ', 'PATCH {"type":"stream","script":"stream|from()\\n"}', 'PATCH {"status":"disabled"}', 'PATCH {"status":"enabled"}'],
  );
  mock.requests.length = 0;
  assert.equal((await cli('define', 'cpu', '-dbrp', 'a.b', '-no-reload')).code, 0);
  assert.deepEqual(
    mock.requests.map((r) => `${r.method} ${r.body}`),
    ['GET ', 'PATCH {"dbrps":[{"db":"a","rp":"b"}]}'],
  );

  mock.requests.length = 0;
  mock.routes['POST /kapacitor/v1/tasks'] = { json: { id: 'new' } };
  assert.equal((await cli('define', 'new', '-tick', tick, '-dbrp', 'a.b')).code, 0);
  assert.deepEqual(mock.requests[1]!.json, { id: 'new', dbrps: [{ db: 'a', rp: 'b' }], script: 'stream|from()\n', status: 'disabled' });
});

test("requests carry the User-Agent and the URL's credentials; a non-JSON error body is quoted", async () => {
  mock.routes['GET /kapacitor/v1/tasks'] = { json: { tasks: [] } };
  const withCredentials = mock.url.replace('http://', 'http://admin:s3cret@');
  assert.equal((await runCli(['-url', withCredentials, 'list', 'tasks'])).code, 0);
  assert.equal(mock.requests[0]!.headers['user-agent'], 'KapacitorClient');
  assert.equal(mock.requests[0]!.headers.authorization, `Basic ${Buffer.from('admin:s3cret').toString('base64')}`);

  mock.routes['GET /kapacitor/v1/tasks'] = { status: 502, text: 'Bad Gateway' };
  assert.deepEqual(await cli('list', 'tasks'), { code: 3, stdout: '', stderr: 'invalid response: code 502: body: Bad Gateway\n' });
});
