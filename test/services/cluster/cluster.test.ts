// Three kapacitord processes joined through a real nats-server: definitions replicated, writes
// through one node reaching a task placed on another, kill -9 of the owner moving the task with
// its alert state (OK -> CRITICAL -> OK, one event each), a node rejoining taking its share
// back, and `GET /kapacitor/v1/cluster` and httpOut answered from any node.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { natsSkipReason, startNatsServer, type NatsServer } from '../../support/nats-server.js';
import { startClusterNode, stopNode, type ClusterNode } from '../../support/cluster-node.js';
import { killHard } from '../../support/spawn-server.js';
import { poll } from '../../support/test-server.js';
import { spawn } from 'node:child_process';
import { KAPACITOR } from '../../support/source-bin.js';

const TIMEOUT_MS = 1500;

let nats: NatsServer | undefined;
const nodes: ClusterNode[] = [];
let receiver: Server;
let receiverUrl = '';
const events: Array<{ level: string; id: string }> = [];

interface ClusterDoc {
  nodes: Array<{ id: string; url: string; alive: boolean; lastSeen: string; tasks: string[] }>;
}

async function clusterDoc(node: ClusterNode): Promise<ClusterDoc> {
  return (await fetch(`${node.url}/kapacitor/v1/cluster`)).json() as Promise<ClusterDoc>;
}

async function ownerOf(via: ClusterNode, task: string): Promise<string | undefined> {
  const doc = await clusterDoc(via);
  return doc.nodes.find((n) => n.alive && n.tasks.includes(task))?.id;
}

async function write(node: ClusterNode, lines: string): Promise<void> {
  const response = await fetch(`${node.url}/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s`, { method: 'POST', body: lines });
  assert.equal(response.status, 204, await response.text());
}

const SCRIPT = `stream
  |from()
    .measurement('cpu')
  |alert()
    .id('cpu-alert')
    .crit(lambda: "usage" > 90)
    .stateChangesOnly()
    .post('RECEIVER')
  |httpOut('last')
`;

before(async () => {
  if (natsSkipReason) return;
  nats = await startNatsServer();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const event = JSON.parse(body) as { level: string; id: string };
      events.push({ level: event.level, id: event.id });
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  for (const id of ['node-a', 'node-b', 'node-c']) nodes.push(await startClusterNode(nats!.url, id));
});

after(async () => {
  for (const node of nodes) await stopNode(node);
  receiver?.close();
  await nats?.destroy();
});

