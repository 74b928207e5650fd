// HTTP-level: points written over /kapacitor/v1/write flow through a windowed, grouped task
// and come out of its httpOut endpoint; the task's stats, DOT statistics and /debug/vars show
// the engine's counters.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

const SCRIPT = `stream
    |from()
        .measurement('cpu')
        .groupBy('host')
    |window()
        .period(10s)
        .every(10s)
    |mean('value')
    |httpOut('mean')
`;

test('written points are windowed, aggregated and served by httpOut', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'engine-mean', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], status: 'enabled', script: SCRIPT },
  });
  assert.equal(created.status, 200, created.text);
  const before = await request(server.url, 'GET', '/kapacitor/v1/tasks/engine-mean/mean');
  assert.deepEqual(before.json, { series: null });
  const lines = [];
  for (let s = 0; s <= 10; s++) lines.push(`cpu,host=a value=${s} ${s}`, `cpu,host=b value=${2 * s} ${s}`);
  const write = await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp&precision=s', { body: lines.join('\n') });
  assert.equal(write.status, 204);
  const result = await poll(
    async () => (await request(server.url, 'GET', '/kapacitor/v1/tasks/engine-mean/mean')).json,
    (j) => Array.isArray(j?.series) && j.series.length === 2,
  );
  assert.deepEqual(result, {
    series: [
      { name: 'cpu', tags: { host: 'a' }, columns: ['time', 'mean'], values: [['1970-01-01T00:00:10Z', 4.5]] },
      { name: 'cpu', tags: { host: 'b' }, columns: ['time', 'mean'], values: [['1970-01-01T00:00:10Z', 9]] },
    ],
  });

  const task = (await request(server.url, 'GET', '/kapacitor/v1/tasks/engine-mean')).json;
  assert.equal(task.stats['node-stats'].from1.collected, 22);
  assert.equal(task.stats['node-stats'].window2.emitted, 2);
  assert.equal(task.stats['node-stats'].window2.working_cardinality, 2);
  assert.match(task.dot, /stream0 -> from1 \[processed="22"\];/);
  assert.match(task.dot, /window2 \[avg_exec_time_ns="[^"]+" errors="0" working_cardinality="2" \];/);

  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  const node = Object.values(vars.kapacitor as Record<string, any>).find((s) => s.name === 'nodes' && s.tags.task === 'engine-mean' && s.tags.node === 'mean3');
  assert.equal(node.values.emitted, 2);
});

test('an unknown httpOut name answers 404; a disabled task stops serving', async () => {
  const missing = await request(server.url, 'GET', '/kapacitor/v1/tasks/engine-mean/nope');
  assert.equal(missing.status, 404);
  const patched = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/engine-mean', { json: { status: 'disabled' } });
  assert.equal(patched.status, 200);
  const gone = await request(server.url, 'GET', '/kapacitor/v1/tasks/engine-mean/mean');
  assert.equal(gone.status, 404);
});
