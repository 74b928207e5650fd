// HTTP-level tests of the config API: reading sections and elements, overriding them, the
// overrides reaching running services at once, and surviving a restart.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigText } from '../../src/config/index.js';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

const CONFIG = `
[[influxdb]]
  name = "a"
  default = true
  urls = ["http://127.0.0.1:1"]
  disable-subscriptions = true
[smtp]
  host = "mail"
`;

interface Sink {
  url: string;
  posts: Array<{ path: string; headers: Record<string, string | string[] | undefined>; body: string }>;
  server: Server;
}

async function startSink(): Promise<Sink> {
  const posts: Sink['posts'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      posts.push({ path: req.url ?? '', headers: req.headers, body });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, posts, server };
}

let dataDir: string;
let server: TestServer;
let sink: Sink;
const BASE = '/kapacitor/v1/config';

async function start(): Promise<TestServer> {
  const config = loadConfigText(CONFIG);
  return startTestServer({ dataDir, config: () => config, influxdb: config.influxdb });
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-config-'));
  server = await start();
  sink = await startSink();
});

after(async () => {
  await server.close();
  sink.server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, json: unknown) => request(server.url, 'POST', `${BASE}${path}`, { json });

test('GET shows sections, elements and redacted options', async () => {
  const smtp = await request(server.url, 'GET', `${BASE}/smtp/`);
  assert.equal(smtp.status, 200);
  assert.deepEqual(smtp.json.link, { rel: 'self', href: `${BASE}/smtp/` });
  assert.equal(smtp.json.options.host, 'mail');
  assert.equal(smtp.json.options.password, false);
  assert.deepEqual(smtp.json.redacted, ['password']);
  const element = await request(server.url, 'GET', `${BASE}/influxdb/a`);
  assert.equal(element.status, 200);
  assert.deepEqual(element.json.link, { rel: 'self', href: `${BASE}/influxdb/a` });
  assert.deepEqual(element.json.options.urls, ['http://127.0.0.1:1']);
  const sensu = await request(server.url, 'GET', `${BASE}/sensu`);
  assert.equal(sensu.json.elements[0].redacted, null);
  assert.deepEqual((await request(server.url, 'GET', `${BASE}/influxdb/nope`)).json, { error: 'unknown section/element: influxdb/nope' });
  assert.deepEqual((await request(server.url, 'GET', `${BASE}/nope`)).json, { error: 'unknown section: nope' });
  const slash = await request(server.url, 'GET', `${BASE}/`);
  assert.equal(slash.status, 400);
  assert.equal(slash.json.error, "section not specified, do you have an extra trailing '/'?");
});

test('POST set/delete answers 204 and the change shows at once; secrets stay redacted', async () => {
  const reply = await post('/smtp/', { set: { port: 2525, password: 'secret', to: ['ops@example.com'] } });
  assert.equal(reply.status, 204);
  assert.equal(reply.text, '');
  const smtp = (await request(server.url, 'GET', `${BASE}/smtp/`)).json;
  assert.equal(smtp.options.port, 2525);
  assert.equal(smtp.options.password, true);
  assert.deepEqual(smtp.options.to, ['ops@example.com']);
  assert.equal((await post('/smtp/', { delete: ['port'] })).status, 204);
  assert.equal((await request(server.url, 'GET', `${BASE}/smtp/`)).json.options.port, 25);
});

test("POST refusals carry Kapacitor's messages and statuses", async () => {
  const cases: Array<[string, unknown, number, string]> = [
    ['/smtp', { set: { host: 'x' } }, 400, "failed to apply update: invalid update action: element not specified, are you missing a trailing '/'?"],
    ['/smtp/', { set: { port: 'bob' } }, 400, 'failed to override configuration smtp/: cannot set option port: cannot convert string "bob" into int'],
    ['/smtp/', { set: { nope: 1 } }, 400, 'failed to override configuration smtp/: unknown options [nope] in section smtp'],
    ['/smtp/', { add: { host: 'x' } }, 400, 'failed to apply update: section "smtp" is not a list, cannot add new element'],
    ['/http/', { set: { 'bind-address': ':1' } }, 400, 'failed to override configuration http/: unknown options [bind-address] in section http'],
    ['/nope', { add: { name: 'x' } }, 400, 'failed to apply update: unknown section "nope"'],
    ['/influxdb/a', { set: { name: 'b' } }, 400, 'failed to override configuration influxdb/a: cannot override element key name'],
    ['/httppost', { add: { url: 'x' } }, 400, 'failed to apply update: missing key "endpoint" in "add" map'],
    ['/httppost/x', { remove: ['x'] }, 400, 'failed to apply update: invalid update action: must not provide element when removing an override'],
  ];
  for (const [path, body, status, error] of cases) {
    const reply = await post(path, body);
    assert.equal(reply.status, status, path);
    assert.deepEqual(reply.json, { error }, path);
  }
  const bad = await request(server.url, 'POST', `${BASE}/smtp/`, { body: '{"set":' });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /^failed to decode JSON:/);
});