test('a three-node cluster: replication, placement, ingest, failover and rejoin', { skip: natsSkipReason || undefined, timeout: 120_000 }, async () => {
  const [a, b] = nodes as [ClusterNode, ClusterNode, ClusterNode];

  // Every node sees three live members.
  const doc = await poll(
    () => clusterDoc(b),
    (d) => d.nodes.filter((n) => n.alive).length === 3,
    10_000,
  );
  assert.deepEqual(
    doc.nodes.map((n) => n.id),
    ['node-a', 'node-b', 'node-c'],
  );
  assert.ok(doc.nodes.every((n) => n.url.startsWith('http://127.0.0.1:') && !Number.isNaN(Date.parse(n.lastSeen))));

  // A task defined through A is visible through every node at once.
  const created = await fetch(`${a.url}/kapacitor/v1/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'cpu',
      type: 'stream',
      dbrps: [{ db: 'telegraf', rp: 'autogen' }],
      script: SCRIPT.replace('RECEIVER', receiverUrl),
      status: 'enabled',
    }),
  });
  assert.equal(created.status, 200, await created.text());
  for (const node of nodes) {
    const task = await poll(
      async () => (await fetch(`${node.url}/kapacitor/v1/tasks/cpu`)).status,
      (s) => s === 200,
      5000,
    );
    assert.equal(task, 200);
  }

  // It runs on exactly one node.
  const ownerId = await poll(
    () => ownerOf(b, 'cpu'),
    (o) => o !== undefined,
    10_000,
  );
  const runners = (await clusterDoc(a)).nodes.filter((n) => n.tasks.includes('cpu'));
  assert.equal(runners.length, 1);
  const owner = nodes.find((n) => n.id === ownerId)!;
  const others = nodes.filter((n) => n !== owner);

  // Writes through a node that does not own the task reach it; httpOut answers from any node.
  await write(others[0]!, 'cpu,host=h1 usage=10 1\n');
  await write(others[1]!, 'cpu,host=h1 usage=95 2\n');
  await poll(
    async () => events.length,
    (n) => n >= 1,
    10_000,
  );
  assert.deepEqual(
    events.map((e) => e.level),
    ['CRITICAL'],
  );
  const out = await poll(
    async () => (await fetch(`${others[0]!.url}/kapacitor/v1/tasks/cpu/last`)).json() as Promise<any>,
    (body) => body?.series?.[0]?.values?.[0]?.[1] === 95,
    5000,
  );
  assert.equal(out.series[0].name, 'cpu');
  const view = (await (await fetch(`${others[1]!.url}/kapacitor/v1/tasks/cpu`)).json()) as { executing: boolean; stats: Record<string, unknown> };
  assert.equal(view.executing, true);
  assert.ok(view.stats['node-stats'] !== undefined, JSON.stringify(view.stats));

  // kill -9 of the owner: the task moves within node-timeout + 5 s and its alert state goes on.
  const killedAt = Date.now();
  await killHard(owner);
  const survivor = others[0]!;
  const newOwner = await poll(
    () => ownerOf(survivor, 'cpu'),
    (o) => o !== undefined && o !== ownerId,
    TIMEOUT_MS + 5000,
  );
  assert.ok(Date.now() - killedAt <= TIMEOUT_MS + 5000, `moved after ${Date.now() - killedAt} ms`);
  assert.notEqual(newOwner, ownerId);
  await write(others[1]!, 'cpu,host=h1 usage=97 3\n');
  await write(survivor, 'cpu,host=h1 usage=5 4\n');
  await poll(
    async () => events.length,
    (n) => n >= 2,
    10_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(
    events.map((e) => e.level),
    ['CRITICAL', 'OK'],
  );

  // The killed node rejoins and takes its share back (same placement), without duplicate output.
  const index = nodes.indexOf(owner);
  nodes[index] = await startClusterNode(nats!.url, owner.id, { dataDir: owner.dataDir });
  await poll(
    () => ownerOf(survivor, 'cpu'),
    (o) => o === ownerId,
    10_000,
  );
  await write(survivor, 'cpu,host=h1 usage=99 5\n');
  await poll(
    async () => events.length,
    (n) => n >= 3,
    10_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(
    events.map((e) => e.level),
    ['CRITICAL', 'OK', 'CRITICAL'],
  );
  assert.equal((await clusterDoc(survivor)).nodes.filter((n) => n.tasks.includes('cpu')).length, 1);

  // `kapacitor cluster` shows the same members and who runs the task.
  const cli = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [...KAPACITOR, '-url', survivor.url, 'cluster'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
  assert.equal(cli.code, 0, cli.out);
  assert.match(cli.out, /^Node\s+Alive\s+Last Seen\s+Tasks\s+URL\n/);
  for (const id of ['node-a', 'node-b', 'node-c']) assert.match(cli.out, new RegExp(`\\n${id}\\s+true\\s`));
  assert.match(cli.out, new RegExp(`\\n${ownerId}:\\n  cpu\\n`));

  // A change through any node is seen by every node; disabling stops it everywhere.
  const disabled = await fetch(`${survivor.url}/kapacitor/v1/tasks/cpu`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'disabled' }),
  });
  assert.equal(disabled.status, 200);
  await poll(
    () => ownerOf(survivor, 'cpu'),
    (o) => o === undefined,
    5000,
  );
  for (const node of nodes) {
    const task = (await (await fetch(`${node.url}/kapacitor/v1/tasks/cpu`)).json()) as { status: string };
    assert.equal(task.status, 'disabled');
  }
});
