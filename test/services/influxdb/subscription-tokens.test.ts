// With [http] auth-enabled, the subscriptions made in a real influxd carry the user ~subscriber
// and a generated token, so InfluxDB's writes authenticate; a token writes only to its own
// database and retention policy, nowhere else, and is revoked once its subscription is gone.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../../src/config/index.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';
import { influxdSkipReason, startInfluxd, type Influxd } from '../../support/influxd.js';

let server: TestServer;
let influxd: Influxd | undefined;
const ROOT = { Authorization: `Basic ${Buffer.from('root:rootpw').toString('base64')}` };
const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

before(async () => {
  influxd = await startInfluxd();
  if (influxd === undefined) return;
  await influxd.query('CREATE DATABASE tokdb');
  await influxd.query('CREATE DATABASE dropdb');
  const config = loadConfigText(`
[http]
  auth-enabled = true
  shared-secret = "secret"
[auth]
  enabled = true
  bcrypt-cost = 4
  bootstrap-username = "root"
  bootstrap-password = "rootpw"
[[influxdb]]
  enabled = true
  name = "default"
  urls = ["${influxd.url}"]
  subscriptions-sync-interval = "500ms"
`);
  server = await startTestServer({ hostname: '127.0.0.1', config: () => config });
});
after(async () => {
  await server?.close();
  await influxd?.stop();
});

async function destination(db: string): Promise<string | undefined> {
  const subs = await influxd!.query('SHOW SUBSCRIPTIONS');
  const series = (subs.results[0].series ?? []).find((s: { name: string }) => s.name === db);
  return series?.values[0]?.[3]?.[0];
}

test("subscriptions carry a token; InfluxDB's writes reach a task; the token writes nowhere else", { skip: influxdSkipReason }, async () => {
  await poll(
    () => destination('tokdb'),
    (d) => d !== undefined,
    10_000,
  );
  const url = new URL((await destination('tokdb'))!);
  assert.equal(url.username, '~subscriber');
  assert.ok(url.password.length > 80, 'a 64-byte random token');
  assert.equal(`${url.protocol}//${url.host}`, server.url);
  const token = decodeURIComponent(url.password);
  assert.match(Buffer.from(token, 'base64url').toString('latin1'), /^default;/);

  const task = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    headers: ROOT,
    json: {
      id: 'tok-task',
      type: 'stream',
      dbrps: [{ db: 'tokdb', rp: 'autogen' }],
      status: 'enabled',
      script: "stream\n    |from()\n        .measurement('tm')\n    |httpOut('out')\n",
    },
  });
  assert.equal(task.status, 200, task.text);
  await influxd!.write('tokdb', ['tm,host=a value=7 1000000000']);
  const out = await poll(
    () => request(server.url, 'GET', '/kapacitor/v1/tasks/tok-task/out', { headers: ROOT }),
    (r) => r.status === 200 && (r.json?.series?.length ?? 0) > 0,
    10_000,
  );
  assert.deepEqual(out.json.series[0].values, [['1970-01-01T00:00:01Z', 7]]);

  const own = await request(server.url, 'POST', '/write?db=tokdb&rp=autogen', { headers: basic('~subscriber', token), body: 'tm value=8 2000000000\n' });
  assert.equal(own.status, 204, own.text);
  const otherDb = await request(server.url, 'POST', '/write?db=otherdb&rp=autogen', { headers: basic('~subscriber', token), body: 'tm value=1\n' });
  assert.equal(otherDb.status, 403, otherDb.text);
  const readApi = await request(server.url, 'GET', '/kapacitor/v1/tasks', { headers: basic('~subscriber', token) });
  assert.equal(readApi.status, 403, readApi.text);
  const forged = await request(server.url, 'POST', '/write?db=tokdb&rp=autogen', {
    headers: basic('~subscriber', `${token.slice(0, -4)}AAAA`),
    body: 'tm value=1\n',
  });
  assert.equal(forged.status, 401, forged.text);
  const anonymous = await request(server.url, 'POST', '/write?db=tokdb&rp=autogen', { body: 'tm value=1\n' });
  assert.equal(anonymous.status, 401);
});

test("a dropped subscription's token is revoked at the next sync", { skip: influxdSkipReason }, async () => {
  await poll(
    () => destination('dropdb'),
    (d) => d !== undefined,
    10_000,
  );
  const token = decodeURIComponent(new URL((await destination('dropdb'))!).password);
  const write = () => request(server.url, 'POST', '/write?db=dropdb&rp=autogen', { headers: basic('~subscriber', token), body: 'dm value=1\n' });
  assert.equal((await write()).status, 204);
  await influxd!.query('DROP DATABASE dropdb');
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/subscriptions', { headers: ROOT })).status, 204);
  const refused = await write();
  assert.equal(refused.status, 401, refused.text);
});
