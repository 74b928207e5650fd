// [stats] timing-sample-rate and timing-movavg-size over HTTP: a rate of 0 (or statistics
// disabled) leaves every node's avg_exec_time_ns at 0; a rate of 1 times the nodes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withDefaults } from '../../../src/config/index.js';
import { request, startTestServer } from '../../support/test-server.js';

const SCRIPT = `stream|from().measurement('cpu')|eval(lambda: "v" * 2.0).as('d')|httpOut('o')`;

async function nodeTimes(change: (config: ReturnType<typeof withDefaults>) => void): Promise<Record<string, number>> {
  const config = withDefaults({ influxdb: [] });
  change(config);
  const server = await startTestServer({ config: () => config });
  try {
    const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
      json: { id: 't', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], status: 'enabled', script: SCRIPT },
    });
    assert.equal(created.status, 200, created.text);
    const lines = Array.from({ length: 500 }, (_, i) => `cpu v=${i} ${i}`).join('\n');
    assert.equal((await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp&precision=s', { body: lines })).status, 204);
    const task = (await request(server.url, 'GET', '/kapacitor/v1/tasks/t')).json;
    const stats = task.stats['node-stats'] as Record<string, { avg_exec_time_ns: number; collected: number }>;
    assert.equal(stats.from1!.collected, 500);
    return Object.fromEntries(Object.entries(stats).map(([name, s]) => [name, s.avg_exec_time_ns]));
  } finally {
    await server.close();
  }
}

test('timing-sample-rate 0 times nothing: avg_exec_time_ns stays 0', async () => {
  const times = await nodeTimes((config) => {
    config.stats.timingSampleRate = 0;
  });
  assert.deepEqual(Object.values(times), [0, 0, 0, 0]);
});

test('with [stats] disabled nodes are not timed, as in Kapacitor', async () => {
  const times = await nodeTimes((config) => {
    config.stats.enabled = false;
    config.stats.timingSampleRate = 1;
  });
  assert.deepEqual(Object.values(times), [0, 0, 0, 0]);
});

test('timing-sample-rate 1 times every message of every node', async () => {
  const times = await nodeTimes((config) => {
    config.stats.timingSampleRate = 1;
    config.stats.timingMovavgSize = 10;
  });
  assert.ok(times.from1! > 0 && times.eval2! > 0 && times.http_out3! > 0, JSON.stringify(times));
});
