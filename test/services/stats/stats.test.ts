// [stats]: Kapacitor's internal statistics arrive as points in _kapacitor.autogen, where a
// TICKscript task reads them, and `kapacitor stats ingress` lists the ingress counts.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { withDefaults } from '../../../src/config/index.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';
import { runCli } from '../../cli/cli-harness.js';

let server: TestServer;
before(async () => {
  const config = withDefaults({ influxdb: [] });
  config.stats.statsInterval = 100;
  server = await startTestServer({ config: () => config });
});
after(async () => {
  await server.close();
});

const INGRESS_TASK = `stream
    |from()
        .measurement('ingress')
        .where(lambda: "database" == 'mydb')
        .groupBy('measurement')
    |window()
        .period(100ms)
        .every(100ms)
    |last('points_received')
        .as('points')
    |httpOut('ingress')
`;

test('a task on _kapacitor.autogen sees the ingress statistics of written points', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'self', type: 'stream', dbrps: [{ db: '_kapacitor', rp: 'autogen' }], status: 'enabled', script: INGRESS_TASK },
  });
  assert.equal(created.status, 200, created.text);
  const write = await request(server.url, 'POST', '/kapacitor/v1/write?db=mydb&rp=autogen', { body: 'cpu v=1\ncpu v=2\nmem v=3\n' });
  assert.equal(write.status, 204);
  const result = await poll(
    async () => (await request(server.url, 'GET', '/kapacitor/v1/tasks/self/ingress')).json,
    (json) => Array.isArray(json?.series) && json.series.length === 2,
    10000,
  );
  const byMeasurement = Object.fromEntries(
    result.series.map((series: { tags: Record<string, string>; values: unknown[][] }) => [series.tags.measurement, series.values[0]![1]]),
  );
  assert.deepEqual(byMeasurement, { cpu: 2, mem: 1 });
});

test("statistics points carry Kapacitor's names, tags and integer fields", async () => {
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  const ingress = Object.values(vars.kapacitor as Record<string, { name: string; tags: Record<string, string> }>).filter(
    (stat) => stat.name === 'ingress' && stat.tags.database === '_kapacitor',
  );
  assert.ok(
    ingress.some((stat) => stat.tags.measurement === 'kapacitor'),
    'the statistics points are themselves counted',
  );
  assert.ok(ingress.some((stat) => stat.tags.measurement === 'runtime'));
  assert.equal(ingress[0]!.tags.task_master, 'main');
  assert.equal(ingress[0]!.tags.retention_policy, 'autogen');
});

test('kapacitor stats ingress lists the received points per database, retention policy and measurement', async () => {
  const result = await runCli(['-url', server.url, 'stats', 'ingress']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Database\s+Retention Policy\s+Measurement\s+Points Received\n/);
  assert.match(result.stdout, /\n_kapacitor\s+autogen\s+kapacitor\s+\d+\n/);
  assert.match(result.stdout, /\nmydb\s+autogen\s+cpu\s+2\n/);
  assert.match(result.stdout, /\nmydb\s+autogen\s+mem\s+1\n/);
});
