// Routes and filters Kapacitor's HTTP layer has besides the resource APIs: storage stores,
// sideload reload, /logs under v1, the v1preview rewrite, CORS and OPTIONS, gzip responses and
// the pprof equivalents.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { withDefaults } from '../../src/config/index.js';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  const config = withDefaults({ influxdb: [] });
  config.http.pprofEnabled = true;
  server = await startTestServer({ config: () => config });
});
after(async () => {
  await server.close();
});

/** A raw request, so compressed bodies and headers are seen as sent. */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url + path, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test("GET /storage/stores lists Kapacitor's stores; POST rebuild answers 204, unknown names 404", async () => {
  const list = await request(server.url, 'GET', '/kapacitor/v1/storage/stores');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.link, { rel: 'self', href: '/kapacitor/v1/storage/stores' });
  assert.deepEqual(
    list.json.storage.map((s: { name: string }) => s.name),
    ['handler-specs', 'load', 'overrides', 'recordings', 'replays', 'tasks', 'topic-states'],
  );
  assert.deepEqual(list.json.storage[5], { link: { rel: 'self', href: '/kapacitor/v1/storage/stores/tasks' }, name: 'tasks' });
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/storage/stores/tasks', { json: { action: 'rebuild' } })).status, 204);
  const unknown = await request(server.url, 'POST', '/kapacitor/v1/storage/stores/nope', { json: { action: 'rebuild' } });
  assert.deepEqual([unknown.status, unknown.json], [404, { error: 'unknown storage "nope"' }]);
  const bad = await request(server.url, 'POST', '/kapacitor/v1/storage/stores/tasks', { json: { action: 'shrink' } });
  assert.deepEqual([bad.status, bad.json], [400, { error: 'unkown storage action "shrink"' }]);
});

test('POST /sideload/reload makes sideload nodes read changed files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sideload-'));
  writeFileSync(join(dir, 'a.yml'), 'weight: 1\n');
  const script = `stream|from().measurement('m')|sideload().source('file://${dir}').order('{{.host}}.yml').field('weight', 0)|httpOut('out')`;
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'side', type: 'stream', dbrps: [{ db: 'd', rp: 'r' }], status: 'enabled', script },
  });
  assert.equal(created.status, 200, created.text);
  const write = async (time: number) => request(server.url, 'POST', '/kapacitor/v1/write?db=d&rp=r', { body: `m,host=a v=1 ${time}` });
  const weight = () =>
    poll(
      async () => (await request(server.url, 'GET', '/kapacitor/v1/tasks/side/out')).json,
      (j) => Array.isArray(j?.series),
    );
  await write(1);
  assert.equal((await weight()).series[0].values[0][2], 1);
  writeFileSync(join(dir, 'a.yml'), 'weight: 2\n');
  await write(2);
  assert.equal((await weight()).series[0].values[0][2], 1, 'cached until reloaded');
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/sideload/reload')).status, 204);
  await write(3);
  assert.equal((await weight()).series[0].values[0][2], 2);
});

test('/kapacitor/v1preview/* serves every v1 route; /kapacitor/v1/logs is served too', async () => {
  const ping = await request(server.url, 'GET', '/kapacitor/v1preview/ping');
  assert.equal(ping.status, 204);
  const tasks = await request(server.url, 'GET', '/kapacitor/v1preview/tasks');
  assert.equal(tasks.status, 200);
  assert.ok(Array.isArray(tasks.json.tasks));
  const abort = new AbortController();
  const logs = await fetch(`${server.url}/kapacitor/v1/logs?service=nothing`, { signal: abort.signal });
  assert.equal(logs.status, 200);
  assert.equal(logs.headers.get('content-type'), 'application/json');
  abort.abort();
});

test('OPTIONS answers every path with CORS headers for an Origin', async () => {
  const options = await raw('OPTIONS', '/kapacitor/v1/tasks', { Origin: 'http://chronograf.local' });
  assert.equal(options.status, 200);
  assert.equal(options.headers['access-control-allow-origin'], 'http://chronograf.local');
  assert.equal(options.headers['access-control-allow-methods'], 'DELETE, GET, OPTIONS, POST, PATCH');
  assert.match(String(options.headers['access-control-allow-headers']), /^Accept, Accept-Encoding, Authorization/);
  assert.equal(options.headers['x-kapacitor-version'], '1.5.7');
  const get = await raw('GET', '/kapacitor/v1/tasks', { Origin: 'http://x' });
  assert.equal(get.headers['access-control-allow-origin'], 'http://x');
  const noOrigin = await raw('GET', '/kapacitor/v1/tasks');
  assert.equal(noOrigin.headers['access-control-allow-origin'], undefined);
});

test('responses are gzip-compressed for clients that accept gzip', async () => {
  const zipped = await raw('GET', '/kapacitor/v1/tasks', { 'Accept-Encoding': 'gzip, deflate' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.ok(Array.isArray(JSON.parse(gunzipSync(zipped.body).toString()).tasks));
  const plain = await raw('GET', '/kapacitor/v1/tasks');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(Array.isArray(JSON.parse(plain.body.toString()).tasks));
});

test('pprof equivalents: index, cmdline, a CPU profile and a heap snapshot', async () => {
  const index = await raw('GET', '/kapacitor/v1/debug/pprof/');
  assert.equal(index.status, 200);
  assert.match(index.body.toString(), /profile\?seconds=30/);
  const profile = await raw('GET', '/kapacitor/v1/debug/pprof/profile?seconds=0.2');
  assert.equal(profile.status, 200);
  const cpu = JSON.parse(profile.body.toString());
  assert.ok(Array.isArray(cpu.nodes) && cpu.nodes.length > 0);
  const bad = await request(server.url, 'GET', '/kapacitor/v1/debug/pprof/profile?seconds=x');
  assert.equal(bad.status, 400);
  const cmdline = await raw('GET', '/kapacitor/v1/debug/pprof/cmdline');
  assert.match(cmdline.body.toString(), /node/);
});

test('pprof routes are absent unless pprof-enabled', async () => {
  const off = await startTestServer({ config: () => withDefaults({ influxdb: [] }) });
  try {
    assert.equal((await request(off.url, 'GET', '/kapacitor/v1/debug/pprof/')).status, 404);
  } finally {
    await off.close();
  }
});

test('topic handlers list filters by ?pattern=', async () => {
  const base = '/kapacitor/v1/alerts/topics/patterned/handlers';
  for (const id of ['slack-ops', 'slack-dev', 'log-all']) {
    const created = await request(server.url, 'POST', base, { json: { id, kind: 'log', options: { path: '/tmp/kapacitor-pattern.log' } } });
    assert.equal(created.status, 200, created.text);
  }
  const slack = await request(server.url, 'GET', `${base}?pattern=slack-*`);
  assert.deepEqual(slack.json.handlers.map((h: { id: string }) => h.id).sort(), ['slack-dev', 'slack-ops']);
  const all = await request(server.url, 'GET', base);
  assert.equal(all.json.handlers.length, 3);
});
