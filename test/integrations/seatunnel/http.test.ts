// Http source and sink against local HTTP servers: JSON arrays, content_field and json_field
// paths, text bodies, headers and params, polling in STREAMING mode, and the sink's POSTs.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { request } from '../../support/test-server.js';
import { runToJsonFile, startJobsServer, submitJob, waitForStatus, type JobsTestServer } from '../../support/jobs-server.js';

let server: JobsTestServer;
let peer: Server;
let peerUrl: string;
let dir: string;
const received: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];
let polls = 0;

before(async () => {
  server = await startJobsServer();
  dir = mkdtempSync(join(tmpdir(), 'http-conn-'));
  peer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const path = new URL(req.url!, 'http://x').pathname;
      res.setHeader('Content-Type', 'application/json');
      if (path === '/list')
        res.end(
          JSON.stringify([
            { id: 1, name: 'a' },
            { id: 2, name: 'b' },
          ]),
        );
      else if (path === '/wrapped') res.end(JSON.stringify({ code: 0, data: { items: [{ id: 3, name: 'c' }] } }));
      else if (path === '/columns') res.end(JSON.stringify({ ids: [7, 8], names: ['x', 'y'] }));
      else if (path === '/text') res.end('plain body');
      else if (path === '/poll') res.end(JSON.stringify([{ id: ++polls, name: `p${polls}` }]));
      else if (path === '/sink') res.end('{}');
      else {
        res.statusCode = 500;
        res.end('boom');
      }
    });
  });
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  peerUrl = `http://127.0.0.1:${(peer.address() as { port: number }).port}`;
});

after(async () => {
  await server.close();
  await new Promise((resolve) => peer.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const schema = { fields: { id: 'int', name: 'string' } };

test('a JSON array answer becomes rows; method, headers and params are sent', async () => {
  const rows = await runToJsonFile(server.jobsUrl, join(dir, 'a'), {
    source: [
      {
        plugin_name: 'Http',
        url: `${peerUrl}/list`,
        method: 'POST',
        body: '{"q":1}',
        headers: { 'X-Token': 't1' },
        params: { page: '2' },
        format: 'json',
        schema,
      },
    ],
  });
  assert.deepEqual(rows, [
    { id: 1, name: 'a' },
    { id: 2, name: 'b' },
  ]);
  const call = received.find((r) => r.url.startsWith('/list'))!;
  assert.equal(call.method, 'POST');
  assert.equal(call.url, '/list?page=2');
  assert.equal(call.headers['x-token'], 't1');
  assert.equal(call.body, '{"q":1}');
});

test('content_field and json_field pick rows out of nested answers; text is one row', async () => {
  assert.deepEqual(
    await runToJsonFile(server.jobsUrl, join(dir, 'b'), {
      source: [{ plugin_name: 'Http', url: `${peerUrl}/wrapped`, content_field: '$.data.items[*]', schema }],
    }),
    [{ id: 3, name: 'c' }],
  );
  assert.deepEqual(
    await runToJsonFile(server.jobsUrl, join(dir, 'c'), {
      source: [{ plugin_name: 'Http', url: `${peerUrl}/columns`, json_field: { id: '$.ids[*]', name: '$.names[*]' }, schema }],
    }),
    [
      { id: 7, name: 'x' },
      { id: 8, name: 'y' },
    ],
  );
  assert.deepEqual(
    await runToJsonFile(server.jobsUrl, join(dir, 'd'), {
      source: [{ plugin_name: 'Http', url: `${peerUrl}/text`, format: 'text' }],
    }),
    [{ content: 'plain body' }],
  );
});

test('a STREAMING Http source polls every poll_interval_millis until stopped', async () => {
  const out = join(dir, 'poll');
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'STREAMING' },
    source: [{ plugin_name: 'Http', url: `${peerUrl}/poll`, poll_interval_millis: 20, schema }],
    sink: [{ plugin_name: 'LocalFile', path: out, file_format_type: 'json' }],
  });
  await waitForStatus(server.jobsUrl, jobId, ['RUNNING']);
  const deadline = Date.now() + 10_000;
  while (Number((await request(server.jobsUrl, 'GET', `/job-info/${jobId}`)).json.metrics.sinkWriteCount) < 3) {
    assert.ok(Date.now() < deadline, 'three polls');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await request(server.jobsUrl, 'POST', '/stop-job', { json: { jobId } });
  const info = await waitForStatus(server.jobsUrl, jobId, ['CANCELED']);
  assert.ok(Number(info.metrics.SourceReceivedCount) >= 3);
});

test('the Http sink POSTs each row as a JSON object; a failing peer fails the job', async () => {
  const before = received.length;
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [
      {
        plugin_name: 'FakeSource',
        rows: [
          { kind: 'INSERT', fields: [1, 'one'] },
          { kind: 'INSERT', fields: [2, 'two'] },
        ],
        schema,
      },
    ],
    sink: [{ plugin_name: 'Http', url: `${peerUrl}/sink`, headers: { Authorization: 'Bearer x' } }],
  });
  await waitForStatus(server.jobsUrl, jobId, ['FINISHED']);
  const posts = received.slice(before).filter((r) => r.url === '/sink');
  assert.deepEqual(
    posts.map((p) => JSON.parse(p.body)),
    [
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
    ],
  );
  assert.equal(posts[0]!.headers.authorization, 'Bearer x');

  const failing = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [{ plugin_name: 'Http', url: `${peerUrl}/missing`, schema }],
    sink: [{ plugin_name: 'Console' }],
  });
  const info = await waitForStatus(server.jobsUrl, failing, ['FAILED', 'FINISHED']);
  assert.equal(info.jobStatus, 'FAILED');
  assert.match(info.errorMsg, /answered 500: boom/);
});
