// Points/s through the cluster path (HTTP write -> JetStream ack -> durable consumer -> task)
// against a single node (HTTP write -> engine), and failover time (kill -9 of a task's owner
// until another node runs it). Needs nats-server; node processes as in the cluster tests.
// Run: node --import tsx bench/cluster.bench.ts

import { startNatsServer } from '../test/support/nats-server.js';
import { startClusterNode, stopNode, type ClusterNode } from '../test/support/cluster-node.js';
import { freePort, killHard, spawnServer } from '../test/support/spawn-server.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const PER_BATCH = 5000;
const CONCURRENCY = 4;
const SCRIPT = "stream|from().measurement('cpu')|window().period(1h).every(1h)|count('usage')|httpOut('n')";

async function defineTask(url: string): Promise<void> {
  const response = await fetch(`${url}/kapacitor/v1/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'bench', type: 'stream', dbrps: [{ db: 'bench', rp: 'autogen' }], script: SCRIPT, status: 'enabled' }),
  });
  if (response.status !== 200) throw new Error(await response.text());
}

function body(batch: number): string {
  const lines: string[] = [];
  for (let i = 0; i < PER_BATCH; i++) lines.push(`cpu,host=h${i % 500} usage=${(i % 100) + 0.5} ${batch * PER_BATCH + i + 1}`);
  return lines.join('\n');
}

/** Writes every batch (CONCURRENCY at a time), then waits until the task has seen them all. */
async function run(writeUrl: string, statsUrl: string): Promise<{ acked: number; processed: number }> {
  const bodies = Array.from({ length: BATCHES }, (_, i) => body(i));
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BATCHES) {
        const i = next++;
        const response = await fetch(`${writeUrl}/kapacitor/v1/write?db=bench&rp=autogen&precision=ns`, { method: 'POST', body: bodies[i] });
        if (response.status !== 204) throw new Error(`write ${response.status}`);
      }
    }),
  );
  const acked = performance.now() - start;
  const total = BATCHES * PER_BATCH;
  for (;;) {
    const task = (await (await fetch(`${statsUrl}/kapacitor/v1/tasks/bench`)).json()) as { stats?: { 'node-stats'?: Record<string, { collected?: number }> } };
    const collected = task.stats?.['node-stats']?.from1?.collected ?? task.stats?.['node-stats']?.stream0?.collected ?? 0;
    if (collected >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const processed = performance.now() - start;
  return { acked: total / (acked / 1000), processed: total / (processed / 1000) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// Single node.
const single = await spawnServer(mkdtempSync(join(tmpdir(), 'bench-single-')), await freePort());
await defineTask(single.url);
const singleResult = await run(single.url, single.url);
single.child.kill('SIGTERM');
console.log(`single node:   ${fmt(singleResult.acked)} points/s acknowledged, ${fmt(singleResult.processed)} points/s processed`);

// Three-node cluster, written through a node that does not own the task.
const nats = (await startNatsServer())!;
const nodes: ClusterNode[] = [];
for (const id of ['a', 'b', 'c']) nodes.push(await startClusterNode(nats.url, id, { heartbeat: '200ms', timeout: '1500ms' }));
await defineTask(nodes[0]!.url);
let ownerId: string | undefined;
while (ownerId === undefined) {
  const doc = (await (await fetch(`${nodes[0]!.url}/kapacitor/v1/cluster`)).json()) as { nodes: Array<{ id: string; tasks: string[] }> };
  ownerId = doc.nodes.find((n) => n.tasks.includes('bench'))?.id;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const owner = nodes.find((n) => n.id === ownerId)!;
const writer = nodes.find((n) => n !== owner)!;
const clusterResult = await run(writer.url, owner.url);
console.log(`cluster (3):   ${fmt(clusterResult.acked)} points/s acknowledged, ${fmt(clusterResult.processed)} points/s processed`);

// Failover: kill -9 the owner, time until a survivor reports the task running elsewhere.
const killedAt = performance.now();
await killHard(owner);
for (;;) {
  const doc = (await (await fetch(`${writer.url}/kapacitor/v1/cluster`)).json()) as { nodes: Array<{ id: string; alive: boolean; tasks: string[] }> };
  if (doc.nodes.some((n) => n.alive && n.id !== ownerId && n.tasks.includes('bench'))) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
console.log(`failover:      ${fmt(performance.now() - killedAt)} ms (node-timeout 1500 ms, heartbeat 200 ms)`);
for (const node of nodes) await stopNode(node);
await nats.destroy();
