// Authentication and authorization over HTTP against a real server with [http] auth-enabled:
// every route of the server's own route table refuses anonymous and unprivileged callers, the
// permissions map onto routes as Kapacitor maps them, Basic / u&p / JWT bearer credentials,
// token expiry, the users API, the bootstrap admin, start-up refusal and CLI credentials.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { loadConfigText } from '../../src/config/index.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';
import { runCli } from '../cli/cli-harness.js';
import { authConfigText, basic, createUsers, ROOT } from '../support/auth-fixture.js';

const SECRET = 'the-shared-secret';
const CONFIG = authConfigText(SECRET);

let server: TestServer;

async function token(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

before(async () => {
  const config = loadConfigText(CONFIG);
  server = await startTestServer({ config: () => config });
  await createUsers(server.url, [
    ['nobody', ['none']],
    ['reader', ['api']],
    ['writer', ['write_points']],
    ['configurer', ['config_api']],
  ]);
});
after(async () => {
  await server.close();
});

/** Every path and method of the route table with parameters filled in. */
async function routeTable(): Promise<Array<{ method: string; path: string }>> {
  const listed = await request(server.url, 'GET', '/kapacitor/v1/:routes', { headers: ROOT });
  assert.equal(listed.status, 200);
  const routes: Array<{ method: string; path: string }> = [];
  for (const [pattern, methods] of Object.entries(listed.json as Record<string, string[]>)) {
    const path = pattern === '/kapacitor/v1/:routes' ? pattern : pattern.replace(/\/:[a-z]+/g, '/x');
    for (const method of methods) routes.push({ method, path });
  }
  assert.ok(routes.length > 40, `route table has ${routes.length} entries`);
  assert.ok(routes.some((route) => route.path === '/kapacitor/v1/users'));
  return routes;
}

const isPing = (path: string) => path.endsWith('/ping');

test('every route but ping answers 401 without credentials', async () => {
  for (const { method, path } of await routeTable()) {
    const reply = await request(server.url, method, path, { body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
    if (isPing(path)) {
      assert.equal(reply.status, 204, `${method} ${path}`);
      continue;
    }
    assert.equal(reply.status, 401, `${method} ${path}: ${reply.text}`);
    assert.deepEqual(reply.json, { error: 'unable to parse authentication credentials' }, `${method} ${path}`);
    assert.equal(reply.headers.get('x-kapacitor-version'), '1.5.7');
  }
});

test("every route but ping answers 403 to a user without privileges, in Kapacitor's words", async () => {
  const privilege: Record<string, string> = { GET: 'read', POST: 'write', PATCH: 'write', PUT: 'write', DELETE: 'delete' };
  for (const { method, path } of await routeTable()) {
    if (isPing(path)) continue;
    const reply = await request(server.url, method, path, {
      headers: basic('nobody', 'nobodypw'),
      body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
    });
    assert.equal(reply.status, 403, `${method} ${path}: ${reply.text}`);
    assert.deepEqual(reply.json, { error: `user nobody does not have "${privilege[method]}" privilege for API endpoint ${JSON.stringify(path)}` });
  }
});

test('an admin passes the check on every route', async () => {
  for (const { method, path } of await routeTable()) {
    if (method === 'DELETE' && path === '/kapacitor/v1/users/x') continue;
    // Only the status line is read: the log stream never ends.
    const reply = await fetch(server.url + path, { method, headers: ROOT, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
    await reply.body?.cancel();
    assert.ok(reply.status !== 401 && reply.status !== 403, `${method} ${path}: ${reply.status}`);
  }
});

test('unknown paths need credentials too', async () => {
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/nope')).status, 401);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/nope', { headers: ROOT })).status, 404);
});

test('permissions: api, write_points and config_api cover what Kapacitor says', async () => {
  const reader = basic('reader', 'readerpw');
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: reader })).status, 200);
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/write?db=db', { headers: reader, body: 'm v=1' })).status, 403);
  assert.equal((await request(server.url, 'POST', '/write?db=db', { headers: reader, body: 'm v=1' })).status, 403);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/config', { headers: reader })).status, 403);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/config/smtp', { headers: reader })).status, 403);

  const writer = basic('writer', 'writerpw');
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/write?db=db', { headers: writer, body: 'm v=1' })).status, 204);
  assert.equal((await request(server.url, 'POST', '/write?db=db', { headers: writer, body: 'm v=1' })).status, 204);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: writer })).status, 403);

  const configurer = basic('configurer', 'configurerpw');
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/config', { headers: configurer })).status, 200);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: configurer })).status, 403);

  // Path tricks resolve to the resource they reach.
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/%63onfig', { headers: reader })).status, 403);
});

