// The kapacitor client's alert topic and handler commands (define-topic-handler, show-topic,
// show-topic-handler, list topics/topic-handlers, delete topics/topic-handlers): their requests
// and output, against a scripted server answering as Kapacitor's /alerts/topics routes do.

import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lines, runCli, startMockServer, type MockServer } from './cli-harness.js';

process.env.TZ = 'UTC';

let mock: MockServer;
let dir: string;
before(async () => {
  mock = await startMockServer();
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-cli-alerts-'));
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  mock.requests.length = 0;
  for (const key of Object.keys(mock.routes)) delete mock.routes[key];
});

const cli = (...argv: string[]) => runCli(['-url', mock.url, ...argv]);
const TOPICS = '/kapacitor/v1/alerts/topics';

function topic(id: string, level: string, collected: number) {
  return {
    link: { rel: 'self', href: `${TOPICS}/${id}` },
    id,
    level,
    collected,
    'events-link': { rel: 'events', href: `${TOPICS}/${id}/events` },
    'handlers-link': { rel: 'handlers', href: `${TOPICS}/${id}/handlers` },
  };
}

function handler(topicId: string, id: string, kind: string) {
  return { link: { rel: 'self', href: `${TOPICS}/${topicId}/handlers/${id}` }, id, kind, match: '', options: {} };
}

