// End-to-end: the kapacitor client's global behaviour and server-information commands against a
// real server — -url / KAPACITOR_URL, unreachable and bad URLs, main usage and help, stats,
// vars, config, version, logs/watch — with Kapacitor's output formats and exit codes.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { LogTap } from '../../src/logging/log-tap.js';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';
import { lines, runCli } from './cli-harness.js';

let server: TestServer;
const logTap = new LogTap();

before(async () => {
  server = await startTestServer({ logTap });
});
after(async () => {
  await server.close();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

test('KAPACITOR_URL selects the server and -url overrides it', async () => {
  const port = await closedPort();
  const fromEnv = await runCli(['list', 'tasks'], { env: { KAPACITOR_URL: server.url } });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  const overridden = await runCli(['-url', server.url, 'list', 'tasks'], { env: { KAPACITOR_URL: `http://127.0.0.1:${port}` } });
  assert.equal(overridden.code, 0, overridden.stderr);
  const equalsForm = await runCli([`--url=${server.url}`, 'list', 'tasks']);
  assert.equal(equalsForm.code, 0, equalsForm.stderr);
});

test('an unreachable server gives one clear line and exit 3', async () => {
  const port = await closedPort();
  const result = await runCli(['-url', `http://127.0.0.1:${port}`, 'list', 'tasks']);
  const expected = { code: 3, stdout: '', stderr: `cannot reach the Kapacitor server at http://127.0.0.1:${port}: connection refused\n` };
  assert.deepEqual(result, expected);
  for (const argv of [['enable', 'cpu'], ['define', 'cpu', '-dbrp', 'a.b'], ['logs'], ['record', 'query', '-query', 'q', '-type', 'batch']]) {
    assert.deepEqual(await runCli(['-url', `http://127.0.0.1:${port}`, ...argv]), expected, argv.join(' '));
  }
});

test('a URL that is not http(s) exits 4; a bad KAPACITOR_UNSAFE_SSL exits 1', async () => {
  assert.deepEqual(await runCli(['-url', 'localhost:9092', 'list', 'tasks']), {
    code: 4,
    stdout: '',
    stderr: 'Unsupported protocol scheme: localhost, your address must start with http:// or https://\n',
  });
  assert.deepEqual(await runCli(['list', 'tasks'], { env: { KAPACITOR_UNSAFE_SSL: 'maybe' } }), {
    code: 1,
    stdout: '',
    stderr: 'strconv.ParseBool: parsing "maybe": invalid syntax\n',
  });
});

test('no command, an unknown command or a bad main flag print the main usage', async () => {
  const none = await runCli([]);
  assert.equal(none.code, 1);
  const noneLines = lines(none.stderr);
  assert.deepEqual(noneLines.slice(0, 5), ['Error: Must pass a command.', '', 'Usage: kapacitor [options] [command] [args]', '', 'Commands:']);
  for (const command of [
    'record',
    'define',
    'define-template',
    'define-topic-handler',
    'replay',
    'replay-live',
    'watch',
    'logs',
    'enable',
    'disable',
    'reload',
    'delete',
    'list',
    'show',
    'show-template',
    'show-topic-handler',
    'show-topic',
    'backup',
    'level',
    'stats',
    'version',
    'vars',
    'service-tests',
    'config',
    'help',
  ]) {
    assert.ok(
      noneLines.some((line) => line.startsWith(`\t${command} `)),
      command,
    );
  }
  assert.ok(noneLines.includes('  -skipVerify'));
  assert.ok(noneLines.includes('  -url string'));

  const unknown = await runCli(['frobnicate']);
  assert.equal(unknown.code, 1);
  assert.equal(lines(unknown.stderr)[0], 'Unknown command frobnicate');

  const badFlag = await runCli(['-nope', 'list']);
  assert.equal(badFlag.code, 2);
  assert.equal(lines(badFlag.stderr)[0], 'flag provided but not defined: -nope');
});

test("help prints each command's usage; help alone and help of an unknown command exit 1", async () => {
  const define = await runCli(['help', 'define']);
  assert.equal(define.code, 0);
  assert.equal(define.stdout, '');
  assert.equal(lines(define.stderr)[0], 'Usage: kapacitor define <task ID> [options]');
  assert.match(define.stderr, /^ {2}-dbrp value$/m);
  assert.match(define.stderr, /^ {2}-no-reload$/m);

  const usageLines: Record<string, string> = {
    record: 'Usage: kapacitor record [batch|stream|query] [options]',
    replay: 'Usage: kapacitor replay [options]',
    'replay-live': 'Usage: kapacitor replay-live <batch|query> [options]',
    list: 'Usage: kapacitor list (tasks|templates|recordings|replays|topics|topic-handlers|service-tests) [ID or pattern]...',
    delete: 'Usage: kapacitor delete (tasks|templates|recordings|replays|topics|topic-handlers) [ID or pattern]...',
    show: 'Usage: kapacitor show [-replay] [task ID]',
    'show-topic-handler': 'Usage: kapacitor show-topic-handler [topic ID] [handler ID]',
    watch: 'Usage: kapacitor watch <task id> [<tags> ...]',
    stats: 'Usage: kapacitor stats <general|ingress>',
    'service-tests': 'Usage: kapacitor service-tests <service name...>',
    backup: 'Usage: kapacitor backup <output file>',
    help: 'Usage: kapacitor help [command]',
  };
  for (const [command, first] of Object.entries(usageLines)) {
    const help = await runCli(['help', command]);
    assert.equal(help.code, 0, command);
    assert.equal(lines(help.stderr)[0], first, command);
  }
  const liveBatch = await runCli(['help', 'replay-live', 'batch']);
  assert.equal(lines(liveBatch.stderr)[0], 'Usage: kapacitor replay-live batch [options]');
  assert.match(liveBatch.stderr, /^ {2}-past string$/m);

  const dashH = await runCli(['record', 'batch', '-h']);
  assert.equal(dashH.code, 0);
  assert.equal(lines(dashH.stderr)[0], 'Usage: kapacitor record batch [options]');

  const alone = await runCli(['help']);
  assert.equal(alone.code, 1);
  assert.deepEqual(lines(alone.stderr).slice(0, 4), ['Usage: kapacitor help [command]', '', '', 'Usage: kapacitor [options] [command] [args]']);

  const unknown = await runCli(['help', 'nope']);
  assert.equal(unknown.code, 1);
  assert.equal(lines(unknown.stderr)[0], 'Unknown command nope');
});

test('stats general prints the server summary in two 30-wide columns', async () => {
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  const result = await runCli(['-url', server.url, 'stats', 'general']);
  assert.equal(result.code, 0, result.stderr);
  const row = (label: string, value: string) => `${label.padEnd(30)}${value.padEnd(30)}`;
  assert.deepEqual(lines(result.stdout), [
    row('ClusterID:', vars.cluster_id),
    row('ServerID:', vars.server_id),
    row('Host:', vars.host),
    row('Tasks:', String(vars.num_tasks)),
    row('Enabled Tasks:', String(vars.num_enabled_tasks)),
    row('Subscriptions:', String(vars.num_subscriptions)),
    row('Platform:', vars.platform),
    row('Version:', vars.version),
  ]);
});

test('stats ingress prints the header (and one row per ingress statistic)', async () => {
  const result = await runCli(['-url', server.url, 'stats', 'ingress']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(lines(result.stdout)[0], 'Database Retention Policy Measurement Points Received');

  const noCategory = await runCli(['-url', server.url, 'stats']);
  assert.equal(noCategory.code, 3);
  assert.equal(lines(noCategory.stderr).at(-1), 'must provide a stats category');
});

test('vars prints the debug vars document', async () => {
  const result = await runCli(['-url', server.url, 'vars']);
  assert.equal(result.code, 0, result.stderr);
  const vars = JSON.parse(result.stdout);
  const direct = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  assert.equal(vars.cluster_id, direct.cluster_id);
  assert.equal(vars.version, direct.version);
});

test("config prints the configuration, a section, and the server's error for an unknown one", async () => {
  const all = await runCli(['-url', server.url, 'config']);
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(JSON.parse(all.stdout), (await request(server.url, 'GET', '/kapacitor/v1/config')).json);
  assert.ok(all.stdout.startsWith('{\n  "link": {'));

  const unknown = await runCli(['-url', server.url, 'config', 'no_such_section']);
  assert.equal(unknown.code, 3);
  assert.equal(lines(unknown.stderr).length, 1);

  const usage = await runCli(['-url', server.url, 'config', 'set', 'smtp']);
  assert.equal(usage.code, 2);
  assert.equal(lines(usage.stderr)[0], 'Must pass a section and at least one option to set');
});

test("version prints one line in Kapacitor's format without asking the server", async () => {
  const result = await runCli(['-url', 'http://127.0.0.1:1', 'version']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Kapacitor OSS \d+\.\d+\.\d+ \(git: kapacitor-ts \d+\.\d+\.\d+\)\n$/);
});

test("watch streams the task's log records from the server until interrupted; logs filters by tags", async () => {
  const interrupt = new AbortController();
  const watching = runCli(['-url', server.url, 'watch', 'cpu_alert', 'node=alert2'], {
    interrupt: interrupt.signal,
    onOut: (text) => {
      if (text.includes('"second"')) interrupt.abort();
    },
  });
  await poll(
    async () => logTap.subscriberCount,
    (count) => count === 1,
  );
  logTap.write('{"lvl":"info","msg":"elsewhere","task":"other","node":"alert2"}\n');
  logTap.write('{"lvl":"info","msg":"first","task":"cpu_alert","node":"alert2"}\n');
  logTap.write('{"lvl":"info","msg":"other node","task":"cpu_alert","node":"log3"}\n');
  logTap.write('{"lvl":"error","msg":"second","task":"cpu_alert","node":"alert2"}\n');
  assert.deepEqual(await watching, {
    code: 0,
    stdout: '{"lvl":"info","msg":"first","task":"cpu_alert","node":"alert2"}\n{"lvl":"error","msg":"second","task":"cpu_alert","node":"alert2"}\n',
    stderr: '',
  });
  await poll(
    async () => logTap.subscriberCount,
    (count) => count === 0,
  );

  const stop = new AbortController();
  const following = runCli(['-url', server.url, 'logs', 'service=http'], { interrupt: stop.signal, onOut: () => stop.abort() });
  await poll(
    async () => logTap.subscriberCount,
    (count) => count === 1,
  );
  logTap.write('{"lvl":"info","msg":"task","service":"kapacitor"}\n');
  logTap.write('{"lvl":"info","msg":"request","service":"http"}\n');
  assert.deepEqual(await following, { code: 0, stdout: '{"lvl":"info","msg":"request","service":"http"}\n', stderr: '' });
});
