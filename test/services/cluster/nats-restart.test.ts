// A cluster node writing under load while nats-server is killed and restarted: every write
// answered 204 reaches the task exactly once; writes made while JetStream is away are refused
// (503), never acknowledged and lost. Also: the cluster store and ingest work in-process.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { natsSkipReason, startNatsServer, type NatsServer } from '../../support/nats-server.js';
import { poll, startTestServer, type TestServer } from '../../support/test-server.js';

let nats: NatsServer | undefined;
let node: TestServer | undefined;
let receiver: Server | undefined;

after(async () => {
  await node?.close();
  receiver?.close();
  await nats?.destroy();
});

test('nats-server restarted under load loses no acknowledged write and duplicates none', { skip: natsSkipReason || undefined, timeout: 120_000 }, async () => {
  nats = (await startNatsServer())!;
  const received: number[] = [];
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const row = JSON.parse(body) as { values?: unknown[][]; series?: Array<{ values: unknown[][] }> };
      const values = row.series?.[0]?.values ?? row.values ?? [];
      for (const value of values) received.push(Number(value[1]));
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

  node = await startTestServer({
    cluster: {
      enabled: true,
      nodeId: 'solo',
      advertiseUrl: '',
      natsUrls: [nats.url],
      streamReplicas: 1,
      partitions: 4,
      heartbeatInterval: 200,
      nodeTimeout: 1500,
    },
  });
  const created = await fetch(`${node.url}/kapacitor/v1/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'seq',
      type: 'stream',
      dbrps: [{ db: 'db', rp: 'rp' }],
      status: 'enabled',
      script: `stream|from().measurement('m')|httpPost('${receiverUrl}')`,
    }),
  });
  assert.equal(created.status, 200, await created.text());
  await poll(
    async () => ((await (await fetch(`${node!.url}/kapacitor/v1/cluster`)).json()) as any).nodes?.[0]?.tasks ?? [],
    (tasks: string[]) => tasks.includes('seq'),
    10_000,
  );

  const acked: number[] = [];
  let refused = 0;
  let stop = false;
  const writer = (async () => {
    for (let i = 1; !stop; i++) {
      try {
        const response = await fetch(`${node.url}/kapacitor/v1/write?db=db&rp=rp&precision=s`, { method: 'POST', body: `m v=${i} ${i}\n` });
        if (response.status === 204) acked.push(i);
        else if (response.status === 503) refused++;
        else assert.fail(`unexpected status ${response.status}: ${await response.text()}`);
      } catch {
        refused++;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  await poll(
    async () => acked.length,
    (n) => n >= 50,
    10_000,
  );
  await nats.stop(true);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await nats.start();
  const before = acked.length;
  await poll(
    async () => acked.length,
    (n) => n >= before + 50,
    30_000,
  );
  stop = true;
  await writer;

  const expected = new Set(acked);
  await poll(
    async () => received.filter((v) => expected.has(v)).length,
    (n) => n >= acked.length,
    30_000,
  );
  const missing = acked.filter((v) => !received.includes(v));
  assert.deepEqual(missing, []);
  const counts = new Map<number, number>();
  for (const v of received) counts.set(v, (counts.get(v) ?? 0) + 1);
  assert.deepEqual(
    [...counts].filter(([, n]) => n > 1),
    [],
  );
  assert.ok(refused > 0, 'some writes were refused while nats-server was down');
});