test('an [[httppost]] endpoint added through the API serves httpPost nodes and alert posts', async () => {
  const script = "stream\n  |from()\n    .measurement('cpu')\n  |httpPost()\n    .endpoint('test')\n";
  const task = { id: 'posting', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' };
  const before = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: { ...task, id: 'too-early' } });
  assert.equal(before.status, 400);
  assert.match(before.json.error, /endpoint 'test' does not exist/);
  await request(server.url, 'DELETE', '/kapacitor/v1/tasks/too-early');

  assert.equal((await post('/httppost', { add: { endpoint: 'test', url: `${sink.url}/rows`, headers: { 'X-From': 'override' } } })).status, 204);
  const defined = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: task });
  assert.equal(defined.status, 200, defined.text);
  await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp', { body: 'cpu value=1 1000000000' });
  const rows = await poll(
    async () => sink.posts.filter((p) => p.path === '/rows'),
    (found) => found.length > 0,
  );
  assert.equal(rows[0]!.headers['x-from'], 'override');
  assert.equal(JSON.parse(rows[0]!.body).series[0].name, 'cpu');

  const alertScript = "stream\n  |from()\n    .measurement('mem')\n  |alert()\n    .crit(lambda: TRUE)\n    .post()\n      .endpoint('test')\n";
  const alertTask = { id: 'alerting', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: alertScript, status: 'enabled' };
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: alertTask })).status, 200);
  await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp', { body: 'mem value=1 1000000000' });
  await poll(
    async () => sink.posts.filter((p) => p.path === '/rows' && JSON.parse(p.body).id !== undefined).length,
    (count) => count > 0,
  );
  assert.equal((await post('/httppost/test', { set: { url: `${sink.url}/moved` } })).status, 204);
  await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp', { body: 'mem value=2 2000000000' });
  const moved = await poll(
    async () => sink.posts.filter((p) => p.path === '/moved'),
    (found) => found.length > 0,
  );
  assert.equal(JSON.parse(moved[0]!.body).level, 'CRITICAL');

  for (const id of ['posting', 'alerting']) await request(server.url, 'DELETE', `/kapacitor/v1/tasks/${id}`);
});

test('[[influxdb]] overrides reconfigure the clusters; a refused configuration answers 500', async () => {
  const added = await post('/influxdb', { add: { name: 'b', urls: ['http://127.0.0.1:1'], 'disable-subscriptions': true } });
  assert.equal(added.status, 204, added.text);
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  assert.ok('influxdb:cluster=b' in vars.kapacitor, Object.keys(vars.kapacitor).join(', '));
  const refused = await post('/influxdb/b', { set: { default: true } });
  assert.equal(refused.status, 500);
  assert.deepEqual(refused.json, { error: 'failed to update configuration influxdb/b: more than one InfluxDB default was specified' });
  assert.equal((await request(server.url, 'GET', `${BASE}/influxdb/b`)).json.options.default, false);
});

test('overrides survive a restart and can then be removed', async () => {
  await server.close();
  server = await start();
  assert.equal((await request(server.url, 'GET', `${BASE}/smtp/`)).json.options.password, true);
  const test_ = await request(server.url, 'GET', `${BASE}/httppost/test`);
  assert.equal(test_.status, 200);
  assert.equal(test_.json.options.url, `${sink.url}/moved`);
  assert.equal((await request(server.url, 'GET', `${BASE}/influxdb/b`)).status, 200);
  assert.equal((await post('/httppost', { remove: ['test'] })).status, 204);
  assert.equal((await request(server.url, 'GET', `${BASE}/httppost/test`)).status, 404);
});

test('with [config-override] enabled = false the API answers 403', async () => {
  const config = loadConfigText('[config-override]\n  enabled = false\n');
  const disabled = await startTestServer({ config: () => config });
  try {
    for (const [method, path] of [
      ['GET', BASE],
      ['GET', `${BASE}/smtp`],
      ['POST', `${BASE}/smtp/`],
    ] as const) {
      const reply = await request(disabled.url, method, path, method === 'POST' ? { json: { set: { port: 1 } } } : {});
      assert.equal(reply.status, 403, `${method} ${path}`);
      assert.deepEqual(reply.json, { error: 'config override service is not enabled' });
    }
  } finally {
    await disabled.close();
  }
});