test('changing users takes an admin, even for a user allowed the whole API', async () => {
  const reader = basic('reader', 'readerpw');
  const escalate = await request(server.url, 'PATCH', '/kapacitor/v1/users/reader', { headers: reader, json: { type: 'admin' } });
  assert.equal(escalate.status, 403);
  assert.deepEqual(escalate.json, { error: 'user reader does not have "write" privilege for API endpoint "/kapacitor/v1/users/reader"' });
  assert.equal(
    (await request(server.url, 'POST', '/kapacitor/v1/users', { headers: reader, json: { name: 'evil', password: 'x', type: 'admin' } })).status,
    403,
  );
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/users/reader', { headers: reader })).status, 200);
});

test('Basic auth and u/p query parameters: wrong passwords are refused', async () => {
  const wrong = await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: basic('root', 'nope') });
  assert.equal(wrong.status, 401);
  assert.deepEqual(wrong.json, { error: 'authorization failed' });
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: basic('ghost', 'x') })).status, 401);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks?u=root&p=rootpw')).status, 200);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks?u=root&p=bad')).status, 401);
  // A second request hits the password cache and must still check the password.
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: ROOT })).status, 200);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: basic('root', 'rootpw2') })).status, 401);
});

test('JWT bearer tokens: username and exp claims, expiry, signature, algorithm', async () => {
  const now = Math.floor(Date.now() / 1000);
  const bearer = (value: string) => ({ Authorization: `Bearer ${value}` });
  const ok = await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: bearer(await token({ username: 'reader', exp: now + 60 })) });
  assert.equal(ok.status, 200, ok.text);
  const forbidden = await request(server.url, 'GET', '/kapacitor/v1/config', { headers: bearer(await token({ username: 'reader', exp: now + 60 })) });
  assert.equal(forbidden.status, 403);

  const cases: Array<[string, string]> = [
    [await token({ username: 'reader', exp: now - 10 }), 'invalid token: Token is expired'],
    [await token({ username: 'reader' }), 'token expiration required'],
    [await token({ username: 42, exp: now + 60 }), 'username in token must be a string'],
    [await token({ username: '', exp: now + 60 }), 'token must contain a username'],
    [await token({ username: 'reader', exp: now + 60 }, 'another-secret'), 'invalid token: signature is invalid'],
    [await token({ username: 'ghost', exp: now + 60 }), 'retrieving user "ghost" from store: no user exists'],
    ['not-a-token', 'invalid token: token contains an invalid number of segments'],
  ];
  for (const [value, message] of cases) {
    const reply = await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: bearer(value) });
    assert.equal(reply.status, 401, message);
    assert.deepEqual(reply.json, { error: message });
  }
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ username: 'root', exp: now + 60 })).toString('base64url')}.`;
  const none = await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: bearer(unsigned) });
  assert.equal(none.status, 401);
});

test('a token expiring during its use stops working', async () => {
  const expires = Math.floor(Date.now() / 1000) + 2;
  const headers = { Authorization: `Bearer ${await token({ username: 'reader', exp: expires })}` };
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers })).status, 200);
  await new Promise((resolve) => setTimeout(resolve, (expires + 1) * 1000 - Date.now()));
  const late = await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers });
  assert.equal(late.status, 401);
  assert.deepEqual(late.json, { error: 'invalid token: Token is expired' });
});

test('users API: create, list, get, update, delete as Kapacitor answers them', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/users', {
    headers: ROOT,
    json: { name: 'bob', password: 'pw1', type: 'normal', permissions: ['api', 'write_points'] },
  });
  assert.equal(created.status, 200);
  assert.deepEqual(created.json, { link: { rel: 'self', href: '/kapacitor/v1/users/bob' }, name: 'bob', type: 'normal', permissions: ['api', 'write_points'] });
  assert.ok(!created.text.includes('pw1') && !created.text.includes('$2'));

  const duplicate = await request(server.url, 'POST', '/kapacitor/v1/users', { headers: ROOT, json: { name: 'bob', password: 'pw1' } });
  assert.equal(duplicate.status, 500);
  const checks: Array<[unknown, string]> = [
    [{ password: 'x' }, 'username is required'],
    [{ name: 'bad name', password: 'x' }, "username must contain only letters, numbers, '-', '.', '@' and '_'. \"bad name\""],
    [{ name: 'carol' }, 'password is required'],
    [{ name: 'carol', password: 'x', permissions: ['root'] }, 'invalid JSON'],
  ];
  for (const [body, message] of checks) {
    const reply = await request(server.url, 'POST', '/kapacitor/v1/users', { headers: ROOT, json: body });
    assert.equal(reply.status, 400, message);
    assert.deepEqual(reply.json, { error: message });
  }

  const list = await request(server.url, 'GET', '/kapacitor/v1/users?pattern=b*', { headers: ROOT });
  assert.deepEqual(
    list.json.users.map((user: { name: string }) => user.name),
    ['bob'],
  );
  const fields = await request(server.url, 'GET', '/kapacitor/v1/users?fields=type', { headers: ROOT });
  assert.deepEqual(Object.keys(fields.json.users[0]).sort(), ['link', 'name', 'type']);
  const root = await request(server.url, 'GET', '/kapacitor/v1/users/root', { headers: ROOT });
  assert.deepEqual(root.json, { link: { rel: 'self', href: '/kapacitor/v1/users/root' }, name: 'root', type: 'admin', permissions: [] });
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/users/ghost', { headers: ROOT })).status, 404);

  const updated = await request(server.url, 'PATCH', '/kapacitor/v1/users/bob', { headers: ROOT, json: { password: 'pw2', permissions: ['config_api'] } });
  assert.equal(updated.status, 200);
  assert.deepEqual(updated.json.permissions, ['config_api']);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/config', { headers: basic('bob', 'pw1') })).status, 401);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/config', { headers: basic('bob', 'pw2') })).status, 200);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: basic('bob', 'pw2') })).status, 403);

  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/users/bob', { headers: ROOT })).status, 204);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/config', { headers: basic('bob', 'pw2') })).status, 401);
});

test('passwords are kept as bcrypt hashes in the store', async () => {
  const backup = await fetch(`${server.url}/kapacitor/v1/storage/backup`, { headers: ROOT });
  assert.equal(backup.status, 200);
  const bytes = Buffer.from(await backup.arrayBuffer());
  assert.ok(!bytes.includes('rootpw'), 'plain password found in the store');
});

test('the CLI sends the credentials of -url http://user:pass@host', async () => {
  const { port } = server.server.address();
  const withCredentials = await runCli(['-url', `http://root:rootpw@127.0.0.1:${port}`, 'list', 'tasks']);
  assert.equal(withCredentials.code, 0, withCredentials.stderr);
  assert.match(withCredentials.stdout, /ID\s+Type/);
  const without = await runCli(['-url', `http://127.0.0.1:${port}`, 'list', 'tasks']);
  assert.notEqual(without.code, 0);
  assert.match(without.stderr, /unable to parse authentication credentials/);
  const wrong = await runCli(['-url', `http://root:bad@127.0.0.1:${port}`, 'list', 'tasks']);
  assert.match(wrong.stderr, /authorization failed/);
});

