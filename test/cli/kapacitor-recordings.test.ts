// The kapacitor client's record, replay and replay-live commands and the recordings/replays
// lists: the requests they make (method, path, body) and what they print, against a scripted
// HTTP server that answers as Kapacitor's recording and replay routes do.

import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { lines, runCli, startMockServer, type MockServer, type SeenRequest } from './cli-harness.js';

process.env.TZ = 'UTC';

let mock: MockServer;
before(async () => {
  mock = await startMockServer();
});
after(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.requests.length = 0;
  for (const key of Object.keys(mock.routes)) delete mock.routes[key];
});

const cli = (...argv: string[]) => runCli(['-url', mock.url, ...argv]);

/** A job (recording or replay) answering `running` `polls` times, then `final`. */
function jobRoutes(kind: 'recordings' | 'replays', id: string, polls: number, final: Record<string, unknown>) {
  let remaining = polls;
  const link = { rel: 'self', href: `/kapacitor/v1/${kind}/${id}` };
  mock.routes[`GET /kapacitor/v1/${kind}/${id}`] = () => {
    remaining -= 1;
    return remaining > 0
      ? { status: 202, json: { link, id, status: 'running', progress: 0.5, error: '' } }
      : { status: 200, json: { link, id, status: 'finished', progress: 1, error: '', ...final } };
  };
  return (request: SeenRequest) => ({ status: 201, json: { link, id, status: 'running', progress: 0, error: '', echo: request.json } });
}

function msOf(text: string): number {
  return Date.parse(text);
}

test('record stream sends the task, the stop time and the ID, waits, prints the ID', async () => {
  mock.routes['POST /kapacitor/v1/recordings/stream'] = jobRoutes('recordings', 'rec1', 2, {});
  const before = Date.now();
  const result = await cli('record', 'stream', '-task', 'cpu_alert', '-duration', '1m', '-recording-id', 'rec1');
  assert.deepEqual(result, { code: 0, stdout: 'rec1\n', stderr: '' });
  const post = mock.requests[0]!;
  assert.equal(post.method, 'POST');
  assert.equal(post.path, '/kapacitor/v1/recordings/stream');
  assert.deepEqual(Object.keys(post.json).sort(), ['id', 'stop', 'task']);
  assert.equal(post.json.task, 'cpu_alert');
  assert.equal(post.json.id, 'rec1');
  const stop = msOf(post.json.stop);
  assert.ok(stop >= before + 60_000 && stop <= Date.now() + 60_000, post.json.stop);
  assert.deepEqual(
    mock.requests.slice(1).map((r) => `${r.method} ${r.path}`),
    ['GET /kapacitor/v1/recordings/rec1', 'GET /kapacitor/v1/recordings/rec1'],
  );
});

