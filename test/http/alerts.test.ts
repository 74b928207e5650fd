// HTTP-level: an alert task reaching real post, tcp, log and exec peers, and the topics,
// events, handlers and service-tests API of a running server.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startHttpSink, startTcpSink, waitFor, type HttpSink, type TcpSink } from '../alert/peers.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let http: HttpSink;
let tcp: TcpSink;
let dir: string;

before(async () => {
  server = await startTestServer();
  http = await startHttpSink();
  tcp = await startTcpSink();
  dir = mkdtempSync(join(tmpdir(), 'alert-http-'));
});

after(async () => {
  await server.close();
  await http.close();
  await tcp.close();
  rmSync(dir, { recursive: true, force: true });
});

const V1 = '/kapacitor/v1';

async function write(lines: string[]): Promise<void> {
  const reply = await request(server.url, 'POST', `${V1}/write?db=db&rp=rp&precision=s`, { body: lines.join('\n') });
  assert.equal(reply.status, 204, reply.text);
}

test('an alert task sends events to post, tcp, log and exec and publishes to its topic', async () => {
  const logPath = join(dir, 'alerts.log');
  const execOut = join(dir, 'exec.out');
  const execScript = `require('fs').appendFileSync(${JSON.stringify(execOut)}, require('fs').readFileSync(0))`;
  const script = `stream
    |from()
        .measurement('cpu')
        .groupBy('host')
    |alert()
        .id('{{ .Name }}/{{ index .Tags "host" }}')
        .message('{{ .ID }} {{ .Level }} value={{ index .Fields "value" }}')
        .details('<b>{{ .Level }} {{ "a&b" }}</b>')
        .crit(lambda: "value" > 10)
        .topic('cpu-topic')
        .post('${http.url}/alert')
            .header('X-Test', 'yes')
        .tcp('${tcp.address}')
        .log('${logPath}')
        .exec('${process.execPath}', '-e', '${execScript.replace(/'/g, "\\'")}')
        .levelField('level')
    |httpOut('out')
`;
  const created = await request(server.url, 'POST', `${V1}/tasks`, {
    json: { id: 'alert-task', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' },
  });
  assert.equal(created.status, 200, created.text);
  await write(['cpu,host=a value=5 10', 'cpu,host=a value=15 11', 'cpu,host=a value=16 12', 'cpu,host=a value=1 13']);
  await waitFor(() => http.requests.length >= 3 && tcp.messages.length >= 3, 'post and tcp events');

  const posted = http.requests.map((r) => JSON.parse(r.body));
  assert.deepEqual(
    posted.map((b) => [b.level, b.previousLevel, b.duration]),
    [
      ['CRITICAL', 'OK', 0],
      ['CRITICAL', 'CRITICAL', 1e9],
      ['OK', 'CRITICAL', 2e9],
    ],
  );
  assert.equal(posted[0].id, 'cpu/a');
  assert.equal(posted[0].message, 'cpu/a CRITICAL value=15');
  assert.equal(posted[0].details, '<b>CRITICAL a&amp;b</b>', 'details escape action output as html/template does');
  assert.equal(posted[0].time, '1970-01-01T00:00:11Z');
  assert.deepEqual(posted[0].data.series, [{ name: 'cpu', tags: { host: 'a' }, columns: ['time', 'value'], values: [['1970-01-01T00:00:11Z', 15]] }]);
  assert.equal(http.requests[0]!.headers['x-test'], 'yes');
  assert.equal(http.requests[0]!.headers['content-type'], 'application/json');
  assert.deepEqual(
    tcp.messages.map((m) => JSON.parse(m).level),
    ['CRITICAL', 'CRITICAL', 'OK'],
  );

  await waitFor(() => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').filter(Boolean).length === 3 && readFileSync(execOut, 'utf8').split('\n').filter(Boolean).length === 3;
    } catch {
      return false;
    }
  }, 'log and exec output');
  assert.equal(statSync(logPath).mode & 0o777, 0o600);
  assert.deepEqual(
    readFileSync(execOut, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).level),
    ['CRITICAL', 'CRITICAL', 'OK'],
  );

  const out = await request(server.url, 'GET', `${V1}/tasks/alert-task/out`);
  assert.equal(out.json.series[0].values[0][out.json.series[0].columns.indexOf('level')], 'OK');

  const topic = await request(server.url, 'GET', `${V1}/alerts/topics/cpu-topic`);
  assert.equal(topic.status, 200);
  assert.equal(topic.json.level, 'OK');
  assert.equal(topic.json.collected, 3);
  const events = await request(server.url, 'GET', `${V1}/alerts/topics/cpu-topic/events`);
  assert.deepEqual(
    events.json.events.map((e: { id: string }) => e.id),
    ['cpu/a'],
  );
  assert.equal(events.json.events[0].state.message, 'cpu/a OK value=1');
  const critical = await request(server.url, 'GET', `${V1}/alerts/topics/cpu-topic/events?min-level=CRITICAL`);
  assert.deepEqual(critical.json.events, []);
  const listed = await request(server.url, 'GET', `${V1}/alerts/topics?min-level=WARNING`);
  assert.ok(!listed.json.topics.some((t: { id: string }) => t.id === 'cpu-topic'));

  const vars = await request(server.url, 'GET', `${V1}/debug/vars`);
  const postStats = vars.json.kapacitor['alert_handlers:kind=post'];
  assert.deepEqual(postStats.values, { queued: 3, sent: 3, dropped: 0, errors: 0 });

  const deleted = await request(server.url, 'DELETE', `${V1}/tasks/alert-task`);
  assert.equal(deleted.status, 204);
  const anon = await request(server.url, 'GET', `${V1}/alerts/topics?pattern=main:alert-task:*`);
  assert.deepEqual(anon.json.topics, [], 'anonymous topics go with their task');
  await request(server.url, 'DELETE', `${V1}/alerts/topics/cpu-topic`);
});

