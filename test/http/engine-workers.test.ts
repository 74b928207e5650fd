// [engine] workers = 2 against workers = 1 over HTTP: the same writes give every task the same
// points exactly once (stats right after each write's 204), the same httpOut results (per-group
// order kept), the same alert state transitions, and /debug/vars shows worker tasks' nodes.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerSettings } from '../../src/server.js';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

const V1 = '/kapacitor/v1';
const dir = mkdtempSync(join(tmpdir(), 'engine-workers-'));
const servers: Record<'one' | 'two', TestServer> = {} as never;

function settings(workers: number): Partial<ServerSettings> {
  return { config: () => ({ engine: { workers, groupIdleTimeout: 0 } }) };
}

before(async () => {
  servers.one = await startTestServer(settings(1));
  servers.two = await startTestServer(settings(2));
});
after(async () => {
  await servers.one?.close();
  await servers.two?.close();
  rmSync(dir, { recursive: true, force: true });
});

const TASKS: Record<string, string> = {
  windowed: `stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|mean('v')|httpOut('out')`,
  // A rate per host: any point out of order within its group changes the values.
  ordered: `stream|from().measurement('cpu').groupBy('host')|derivative('v').unit(1s)|httpOut('out')`,
  selected: `stream|from().measurement('cpu').where(lambda: "host" == 'h1')|httpOut('out')`,
};

function alertScript(log: string): string {
  return `stream|from().measurement('cpu').groupBy('host')|alert().id('{{ index .Tags "host" }}').warn(lambda: "v" > 50).crit(lambda: "v" > 80).log('${log}')`;
}

async function define(server: TestServer, id: string, script: string): Promise<void> {
  const reply = await request(server.url, 'POST', `${V1}/tasks`, { json: { id, type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], status: 'enabled', script } });
  assert.equal(reply.status, 200, reply.text);
}

async function collected(server: TestServer, id: string): Promise<number> {
  const reply = await request(server.url, 'GET', `${V1}/tasks/${id}`);
  return reply.json.stats['node-stats'].stream0.collected;
}

test('workers = 2 gives every task every point once, in order, with the same results and alerts as workers = 1', async () => {
  const logs = { one: join(dir, 'one.log'), two: join(dir, 'two.log') };
  for (const name of ['one', 'two'] as const) {
    for (const [id, script] of Object.entries(TASKS)) await define(servers[name], id, script);
    await define(servers[name], 'alerting', alertScript(logs[name]));
  }
  let written = 0;
  for (let batch = 0; batch < 12; batch++) {
    const lines: string[] = [];
    for (let s = batch * 10; s < batch * 10 + 10; s++) {
      // Values rise and fall so alerts go OK -> WARN -> CRIT and back.
      for (let h = 0; h < 5; h++) lines.push(`cpu,host=h${h} v=${(s * 7 + h * 13) % 100} ${s}`);
    }
    written += lines.length;
    for (const name of ['one', 'two'] as const) {
      const reply = await request(servers[name].url, 'POST', `${V1}/write?db=db&rp=rp&precision=s`, { body: lines.join('\n') });
      assert.equal(reply.status, 204, reply.text);
      // Read right after the write: the points are in every task, on the workers too.
      for (const id of [...Object.keys(TASKS), 'alerting']) assert.equal(await collected(servers[name], id), written, `${name}: ${id}`);
    }
  }
  for (const id of Object.keys(TASKS)) {
    const one = (await request(servers.one.url, 'GET', `${V1}/tasks/${id}/out`)).json;
    const two = (await request(servers.two.url, 'GET', `${V1}/tasks/${id}/out`)).json;
    assert.ok(Array.isArray(one.series) && one.series.length > 0, id);
    assert.deepEqual(two, one, id);
  }
  const events = async (path: string) =>
    poll(
      async () => (existsSync(path) ? readFileSync(path, 'utf8') : ''),
      () => true,
    );
  const one = await poll(
    () => events(logs.one),
    (text) => text.split('\n').length > 20,
  );
  const lines = one.trim().split('\n').length;
  const two = await poll(
    () => events(logs.two),
    (text) => text.trim().split('\n').length >= lines,
  );
  const transitions = (text: string) =>
    text
      .trim()
      .split('\n')
      .map((line) => {
        const event = JSON.parse(line) as { id: string; level: string; previousLevel?: string; time: string };
        return `${event.id} ${event.time} ${event.previousLevel ?? ''}->${event.level}`;
      });
  assert.deepEqual(transitions(two), transitions(one));
  const vars = (await request(servers.two.url, 'GET', `${V1}/debug/vars`)).json.kapacitor as Record<
    string,
    { tags: Record<string, string>; values: Record<string, number> }
  >;
  const node = Object.values(vars).find((v) => v.tags.task === 'windowed' && v.tags.node === 'stream0');
  assert.equal(node?.values.collected, written);
});

test('large writes a worker parses itself give the same points, order, errors and ingress as workers = 1', async () => {
  const dbrps = [{ db: 'raw', rp: 'rp' }];
  // One task on the db: it runs on the worker, and nothing on the main thread reads the db.
  for (const name of ['one', 'two'] as const) {
    const reply = await request(servers[name].url, 'POST', `${V1}/tasks`, {
      json: { id: 'raw-ordered', type: 'stream', dbrps, status: 'enabled', script: TASKS.ordered },
    });
    assert.equal(reply.status, 200, reply.text);
  }
  let written = 0;
  for (let batch = 0; batch < 3; batch++) {
    // About 200 KB a write: several slices, some of which the worker parses itself.
    const lines: string[] = [];
    for (let s = batch * 600; s < batch * 600 + 600; s++) {
      for (let h = 0; h < 10; h++) lines.push(`cpu,host=h${h},region=eu-west v=${s * (h + 1)} ${s}`);
    }
    if (batch === 1) lines.splice(3000, 0, 'cpu,host=h1 v=oops 1', 'cpu v=1 2 3');
    written += 6000;
    const replies = [];
    for (const name of ['one', 'two'] as const) {
      replies.push(await request(servers[name].url, 'POST', `${V1}/write?db=raw&rp=rp&precision=s`, { body: lines.join('\n') }));
    }
    assert.equal(replies[1]!.status, replies[0]!.status);
    assert.equal(replies[1]!.text, replies[0]!.text);
    if (batch === 1) assert.match(replies[1]!.text, /unable to parse 'cpu,host=h1 v=oops 1'.*\n.*unable to parse 'cpu v=1 2 3'/s);
    for (const name of ['one', 'two'] as const) assert.equal(await collected(servers[name], 'raw-ordered'), written, name);
  }
  const one = (await request(servers.one.url, 'GET', `${V1}/tasks/raw-ordered/out`)).json;
  const two = (await request(servers.two.url, 'GET', `${V1}/tasks/raw-ordered/out`)).json;
  assert.ok(Array.isArray(one.series) && one.series.length === 10);
  assert.deepEqual(two, one);
  for (const name of ['one', 'two'] as const) {
    const vars = (await request(servers[name].url, 'GET', `${V1}/debug/vars`)).json.kapacitor as Record<
      string,
      { name: string; tags: Record<string, string>; values: Record<string, number> }
    >;
    const ingress = Object.values(vars).find((v) => v.name === 'ingress' && v.tags.database === 'raw');
    assert.equal(ingress?.values.points_received, written, name);
  }
});
