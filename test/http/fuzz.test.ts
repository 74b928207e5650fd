// Fuzz: 10,000 random and mutated line-protocol and JSON bodies against the write, task and
// template routes. Every answer must be 2xx/4xx, the server must stay up, and the tasks that
// existed before must be unchanged.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lineSeeds = [
  'cpu,host=a,region=us\\ west usage_idle=99.5,usage_user=0.5 1500000000000000000',
  'mem,host=a used=123i,free=45u,ok=true,name="x \\"quoted\\"" 1500000000000000001',
  'disk,path=/ used_percent=12.5',
  'weird\\,name,tag\\=key=tag\\ value field\\ key="a,b=c" -1',
];
const jsonSeeds = [
  JSON.stringify({
    id: 'fz',
    type: 'stream',
    dbrps: [{ db: 'db', rp: 'rp' }],
    script:
      "stream\n    |from()\n        .measurement('m')\n    |window()\n        .period(10s)\n        .every(10s)\n    |mean('value')\n    |httpOut('out')\n",
    status: 'enabled',
  }),
  JSON.stringify({
    id: 'fz2',
    type: 'batch',
    dbrps: [{ db: 'db', rp: 'rp' }],
    script: "var x = 5\nbatch|query('select mean(v) from db.rp.m').period(1m).every(1m)|log()",
    vars: { x: { type: 'int', value: 3 } },
  }),
];
const alphabet = ' ,="\\\n\r\t{}[]:0123456789.-eEiutfTFabc/\'|()λ\u0000';

function mutate(seed: string, random: () => number): string {
  let text = seed;
  const edits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.35) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
    else if (choice < 0.7) text = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at);
    else if (choice < 0.85) text = text.slice(0, at) + text.slice(Math.floor(random() * text.length));
    else text = text.slice(0, at) + text.slice(at, at + 8).repeat(2) + text.slice(at + 8);
  }
  return text;
}

function randomText(random: () => number): string {
  let text = '';
  const length = Math.floor(random() * 80);
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

test('10,000 fuzzed bodies: only 2xx/4xx, server stays up, stored tasks unchanged', { timeout: 180000 }, async () => {
  const baseline = {
    id: 'keep',
    type: 'stream',
    dbrps: [{ db: 'db', rp: 'rp' }],
    script: "stream\n    |from()\n        .measurement('keep')\n",
    status: 'enabled',
  };
  assert.equal((await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: baseline })).status, 200);
  const before = (await request(server.url, 'GET', '/kapacitor/v1/tasks/keep')).json;

  const random = prng(20261122);
  const statuses = new Map<number, number>();
  for (let i = 0; i < 10000; i++) {
    const kind = i % 4;
    let reply;
    if (kind === 0 || kind === 1) {
      const body = random() < 0.85 ? mutate(lineSeeds[Math.floor(random() * lineSeeds.length)]!, random) : randomText(random);
      reply = await request(server.url, 'POST', `/write?db=db&rp=rp&precision=${['', 'ns', 's', 'ms', 'x'][i % 5]}`, { body });
    } else if (kind === 2) {
      const body = random() < 0.85 ? mutate(jsonSeeds[Math.floor(random() * jsonSeeds.length)]!, random) : randomText(random);
      reply = await request(server.url, 'POST', i % 8 === 2 ? '/kapacitor/v1/templates' : '/kapacitor/v1/tasks', { body });
    } else {
      const body = mutate(jsonSeeds[0]!, random);
      reply = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/does-not-exist', { body });
    }
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    assert.ok(reply.status >= 200 && reply.status < 500, `request ${i} answered ${reply.status}: ${reply.text}`);
  }
  assert.ok((statuses.get(400) ?? 0) > 1000, `expected many 400s, got ${JSON.stringify([...statuses])}`);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/ping')).status, 204);
  const afterwards = (await request(server.url, 'GET', '/kapacitor/v1/tasks/keep')).json;
  assert.equal(afterwards.script, before.script);
  assert.deepEqual(afterwards.dbrps, before.dbrps);
  assert.equal(afterwards.status, before.status);
  assert.equal(afterwards.executing, true);
});
