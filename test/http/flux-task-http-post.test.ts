// A Flux task run that calls http.post against a receiver that takes 2 s to answer: the
// server keeps answering pings promptly while the run waits, and the run log shows the status.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

const API = '/kapacitor/v1/api/v2/tasks';
let server: TestServer;
let receiver: Server;
let hookUrl = '';
let holding = 0;
const bodies: string[] = [];

before(async () => {
  server = await startTestServer();
  receiver = createServer((req, res) => {
    holding++;
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      bodies.push(body);
      setTimeout(() => {
        holding--;
        res.statusCode = 204;
        res.end();
      }, 2000);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alert`;
});

after(async () => {
  await server.close();
  receiver.close();
});

test('pings are answered within 200 ms while a task run waits 2 s on http.post', async () => {
  const flux = `import "http"\nimport "json"\noption task = {name: "notify", every: 1h}\n\nstatus = http.post(url: "${hookUrl}", data: json.encode(v: {level: "crit"}))\n`;
  const created = await request(server.url, 'POST', API, { json: { flux, status: 'inactive' } });
  assert.equal(created.status, 201, created.text);
  const run = await request(server.url, 'POST', `${API}/${created.json.id}/runs`, { json: {} });
  assert.equal(run.status, 201, run.text);
  await poll(
    async () => holding,
    (n) => n > 0,
    20_000,
  );
  const latencies: number[] = [];
  while (holding > 0) {
    const started = performance.now();
    const ping = await request(server.url, 'GET', '/kapacitor/v1/ping');
    latencies.push(performance.now() - started);
    assert.equal(ping.status, 204);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(latencies.length >= 5, `only ${latencies.length} pings while the post was held`);
  assert.ok(Math.max(...latencies) < 200, `ping latencies ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`);
  const done = await poll(
    async () => (await request(server.url, 'GET', `${API}/${created.json.id}/runs/${run.json.id}`)).json,
    (r: any) => r.status === 'success' || r.status === 'failed',
    20_000,
  );
  assert.equal(done.status, 'success', JSON.stringify(done.log));
  assert.ok(
    done.log.some((l: any) => l.message === `http.post ${hookUrl}: 204`),
    JSON.stringify(done.log),
  );
  assert.deepEqual(bodies, ['{"level":"crit"}']);
});
