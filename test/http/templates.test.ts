// HTTP-level tests of /kapacitor/v1/templates and tasks defined from templates.

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

const templateScript = `// Which measurement to read
var measurement = 'cpu'

stream
    |from()
        .measurement(measurement)
    |httpOut('out')
`;

test('a template shows its vars, dot and links', async () => {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/templates', { json: { id: 'tpl', type: 'stream', script: templateScript } });
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(reply.json.link, { rel: 'self', href: '/kapacitor/v1/templates/tpl' });
  assert.deepEqual(reply.json.vars, { measurement: { type: 'string', value: 'cpu', description: 'Which measurement to read' } });
  assert.equal(reply.json.dot, 'digraph tpl {\nstream0 -> from1;\nfrom1 -> http_out2;\n}');
  const duplicate = await request(server.url, 'POST', '/kapacitor/v1/templates', { json: { id: 'tpl', type: 'stream', script: templateScript } });
  assert.equal(duplicate.status, 400);
  assert.deepEqual(duplicate.json, { error: 'template tpl already exists' });
});

test('a task from a template uses its vars; updating the template restarts the task', async () => {
  await request(server.url, 'POST', '/kapacitor/v1/templates', { json: { id: 'tpl2', type: 'stream', script: templateScript } });
  const task = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'fromtpl', 'template-id': 'tpl2', dbrps: [{ db: 'db', rp: 'rp' }], status: 'enabled', vars: { measurement: { type: 'string', value: 'mem' } } },
  });
  assert.equal(task.status, 200, task.text);
  assert.equal(task.json['template-id'], 'tpl2');
  assert.equal(task.json.type, 'stream');
  assert.deepEqual(task.json.vars, { measurement: { type: 'string', value: 'mem', description: '' } });

  await request(server.url, 'POST', '/write?db=db&rp=rp', { body: 'mem value=1 1000000000\ncpu value=2 1000000000\n' });
  const out = await poll(
    async () => (await request(server.url, 'GET', '/kapacitor/v1/tasks/fromtpl/out')).json,
    (j) => Array.isArray(j?.series),
  );
  assert.equal(out.series[0].name, 'mem');

  const updated = await request(server.url, 'PATCH', '/kapacitor/v1/templates/tpl2', {
    json: { script: templateScript.replace("httpOut('out')", "httpOut('out2')") },
  });
  assert.equal(updated.status, 200, updated.text);
  const moved = await request(server.url, 'GET', '/kapacitor/v1/tasks/fromtpl/out2');
  assert.deepEqual(moved.json, { series: null });
});

test('templates list with pattern, delete answers 204 and GET then 404', async () => {
  for (const id of ['tl-a', 'tl-b']) {
    await request(server.url, 'POST', '/kapacitor/v1/templates', { json: { id, type: 'stream', script: templateScript } });
  }
  const list = await request(server.url, 'GET', '/kapacitor/v1/templates?pattern=tl-*');
  assert.deepEqual(
    list.json.templates.map((t: any) => t.id),
    ['tl-a', 'tl-b'],
  );
  assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/templates/tl-a')).status, 204);
  const gone = await request(server.url, 'GET', '/kapacitor/v1/templates/tl-a');
  assert.equal(gone.status, 404);
  assert.deepEqual(gone.json, { error: 'no template exists' });
});
