// A running task whose node fails stops and shows the error in GET /kapacitor/v1/tasks/:id, as
// Kapacitor's task_store does (startTask waits on the executing task; on an error it stops the
// task, which stays enabled, and saves `<node>: <error>`). Enabling it again clears the error.
// Batch tasks: batch.go QueryNode.doQuery ends the node when InfluxDB is missing or the
// cluster is unknown, but a query that fails (an unreachable InfluxDB) is only logged.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, loadConfigText } from '../../../src/config/index.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';
import { AGENT } from '../udf/fixtures/agent-config.js';

let server: TestServer;

before(async () => {
  const config = loadConfigText(
    [
      '[udf]',
      '[udf.functions]',
      '  [udf.functions.customFunc]',
      `    prog = ${JSON.stringify(process.execPath)}`,
      `    args = [${JSON.stringify(AGENT)}]`,
      '    timeout = "10s"',
      '    [udf.functions.customFunc.env]',
      '      UDF_MODE = "error-on-point"',
    ].join('\n'),
  );
  server = await startTestServer({
    config: () => config,
    // Nothing listens on port 1: every query fails to connect.
    influxdb: [{ ...defaultConfig('/tmp').influxdb[0]!, urls: ['http://127.0.0.1:1'], disableSubscriptions: true }],
  });
});

after(async () => {
  await server.close();
});

const get = (id: string) => request(server.url, 'GET', `/kapacitor/v1/tasks/${id}`);

test('a UDF failing at run time stops the task and sets its error', async () => {
  const script = "stream\n    |from()\n        .measurement('cpu')\n    @customFunc()\n    |httpOut('out')\n";
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'udf_fails', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' },
  });
  assert.equal(created.status, 200, created.text);
  assert.equal(created.json.error, '');
  await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp&precision=s', { body: 'cpu value=1 10\n' });
  const task = await poll(
    () => get('udf_fails'),
    (r) => r.json.error !== '',
  );
  // udf/server.go: the agent's error text; node.go: prefixed with the node's name.
  assert.equal(task.json.error, 'customFunc2: boom');
  assert.equal(task.json.executing, false);
  assert.equal(task.json.status, 'enabled');
  // Starting it again clears the error.
  await request(server.url, 'PATCH', '/kapacitor/v1/tasks/udf_fails', { json: { status: 'disabled' } });
  const enabled = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/udf_fails', { json: { status: 'enabled' } });
  assert.equal(enabled.json.error, '');
  assert.equal(enabled.json.executing, true);
});

const batchScript = (cluster: string) =>
  `batch\n    |query('SELECT mean("v") FROM "db"."rp"."m"')\n        .period(1s)\n        .every(1s)${cluster}\n    |httpOut('out')\n`;

test('a batch task whose query names an unknown cluster stops with the error', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'batch_cluster', type: 'batch', dbrps: [{ db: 'db', rp: 'rp' }], script: batchScript("\n        .cluster('nope')"), status: 'enabled' },
  });
  assert.equal(created.status, 200, created.text);
  const task = await poll(
    () => get('batch_cluster'),
    (r) => r.json.error !== '',
  );
  assert.equal(task.json.error, 'query1: failed to get InfluxDB client: no such InfluxDB config nope');
  assert.equal(task.json.executing, false);
});

test('a batch task whose query cannot reach InfluxDB keeps running with no error, counting query errors', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'batch_unreachable', type: 'batch', dbrps: [{ db: 'db', rp: 'rp' }], script: batchScript(''), status: 'enabled' },
  });
  assert.equal(created.status, 200, created.text);
  // batch.go QueryNode.doQuery: "error executing query" is logged and the next tick runs.
  const task = await poll(
    () => get('batch_unreachable'),
    (r) => (r.json.stats?.['node-stats']?.query1?.query_errors ?? 0) >= 2,
  );
  assert.ok(task.json.stats['node-stats'].query1.query_errors >= 2, JSON.stringify(task.json.stats));
  assert.equal(task.json.error, '');
  assert.equal(task.json.executing, true);
});

test('a batch task without any InfluxDB stops with the error', async () => {
  const bare = await startTestServer();
  try {
    const created = await request(bare.url, 'POST', '/kapacitor/v1/tasks', {
      json: { id: 'batch_none', type: 'batch', dbrps: [{ db: 'db', rp: 'rp' }], script: batchScript(''), status: 'enabled' },
    });
    assert.equal(created.status, 200, created.text);
    const task = await poll(
      () => request(bare.url, 'GET', '/kapacitor/v1/tasks/batch_none'),
      (r) => r.json.error !== '',
    );
    // services/influxdb: with no cluster configured the default name ("") is looked up.
    assert.equal(task.json.error, 'query1: failed to get InfluxDB client: no such InfluxDB config ');
    assert.equal(task.json.executing, false);
  } finally {
    await bare.close();
  }
});