test('auth-enabled with no way to log in is a start-up error', async () => {
  const noBootstrap = loadConfigText(CONFIG.replace(/bootstrap-[a-z]+ = "[^"]*"/g, ''));
  await assert.rejects(startTestServer({ config: () => noBootstrap }), /no admin user exists: set \[auth\] bootstrap-username/);
  const noAuthService = loadConfigText(CONFIG.replace('enabled = true\n  bcrypt', 'enabled = false\n  bcrypt'));
  await assert.rejects(startTestServer({ config: () => noAuthService }), /\[http\] auth-enabled requires \[auth\] enabled = true/);
});

test('the bootstrap admin is created once; a restart with the admin in the store needs no bootstrap', async () => {
  const first = loadConfigText(CONFIG);
  const dataDir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/kapacitor-auth-`);
  const one = await startTestServer({ dataDir, config: () => first });
  await one.close();
  const noBootstrap = loadConfigText(CONFIG.replace(/bootstrap-[a-z]+ = "[^"]*"/g, ''));
  const two = await startTestServer({ dataDir, config: () => noBootstrap });
  try {
    assert.equal((await request(two.url, 'GET', '/kapacitor/v1/tasks', { headers: ROOT })).status, 200);
  } finally {
    await two.close();
  }
});

test('with auth off every request is served as before', async () => {
  const open = await startTestServer();
  try {
    assert.equal((await request(open.url, 'GET', '/kapacitor/v1/tasks')).status, 200);
    assert.equal((await request(open.url, 'GET', '/kapacitor/v1/users')).status, 404);
  } finally {
    await open.close();
  }
});
