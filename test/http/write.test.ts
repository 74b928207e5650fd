// HTTP-level tests of POST /kapacitor/v1/write and /write: status codes, error texts,
// precision, gzip, size limit, and points reaching a task's httpOut.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ maxBodySize: 64 * 1024 });
});
after(async () => {
  await server.close();
});

async function createHttpOutTask(id: string, measurement: string): Promise<void> {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: {
      id,
      type: 'stream',
      dbrps: [{ db: 'db', rp: 'rp' }],
      status: 'enabled',
      script: `stream\n    |from()\n        .measurement('${measurement}')\n    |httpOut('out')\n`,
    },
  });
  assert.equal(reply.status, 200, reply.text);
}

async function httpOut(id: string): Promise<any> {
  return poll(
    async () => (await request(server.url, 'GET', `/kapacitor/v1/tasks/${id}/out`)).json,
    (j) => Array.isArray(j?.series),
  );
}

test('a valid write answers 204 with an empty body', async () => {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp', { body: 'cpu,host=a value=1 1\n' });
  assert.equal(reply.status, 204);
  assert.equal(reply.text, '');
});

test('a write without db answers 400 "database is required"', async () => {
  const reply = await request(server.url, 'POST', '/kapacitor/v1/write?rp=rp', { body: 'cpu value=1\n' });
  assert.equal(reply.status, 400);
  assert.match(reply.text, /database is required/);
});

test('malformed line protocol answers 400 with the parse error', async () => {
  const reply = await request(server.url, 'POST', '/write?db=db', { body: 'this is not line protocol\n' });
  assert.equal(reply.status, 400);
  assert.match(reply.text, /^unable to parse 'this is not line protocol': /);
});

test('a body over max-body-size answers 413', async () => {
  const reply = await request(server.url, 'POST', '/write?db=db', { body: 'cpu value=1\n'.repeat(10000) });
  assert.equal(reply.status, 413);
});

test('points reach an enabled task, with precision and gzip honoured', async () => {
  await createHttpOutTask('write-precision', 'prec');
  const reply = await request(server.url, 'POST', '/kapacitor/v1/write?db=db&rp=rp&precision=s', { body: 'prec,host=h value=3 1500000001\n', gzip: true });
  assert.equal(reply.status, 204);
  const result = await httpOut('write-precision');
  assert.deepEqual(result.series[0].values, [['2017-07-14T02:40:01Z', 3]]);
  assert.deepEqual(result.series[0].tags, { host: 'h' });
});

test('the /write alias reaches tasks and only matching dbrps are routed', async () => {
  await createHttpOutTask('write-alias', 'alias');
  await request(server.url, 'POST', '/write?db=other&rp=rp', { body: 'alias value=1 1000000000\n' });
  await request(server.url, 'POST', '/write?db=db&rp=rp', { body: 'alias value=2 2000000000\n' });
  const result = await httpOut('write-alias');
  assert.deepEqual(result.series[0].values, [['1970-01-01T00:00:02Z', 2]]);
});

test('valid lines of a partly bad body are written, and the answer is 400', async () => {
  await createHttpOutTask('write-partial', 'partial');
  const reply = await request(server.url, 'POST', '/write?db=db&rp=rp', { body: 'partial value=5i 3000000000\npartial value=\n' });
  assert.equal(reply.status, 400);
  assert.match(reply.text, /unable to parse 'partial value=':/);
  const result = await httpOut('write-partial');
  assert.deepEqual(result.series[0].values, [['1970-01-01T00:00:03Z', 5]]);
});

test('nanosecond timestamps come out exactly', async () => {
  await createHttpOutTask('write-nanos', 'nanos');
  await request(server.url, 'POST', '/write?db=db&rp=rp', { body: 'nanos value=1 1500000000123456789\n' });
  const result = await httpOut('write-nanos');
  assert.equal(result.series[0].values[0][0], '2017-07-14T02:40:00.123456789Z');
});

test('a body of many slices with strings spanning lines keeps every point, in order, and every error', async () => {
  const count = 400;
  const script =
    "stream\n    |from()\n        .measurement('spans')\n    |window()\n        .periodCount(400)\n        .everyCount(400)\n    |httpOut('out')\n";
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'write-spans', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], status: 'enabled', script },
  });
  assert.equal(created.status, 200, created.text);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`spans s="${'x'.repeat(40)}\n${'y'.repeat(40)} ${i}",n=${i}i ${(i + 1) * 1_000_000_000}`);
    if (i % 100 === 50) lines.push('spans n=');
  }
  const body = lines.join('\n') + '\n';
  assert.ok(body.length > 40 * 1024 && body.length < 64 * 1024);
  const reply = await request(server.url, 'POST', '/write?db=db&rp=rp', { body });
  assert.equal(reply.status, 400);
  assert.equal(reply.text.match(/unable to parse/g)?.length, 4, reply.text);
  assert.match(reply.text, /unable to parse 'spans n=': missing field value/);
  const result = await httpOut('write-spans');
  const values = result.series[0].values as unknown[][];
  assert.equal(values.length, count);
  const columns = result.series[0].columns as string[];
  values.forEach((row, i) => {
    assert.equal(row[columns.indexOf('n')], i);
    assert.equal(row[columns.indexOf('s')], `${'x'.repeat(40)}\n${'y'.repeat(40)} ${i}`);
  });
});