test('record shows its progress on a terminal, and -id is -recording-id', async () => {
  mock.routes['POST /kapacitor/v1/recordings/stream'] = jobRoutes('recordings', 'rec2', 2, {});
  const result = await runCli(['-url', mock.url, 'record', 'stream', '-task', 't', '-duration', '10s', '-id', 'rec2'], { progress: true });
  assert.equal(result.code, 0);
  assert.equal(result.stdout, 'rec2\n');
  // A stream recording's progress is data time recorded against the duration.
  /* eslint-disable no-control-regex -- the terminal's carriage return and erase-line escapes */
  const progress =
    /^\r\x1b\[KRecording rec2: waiting for points \(the recording ends at the first point later than [^)]+\)\r\x1b\[KRecording rec2: 5s of 10s of data time recorded\r\x1b\[K$/;
  /* eslint-enable no-control-regex */
  assert.match(result.stderr, progress);
  assert.equal(mock.requests[0]!.json.id, 'rec2');
});

test('record -no-wait prints the ID at once; a failed recording prints the ID and its error', async () => {
  mock.routes['POST /kapacitor/v1/recordings/query'] = jobRoutes('recordings', 'rq', 1, {});
  assert.deepEqual(await cli('record', 'query', '-query', 'SELECT * FROM cpu', '-type', 'batch', '-no-wait'), { code: 0, stdout: 'rq\n', stderr: '' });
  assert.equal(mock.requests.length, 1);
  assert.deepEqual(mock.requests[0]!.json, { query: 'SELECT * FROM cpu', type: 'batch' });

  mock.requests.length = 0;
  mock.routes['POST /kapacitor/v1/recordings/query'] = jobRoutes('recordings', 'rf', 1, { status: 'failed', error: 'query failed: database not found' });
  const failed = await cli('record', 'query', '-query', 'SELECT * FROM cpu', '-type', 'stream', '-cluster', 'east');
  assert.deepEqual(failed, { code: 3, stdout: 'rf\n', stderr: 'query failed: database not found\n' });
  assert.deepEqual(mock.requests[0]!.json, { query: 'SELECT * FROM cpu', type: 'stream', cluster: 'east' });
});

test('record batch: -start/-stop pass through, -past counts back from now', async () => {
  mock.routes['POST /kapacitor/v1/recordings/batch'] = jobRoutes('recordings', 'rb', 1, {});
  assert.equal((await cli('record', 'batch', '-task', 'cpu_idle', '-start', '2015-09-01T00:00:00Z', '-stop', '2015-09-02T00:00:00.5Z', '-no-wait')).code, 0);
  assert.deepEqual(mock.requests[0]!.json, { task: 'cpu_idle', start: '2015-09-01T00:00:00Z', stop: '2015-09-02T00:00:00.5Z' });

  mock.requests.length = 0;
  const before = Date.now();
  assert.equal((await cli('record', 'batch', '-task', 'cpu_idle', '-past', '10h', '-recording-id', 'mine', '-no-wait')).code, 0);
  const body: Record<string, string> = mock.requests[0]!.json;
  assert.equal(body.id, 'mine');
  const { start, stop } = body;
  assert.ok(start !== undefined && stop !== undefined, 'start and stop are sent');
  assert.equal(msOf(stop) - msOf(start), 10 * 3600 * 1000);
  assert.ok(msOf(stop) >= before - 1000);
});

test("record refuses missing or conflicting flags with the usage and Kapacitor's error", async () => {
  const noTask = await cli('record', 'batch', '-past', '1h');
  assert.equal(noTask.code, 3);
  assert.equal(lines(noTask.stderr)[0], 'Usage: kapacitor record batch [options]');
  assert.equal(lines(noTask.stderr).at(-1), 'task is required');

  const both = await cli('record', 'batch', '-task', 't', '-past', '1h', '-start', '2015-09-01T00:00:00Z');
  assert.equal(lines(both.stderr).at(-1), 'cannot set both start and past flags.');
  const neither = await cli('record', 'batch', '-task', 't');
  assert.equal(lines(neither.stderr).at(-1), 'must set one of start or past flags.');
  const stream = await cli('record', 'stream', '-task', 't');
  assert.equal(lines(stream.stderr).at(-1), 'both task and duration are required');
  const query = await cli('record', 'query', '-query', 'q');
  assert.equal(lines(query.stderr).at(-1), 'both query and type are required');

  assert.deepEqual(await cli('record', 'stream', '-task', 't', '-duration', 'soon'), { code: 3, stdout: '', stderr: 'invalid duration\n' });
  const badTime = await cli('record', 'batch', '-task', 't', '-start', 'yesterday');
  assert.equal(badTime.code, 3);
  assert.match(badTime.stderr, /^parsing time "yesterday" as "2006-01-02T15:04:05.999999999Z07:00"/);

  assert.deepEqual(await cli('record', 'tape'), { code: 3, stdout: '', stderr: "Unknown record type \"tape\", expected 'stream', 'batch' or 'query'\n" });
  const nothing = await cli('record');
  assert.equal(nothing.code, 2);
  assert.equal(lines(nothing.stderr)[0], 'Usage: kapacitor record [batch|stream|query] [options]');
  assert.equal(mock.requests.length, 0);
});

test('replay sends task, recording, clock and recording-time; waits and prints the ID', async () => {
  mock.routes['POST /kapacitor/v1/replays'] = jobRoutes('replays', 'rp1', 2, {});
  assert.deepEqual(await cli('replay', '-task', 'cpu_alert', '-recording', 'rec1', '-replay-id', 'rp1'), { code: 0, stdout: 'rp1\n', stderr: '' });
  assert.deepEqual(mock.requests[0]!.json, { id: 'rp1', task: 'cpu_alert', recording: 'rec1', 'recording-time': false, clock: 'fast' });

  mock.requests.length = 0;
  mock.routes['POST /kapacitor/v1/replays'] = jobRoutes('replays', 'rp2', 1, { status: 'failed', error: '' });
  const failed = await cli('replay', '-task', 't', '-recording', 'r', '-real-clock', '-rec-time');
  assert.deepEqual(failed, { code: 3, stdout: 'rp2\n', stderr: 'replay failed: unknown reason\n' });
  assert.deepEqual(mock.requests[0]!.json, { task: 't', recording: 'r', 'recording-time': true, clock: 'real' });

  const missing = await cli('replay', '-task', 't');
  assert.equal(missing.code, 3);
  assert.equal(lines(missing.stderr).at(-1), 'must pass recording ID');
  assert.equal(lines((await cli('replay', '-recording', 'r')).stderr).at(-1), 'must pass task ID');
});

test('replay-live batch and query post to their routes', async () => {
  mock.routes['POST /kapacitor/v1/replays/batch'] = jobRoutes('replays', 'lb', 1, {});
  mock.routes['POST /kapacitor/v1/replays/query'] = jobRoutes('replays', 'lq', 1, {});
  assert.deepEqual(await cli('replay-live', 'batch', '-task', 'cpu_idle', '-start', '2015-09-01T00:00:00Z', '-stop', '2015-09-02T00:00:00Z', '-id', 'lb'), {
    code: 0,
    stdout: 'lb\n',
    stderr: '',
  });
  assert.deepEqual(mock.requests[0]!.json, {
    id: 'lb',
    task: 'cpu_idle',
    start: '2015-09-01T00:00:00Z',
    stop: '2015-09-02T00:00:00Z',
    'recording-time': false,
    clock: 'fast',
  });

  mock.requests.length = 0;
  assert.deepEqual(await cli('replay-live', 'query', '-task', 'cpu_alert', '-rec-time', '-query', 'SELECT value FROM cpu', '-cluster', 'c', '-no-wait'), {
    code: 0,
    stdout: 'lq\n',
    stderr: '',
  });
  assert.deepEqual(mock.requests[0]!.json, { task: 'cpu_alert', query: 'SELECT value FROM cpu', cluster: 'c', 'recording-time': true, clock: 'fast' });

  assert.equal(lines((await cli('replay-live', 'query', '-task', 't')).stderr).at(-1), 'both query and task are required');
  assert.deepEqual(await cli('replay-live', 'stream'), { code: 3, stdout: '', stderr: "Unknown replay-live type \"stream\", expected 'batch' or 'query'\n" });
  assert.equal((await cli('replay-live')).code, 2);
});

test("list recordings and replays: Kapacitor's columns, sizes and local dates", async () => {
  mock.routes['GET /kapacitor/v1/recordings'] = {
    json: {
      recordings: [
        {
          link: { rel: 'self', href: '/kapacitor/v1/recordings/b0a2ba8a-aeeb-45ec-bef9-1a2939963586' },
          id: 'b0a2ba8a-aeeb-45ec-bef9-1a2939963586',
          type: 'stream',
          size: 1980353,
          date: '2016-03-01T15:04:05Z',
          status: 'finished',
        },
        {
          link: { rel: 'self', href: '/kapacitor/v1/recordings/short' },
          id: 'short',
          type: 'batch',
          size: 5,
          date: '2016-03-02T10:00:00.5Z',
          status: 'running',
        },
      ],
    },
  };
  const recordings = await cli('list', 'recordings');
  assert.equal(recordings.code, 0, recordings.stderr);
  assert.deepEqual(lines(recordings.stdout), [
    'ID                                   Type    Status    Size      Date                   ',
    'b0a2ba8a-aeeb-45ec-bef9-1a2939963586 stream  finished  2.0 MB    01 Mar 16 15:04 UTC    ',
    'short                                batch   running   5 B       02 Mar 16 10:00 UTC    ',
  ]);
  const query = mock.requests[0]!.query;
  assert.deepEqual(query.getAll('fields'), ['type', 'size', 'date', 'status']);
  assert.equal(query.get('pattern'), '');
  assert.equal(query.get('limit'), '100');

  mock.routes['GET /kapacitor/v1/replays'] = {
    json: {
      replays: [
        {
          link: { rel: 'self', href: '/kapacitor/v1/replays/r1' },
          id: 'r1',
          task: 'cpu_alert',
          recording: 'short',
          status: 'finished',
          clock: 'fast',
          date: '2016-03-02T11:00:00Z',
        },
      ],
    },
  };
  const replays = await cli('list', 'replays', 'r*');
  assert.deepEqual(lines(replays.stdout), [
    'ID Task      Recording Status   Clock   Date                   ',
    'r1 cpu_alert short     finished fast    02 Mar 16 11:00 UTC    ',
  ]);
  assert.equal(mock.requests.at(-1)!.query.get('pattern'), 'r*');
});

test('list pages through 100 at a time; delete recordings/replays lists then deletes each link', async () => {
  const all = Array.from({ length: 150 }, (_, i) => `t${String(i).padStart(3, '0')}`);
  mock.routes['GET /kapacitor/v1/tasks'] = (request) => {
    const offset = Number(request.query.get('offset'));
    const page = all.slice(offset, offset + Number(request.query.get('limit')));
    return {
      json: {
        tasks: page.map((id) => ({
          id,
          link: { rel: 'self', href: `/kapacitor/v1/tasks/${id}` },
          type: 'stream',
          status: 'enabled',
          executing: true,
          dbrps: [],
        })),
      },
    };
  };
  const listed = await cli('list', 'tasks');
  assert.equal(lines(listed.stdout).length, 151);
  assert.deepEqual(
    mock.requests.map((r) => r.query.get('offset')),
    ['0', '100'],
  );

  mock.requests.length = 0;
  const remaining = ['a', 'b'];
  mock.routes['GET /kapacitor/v1/recordings'] = () => ({
    json: { recordings: remaining.map((id) => ({ id, link: { rel: 'self', href: `/kapacitor/v1/recordings/${id}` } })) },
  });
  for (const id of remaining) mock.routes[`DELETE /kapacitor/v1/recordings/${id}`] = { status: 204 };
  mock.routes['GET /kapacitor/v1/replays'] = { json: { replays: [{ id: 'x', link: { rel: 'self', href: '/kapacitor/v1/replays/x' } }] } };
  mock.routes['DELETE /kapacitor/v1/replays/x'] = { status: 204 };
  assert.deepEqual(await cli('delete', 'recordings', '*'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(await cli('delete', 'replays', 'x'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(
    mock.requests.map((r) => `${r.method} ${r.path}`),
    [
      'GET /kapacitor/v1/recordings',
      'DELETE /kapacitor/v1/recordings/a',
      'DELETE /kapacitor/v1/recordings/b',
      'GET /kapacitor/v1/replays',
      'DELETE /kapacitor/v1/replays/x',
    ],
  );
  assert.deepEqual(mock.requests[0]!.query.getAll('fields'), ['link']);
});
