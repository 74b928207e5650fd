// The job API listener's port handling: a taken port moves to the next free one with
// enable-dynamic-port, and without it the Kapacitor API still starts (the job API does not).

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { test } from 'node:test';
import { request, startTestServer } from '../../support/test-server.js';

async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const jobs = (port: number, dynamic: boolean) => ({
  enabled: true,
  bindHost: '127.0.0.1',
  bindPort: port,
  contextPath: '',
  enableDynamicPort: dynamic,
  portRange: 20,
  historyLimit: 10,
});

test('enable-dynamic-port moves to the next free port within port-range', async () => {
  const taken = await occupy();
  const server = await startTestServer({ jobs: jobs(taken.port, true) });
  try {
    const address = server.server.jobsAddress();
    assert.ok(address);
    assert.ok(address.port > taken.port && address.port <= taken.port + 20, `bound ${address.port}`);
    assert.equal((await request(`http://127.0.0.1:${address.port}`, 'GET', '/overview')).status, 200);
  } finally {
    await server.close();
    taken.server.close();
  }
});

test('a taken port without dynamic ports leaves the Kapacitor API running and the job API off', async () => {
  const taken = await occupy();
  const server = await startTestServer({ jobs: jobs(taken.port, false) });
  try {
    assert.equal(server.server.jobsAddress(), undefined);
    assert.equal((await request(server.url, 'GET', '/kapacitor/v1/ping')).status, 204);
  } finally {
    await server.close();
    taken.server.close();
  }
});