test('define-topic-handler creates a handler from YAML, and replaces an existing one from JSON', async () => {
  const yamlPath = join(dir, 'slack.yaml');
  writeFileSync(yamlPath, "topic: cpu\nid: slack\nkind: slack\nmatch: changed() == TRUE\noptions:\n  channel: '#alerts'\n  username: kapacitor\n");
  mock.routes[`POST ${TOPICS}/cpu/handlers`] = { json: handler('cpu', 'slack', 'slack') };
  assert.deepEqual(await cli('define-topic-handler', yamlPath), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(
    mock.requests.map((r) => `${r.method} ${r.path}`),
    [`GET ${TOPICS}/cpu/handlers/slack`, `POST ${TOPICS}/cpu/handlers`],
  );
  assert.deepEqual(mock.requests[1]!.json, { id: 'slack', kind: 'slack', match: 'changed() == TRUE', options: { channel: '#alerts', username: 'kapacitor' } });

  mock.requests.length = 0;
  const jsonPath = join(dir, 'log.json');
  writeFileSync(jsonPath, JSON.stringify({ topic: 'cpu', id: 'log', kind: 'log', options: { path: '/tmp/alerts.log' } }));
  mock.routes[`GET ${TOPICS}/cpu/handlers/log`] = { json: handler('cpu', 'log', 'log') };
  mock.routes[`PUT ${TOPICS}/cpu/handlers/log`] = { json: handler('cpu', 'log', 'log') };
  assert.deepEqual(await cli('define-topic-handler', jsonPath), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(
    mock.requests.map((r) => `${r.method} ${r.path}`),
    [`GET ${TOPICS}/cpu/handlers/log`, `PUT ${TOPICS}/cpu/handlers/log`],
  );
  assert.deepEqual(mock.requests[1]!.json, { id: 'log', kind: 'log', match: '', options: { path: '/tmp/alerts.log' } });
});

test("define-topic-handler errors: no file, unreadable file, bad YAML, the server's refusal", async () => {
  const none = await cli('define-topic-handler');
  assert.equal(none.code, 2);
  assert.equal(lines(none.stderr)[0], 'Must provide a path to a handler file.');
  const missing = join(dir, 'missing.yaml');
  assert.deepEqual(await cli('define-topic-handler', missing), {
    code: 3,
    stdout: '',
    stderr: `failed to open handler spec file "${missing}": open ${missing}: no such file or directory\n`,
  });
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'topic: [unclosed\n');
  const badResult = await cli('define-topic-handler', bad);
  assert.equal(badResult.code, 3);
  assert.ok(badResult.stderr.startsWith(`failed to unmarshal yaml handler file "${bad}": `), badResult.stderr);

  const refused = join(dir, 'refused.yaml');
  writeFileSync(refused, 'topic: cpu\nid: x\nkind: nope\n');
  mock.routes[`POST ${TOPICS}/cpu/handlers`] = { status: 400, json: { error: 'unknown handler kind "nope"' } };
  assert.deepEqual(await cli('define-topic-handler', refused), { code: 3, stdout: '', stderr: 'unknown handler kind "nope"\n' });
});

test('list topics: ID, Level and a right-aligned Collected column', async () => {
  mock.routes[`GET ${TOPICS}`] = {
    json: { link: { rel: 'self', href: TOPICS }, topics: [topic('main:cpu_alert:alert2', 'CRITICAL', 12), topic('system', 'OK', 0)] },
  };
  const result = await cli('list', 'topics');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(lines(result.stdout), [
    'ID                    Level     Collected',
    'main:cpu_alert:alert2 CRITICAL         12',
    'system                OK                0',
  ]);
});

test('list topic-handlers: the first argument selects topics, the rest handlers', async () => {
  mock.routes[`GET ${TOPICS}`] = { json: { topics: [topic('cpu', 'OK', 1), topic('system', 'OK', 0)] } };
  mock.routes[`GET ${TOPICS}/cpu/handlers`] = { json: { topic: 'cpu', handlers: [handler('cpu', 'slack', 'slack'), handler('cpu', 'log', 'log')] } };
  mock.routes[`GET ${TOPICS}/system/handlers`] = { json: { topic: 'system', handlers: [handler('system', 'pagerduty-main', 'pagerduty2')] } };
  const result = await cli('list', 'topic-handlers', '*');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(lines(result.stdout), [
    'Topic      ID             Kind       ',
    'cpu        slack          slack      ',
    'cpu        log            log        ',
    'system     pagerduty-main pagerduty2 ',
  ]);
  assert.equal(mock.requests[0]!.query.get('pattern'), '*');

  mock.requests.length = 0;
  const filtered = await cli('list', 'topic-handlers', '', 's*', 'l?g');
  assert.deepEqual(lines(filtered.stdout), ['Topic      ID         Kind       ', 'cpu        slack      slack      ', 'cpu        log        log        ']);
  assert.deepEqual(
    mock.requests.map((r) => r.url),
    [
      TOPICS,
      `${TOPICS}/cpu/handlers?pattern=s*`,
      `${TOPICS}/cpu/handlers?pattern=l%3Fg`,
      `${TOPICS}/system/handlers?pattern=s*`,
      `${TOPICS}/system/handlers?pattern=l%3Fg`,
    ],
  );
});

test('show-topic prints level, collected, handlers and the events sorted by time', async () => {
  mock.routes[`GET ${TOPICS}/cpu`] = { json: topic('cpu', 'CRITICAL', 3) };
  mock.routes[`GET ${TOPICS}/cpu/events`] = {
    json: {
      topic: 'cpu',
      events: [
        { id: 'host=b', state: { level: 'CRITICAL', message: 'cpu is high on b', time: '2016-03-01T10:05:00Z', duration: '0s' } },
        { id: 'host=a', state: { level: 'OK', message: 'ok', time: '2016-03-01T10:00:00Z', duration: '0s' } },
      ],
    },
  };
  mock.routes[`GET ${TOPICS}/cpu/handlers`] = { json: { handlers: [handler('cpu', 'slack', 'slack'), handler('cpu', 'log', 'log')] } };
  const result = await cli('show-topic', 'cpu');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(lines(result.stdout), [
    'ID: cpu',
    'Level: CRITICAL',
    'Collected: 3',
    'Handlers: [slack, log]',
    'Events:',
    'Event  Level    Message          Date                   ',
    'host=a OK       ok               01 Mar 16 10:00 UTC    ',
    'host=b CRITICAL cpu is high on b 01 Mar 16 10:05 UTC    ',
  ]);

  mock.routes[`GET ${TOPICS}/nope`] = { status: 404, json: { error: 'topic "nope" does not exist' } };
  assert.deepEqual(await cli('show-topic', 'nope'), { code: 3, stdout: '', stderr: 'topic "nope" does not exist\n' });
});

test('show-topic-handler prints kind, match and the options as JSON', async () => {
  mock.routes[`GET ${TOPICS}/cpu/handlers/slack`] = {
    json: { ...handler('cpu', 'slack', 'slack'), match: 'level() == CRITICAL', options: { username: 'k', channel: '#a&b' } },
  };
  assert.deepEqual(await cli('show-topic-handler', 'cpu', 'slack'), {
    code: 0,
    stdout: 'ID: slack\nTopic: cpu\nKind: slack\nMatch: level() == CRITICAL\nOptions: {"channel":"#a\\u0026b","username":"k"}\n',
    stderr: '',
  });
  const oneArg = await cli('show-topic-handler', 'cpu');
  assert.equal(oneArg.code, 2);
  assert.equal(lines(oneArg.stderr)[0], 'Must specify both topic and handler IDs');
});

test('delete topics and topic-handlers', async () => {
  mock.routes[`GET ${TOPICS}`] = { json: { topics: [topic('cpu', 'OK', 0)] } };
  mock.routes[`DELETE ${TOPICS}/cpu`] = { status: 204 };
  mock.routes[`GET ${TOPICS}/system/handlers`] = { json: { handlers: [handler('system', 'slack', 'slack')] } };
  mock.routes[`DELETE ${TOPICS}/system/handlers/slack`] = { status: 204 };
  assert.deepEqual(await cli('delete', 'topics', 'c*'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(await cli('delete', 'topic-handlers', 'system', 'slack'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(
    mock.requests.map((r) => `${r.method} ${r.url}`),
    [`GET ${TOPICS}?pattern=c*`, `DELETE ${TOPICS}/cpu`, `GET ${TOPICS}/system/handlers?pattern=slack`, `DELETE ${TOPICS}/system/handlers/slack`],
  );
});
