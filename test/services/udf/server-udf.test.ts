// A real server configured with [udf.functions.customFunc] (the test agent) and
// [deadman] global = true: task definitions check UDF options against the agent's Info,
// the task runs the agent, and every task gets the global deadman in its DOT.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, loadConfigText } from '../../../src/config/index.js';
import { poll, request, startTestServer, type TestServer } from '../../support/test-server.js';
import { AGENT } from './fixtures/agent-config.js';

let server: TestServer;

before(async () => {
  const config = loadConfigText(
    [
      '[deadman]',
      '  global = true',
      '  interval = "1m"',
      '  threshold = 1.5',
      '[udf]',
      '[udf.functions]',
      '  [udf.functions.customFunc]',
      `    prog = ${JSON.stringify(process.execPath)}`,
      `    args = [${JSON.stringify(AGENT)}]`,
      '    timeout = "10s"',
    ].join('\n'),
  );
  assert.equal(Object.keys(config.udf.functions).length, 1);
  assert.deepEqual(defaultConfig().udf.functions, {});
  server = await startTestServer({ config: () => config });
});

after(async () => {
  await server.close();
});

const task = (script: string, id = 'udf_task') => ({ id, type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' });

test('a UDF task runs the agent and the global deadman is added', async (t) => {
  t.after(() => request(server.url, 'DELETE', '/kapacitor/v1/tasks/udf_task'));
  const script =
    "stream\n    |from()\n        .measurement('cpu')\n    @customFunc()\n        .opt1('count')\n        .opt2(FALSE, 1, 1.0, '1.0', 1s)\n    |httpOut('out')\n";
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: task(script) });
  assert.equal(created.status, 200, created.text);
  const edges = (created.json.dot as string).split('\n').flatMap((line) => /^(\w+) -> (\w+) /.exec(line)?.slice(1, 3).join('->') ?? []);
  assert.deepEqual(edges, ['stream0->from1', 'from1->customFunc2', 'customFunc2->http_out3', 'stats4->derivative5', 'derivative5->alert6']);
  await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp&precision=s', { body: 'cpu,host=a value=1 10\n' });
  const out = await poll(
    () => request(server.url, 'GET', '/kapacitor/v1/tasks/udf_task/out'),
    (r) => r.json?.series != null,
  );
  assert.deepEqual(out.json.series, [{ name: 'cpu', tags: { host: 'a' }, columns: ['time', 'customField'], values: [['1970-01-01T00:00:10Z', 42]] }]);
});

test("options are checked against the agent's Info", async () => {
  const bad = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: task('stream\n    |from()\n    @customFunc()\n        .opt1(1)\n', 'udf_bad'),
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json, { error: 'invalid TICKscript: line 4 char 10: unexpected arg to opt1, got INT expected STRING' });
  const unknown = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: task('stream\n    |from()\n    @otherFunc()\n', 'udf_bad') });
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.error, /no method or property "otherFunc"/);
});