test('topic handlers: create, replace, patch, list, delete, and events reach them', async () => {
  const hp = `${V1}/alerts/topics/ops/handlers`;
  const created = await request(server.url, 'POST', hp, {
    json: { id: 'to-sink', kind: 'post', options: { url: `${http.url}/topic` }, match: 'level() >= WARNING' },
  });
  assert.equal(created.status, 200, created.text);
  assert.deepEqual(created.json.link, { rel: 'self', href: `${hp}/to-sink` });
  const duplicate = await request(server.url, 'POST', hp, { json: { id: 'to-sink', kind: 'post', options: { url: 'http://x' } } });
  assert.equal(duplicate.status, 400);
  const badKind = await request(server.url, 'POST', hp, { json: { id: 'x', kind: 'nosuch' } });
  assert.equal(badKind.status, 400);
  assert.match(badKind.json.error, /unsupported handler kind/);

  const patched = await request(server.url, 'PATCH', `${hp}/to-sink`, { json: [{ op: 'replace', path: '/options/url', value: `${http.url}/patched` }] });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.options.url, `${http.url}/patched`);
  const put = await request(server.url, 'PUT', `${hp}/to-sink`, {
    json: { id: 'to-sink', kind: 'post', options: { url: `${http.url}/put` }, match: 'level() >= WARNING' },
  });
  assert.equal(put.status, 200);
  const list = await request(server.url, 'GET', hp);
  assert.deepEqual(
    list.json.handlers.map((h: { id: string }) => h.id),
    ['to-sink'],
  );

  const before = http.requests.length;
  const script = `stream
    |from()
        .measurement('mem')
    |alert()
        .id('mem')
        .warn(lambda: "used" > 50)
        .topic('ops')
`;
  await request(server.url, 'POST', `${V1}/tasks`, { json: { id: 'ops-task', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' } });
  await write(['mem used=60 100', 'mem used=10 101']);
  await waitFor(() => http.requests.length > before, 'topic handler post');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const received = http.requests.slice(before);
  assert.deepEqual(
    received.map((r) => [r.path, JSON.parse(r.body).level]),
    [['/put', 'WARNING']],
    'the OK event did not match level() >= WARNING',
  );

  const del = await request(server.url, 'DELETE', `${hp}/to-sink`);
  assert.equal(del.status, 204);
  const gone = await request(server.url, 'GET', `${hp}/to-sink`);
  assert.equal(gone.status, 404);
  await request(server.url, 'DELETE', `${V1}/tasks/ops-task`);
  await request(server.url, 'DELETE', `${V1}/alerts/topics/ops`);
  const topicGone = await request(server.url, 'GET', `${V1}/alerts/topics/ops`);
  assert.equal(topicGone.status, 404);
  assert.match(topicGone.json.error, /topic/);
});

test('service tests list services and send a test alert', async () => {
  const list = await request(server.url, 'GET', `${V1}/service-tests`);
  assert.equal(list.status, 200);
  const names = list.json.services.map((s: { name: string }) => s.name);
  for (const name of ['alertlog', 'exec', 'httppost', 'tcp']) assert.ok(names.includes(name), name);
  const before = tcp.messages.length;
  const ok = await request(server.url, 'POST', `${V1}/service-tests/tcp`, { json: { address: tcp.address } });
  assert.deepEqual(ok.json, { success: true, message: '' });
  await waitFor(() => tcp.messages.length > before, 'test alert');
  assert.equal(JSON.parse(tcp.messages[tcp.messages.length - 1]!).id, 'testAlert');
  const failed = await request(server.url, 'POST', `${V1}/service-tests/httppost`, { json: { url: 'http://127.0.0.1:1/' } });
  assert.equal(failed.json.success, false);
  assert.notEqual(failed.json.message, '');
  const unknown = await request(server.url, 'POST', `${V1}/service-tests/nosuch`, { json: {} });
  assert.equal(unknown.status, 404);
});
