// Bounded inputs over HTTP: decoded-size limit on gzip bodies (a bomb is refused early, the
// server stays responsive), ids over the cap refused with a 400 before the store, prototype
// keys refused by every route that takes a body, JSON Patch paths through __proto__ refused.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

const LIMIT = 1024 * 1024;
let server: TestServer;
before(async () => {
  server = await startTestServer({ maxBodySize: LIMIT });
});
after(async () => {
  await server.close();
});

/** ~400 KB of gzip that inflates to 400 MB (400 concatenated gzip members of 1 MB of zeros). */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024));
  return Buffer.concat(Array.from({ length: 400 }, () => member));
}

test('a gzip bomb is refused with 413 once the inflated bytes pass max-body-size', { timeout: 20_000 }, async () => {
  const bomb = gzipBomb();
  assert.ok(bomb.length < LIMIT, 'the compressed body itself is under the limit');
  const before = process.memoryUsage().rss;
  for (const path of ['/write?db=db', '/kapacitor/v1/tasks']) {
    const reply = await request(server.url, 'POST', path, { body: bomb, headers: { 'Content-Encoding': 'gzip' } });
    assert.equal(reply.status, 413, path);
    assert.match(reply.text, /request body too large, limit is 1048576 bytes/);
  }
  assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'the bomb was not inflated in memory');
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/ping')).status, 204);
});

test('a body declared larger than the limit is refused before it is read', async () => {
  const reply = await request(server.url, 'POST', '/write?db=db', { body: Buffer.alloc(LIMIT + 1, 0x61) });
  assert.equal(reply.status, 413);
});

test('gzip bodies within the limit are decoded for every route; broken gzip is a 400', async () => {
  const task = { id: 'gz', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: "stream|from().measurement('m')" };
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: task, gzip: true })).status, 200);
  assert.equal((await request(server.url, 'POST', '/write?db=db', { body: 'm v=1', gzip: true })).status, 204);
  const broken = await request(server.url, 'POST', '/write?db=db', { body: Buffer.from('not gzip at all'), headers: { 'Content-Encoding': 'gzip' } });
  assert.equal(broken.status, 400);
  assert.match(broken.text, /^failed to decompress gzip body/);
});

test('ids over 255 bytes are a 400 on create and in paths, never a 500', async () => {
  const long = 'x'.repeat(2500);
  const dbrps = [{ db: 'db', rp: 'rp' }];
  const creates: Array<[string, unknown, string]> = [
    ['/kapacitor/v1/tasks', { id: long, type: 'stream', dbrps, script: "stream|from().measurement('m')" }, 'task ID is too long: 2500 bytes, the limit is 255'],
    [
      '/kapacitor/v1/templates',
      { id: long, type: 'stream', script: "stream|from().measurement('m')" },
      'template ID is too long: 2500 bytes, the limit is 255',
    ],
    ['/kapacitor/v1/recordings/stream', { id: long, task: 'gz', stop: '2030-01-01T00:00:00Z' }, 'recording ID is too long: 2500 bytes, the limit is 255'],
    [
      '/kapacitor/v1/alerts/topics/t/handlers',
      { id: long, kind: 'log', options: { path: '/tmp/x.log' } },
      'handler ID is too long: 2500 bytes, the limit is 255',
    ],
  ];
  for (const [path, body, message] of creates) {
    const reply = await request(server.url, 'POST', path, { json: body });
    assert.equal(reply.status, 400, `${path}: ${reply.text}`);
    assert.deepEqual(reply.json, { error: message });
  }
  const renamed = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/gz', { json: { id: long } });
  assert.equal(renamed.status, 400);
  for (const path of [
    '/kapacitor/v1/tasks/',
    '/kapacitor/v1/templates/',
    '/kapacitor/v1/recordings/',
    '/kapacitor/v1/replays/',
    '/kapacitor/v1/alerts/topics/',
  ]) {
    for (const method of ['GET', 'DELETE']) {
      const reply = await request(server.url, method, path + long);
      assert.equal(reply.status, 400, `${method} ${path}`);
      assert.deepEqual(reply.json, { error: 'ID is too long: 2500 bytes, the limit is 255' });
    }
  }
});

test('prototype keys are refused by every route that takes a body, and nothing is polluted', async () => {
  const listed = await request(server.url, 'GET', '/kapacitor/v1/:routes');
  const bodies = [
    '{"__proto__": {"polluted": "yes"}}',
    '{"id": "p", "options": {"constructor": {"prototype": {"polluted": "yes"}}}}',
    '{"set": {"prototype": {"polluted": "yes"}}}',
    '[{"op": "add", "path": "/__proto__/polluted", "value": "yes"}]',
  ];
  // Routes that take no body at all (they ignore it).
  const bodiless = new Set(['/kapacitor/v1/subscriptions', '/kapacitor/v1/sideload/reload']);
  let routes = 0;
  for (const [pattern, methods] of Object.entries(listed.json as Record<string, string[]>)) {
    const path = pattern === '/kapacitor/v1/:routes' ? pattern : pattern.replace(/\/:[a-z]+/g, '/x');
    if (bodiless.has(path)) continue;
    for (const method of methods.filter((m) => m === 'POST' || m === 'PATCH' || m === 'PUT')) {
      routes++;
      for (const body of bodies) {
        const reply = await request(server.url, method, path, { body, headers: { 'Content-Type': 'application/json' } });
        assert.ok(reply.status >= 400 && reply.status < 500, `${method} ${path} ${body}: ${reply.status} ${reply.text}`);
      }
    }
  }
  assert.ok(routes > 20, `${routes} routes take a body`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const refused = await request(server.url, 'POST', '/kapacitor/v1/tasks', { body: bodies[0] });
  assert.deepEqual(refused.json, { error: 'invalid JSON: key "__proto__" is not allowed' });
});

test('JSON Patch through __proto__ on a handler is refused and pollutes nothing', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/alerts/topics/t/handlers', {
    json: { id: 'h', kind: 'log', options: { path: '/tmp/h.log' } },
  });
  assert.equal(created.status, 200, created.text);
  for (const path of ['/__proto__/polluted', '/options/constructor/prototype/polluted']) {
    const reply = await request(server.url, 'PATCH', '/kapacitor/v1/alerts/topics/t/handlers/h', { json: [{ op: 'add', path, value: 'yes' }] });
    assert.equal(reply.status, 400, reply.text);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
