// HTTP-level test of GET /kapacitor/v1preview/logs: a task's log records stream out as JSON
// lines, filtered by the query parameters.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger.js';
import { LogTap } from '../../src/logging/log-tap.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let logger: ReturnType<typeof createLogger>;
before(async () => {
  const logTap = new LogTap();
  const discard = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  logger = createLogger({ file: 'STDERR', level: 'INFO' }, { tap: logTap, destination: discard });
  server = await startTestServer({ logTap }, logger);
});
after(async () => {
  await server.close();
});

async function collectLines(path: string, until: (lines: string[]) => boolean, act: () => Promise<void>, timeoutMs = 5000): Promise<string[]> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}${path}`, { signal: controller.signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  const lines: string[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          lines.push(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
        }
        if (until(lines)) break;
      }
    } catch {
      /* aborted */
    }
  })();
  await act();
  const deadline = Date.now() + timeoutMs;
  while (!until(lines) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort();
  await reading;
  return lines;
}

test("a task's runtime errors stream out as JSON lines carrying the task and the error", async () => {
  const script = "stream\n    |from()\n        .measurement('m')\n    |eval(lambda: \"missing\" + 1)\n        .as('r')\n    |httpOut('out')\n";
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'logs-task', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], status: 'enabled', script },
  });
  assert.equal(created.status, 200, created.text);
  const lines = await collectLines(
    '/kapacitor/v1preview/logs?task=logs-task',
    (got) => got.some((line) => line.includes('"err"')),
    async () => {
      await request(server.url, 'POST', '/write?db=db&rp=rp', { body: 'm value=1 1\n' });
    },
  );
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const failure = records.find((record) => record.err !== undefined);
  assert.ok(failure, `no error record in ${JSON.stringify(lines)}`);
  assert.equal(failure.task, 'logs-task');
  assert.ok(records.every((record) => record.task === 'logs-task'));
});

test('records of other tasks are filtered out', async () => {
  const lines = await collectLines(
    '/kapacitor/v1preview/logs?task=nobody',
    (got) => got.length > 0,
    async () => {
      await request(server.url, 'POST', '/write?db=db&rp=rp', { body: 'm value=2 2\n' });
    },
    500,
  );
  assert.deepEqual(lines, []);
});

test('the server closes while a log stream is open', async () => {
  const extra = await startTestServer();
  const response = await fetch(`${extra.url}/kapacitor/v1preview/logs`);
  assert.equal(response.status, 200);
  const started = Date.now();
  await extra.close();
  assert.ok(Date.now() - started < 3000, 'close waited on the open stream');
  await response.body?.cancel().catch(() => undefined);
});

async function logStreamStats(): Promise<{ clients: number; dropped_clients: number }> {
  const vars = await request(server.url, 'GET', '/kapacitor/v1/debug/vars');
  return vars.json.kapacitor['logs:'].values;
}

test('a client that stops reading is disconnected once its buffer is full, and counted', async () => {
  const before = await logStreamStats();
  const url = new URL(server.url);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  let closed = false;
  socket.on('close', () => {
    closed = true;
  });
  socket.on('error', () => undefined);
  socket.write(`GET /kapacitor/v1/logs?source=slow-reader HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
  // Read the response head, then stop reading.
  await new Promise((resolve) => socket.once('data', resolve));
  socket.pause();
  assert.equal((await logStreamStats()).clients, before.clients + 1);
  const heapBefore = process.memoryUsage().heapUsed;
  const filler = 'x'.repeat(1000);
  // About 40 MB of log lines: far more than the socket buffers and the client's bound.
  for (let round = 0; round < 40 && (await logStreamStats()).dropped_clients === before.dropped_clients; round++) {
    for (let i = 0; i < 1000; i++) logger.info({ source: 'slow-reader', filler }, 'filler');
    await new Promise((resolve) => setImmediate(resolve));
  }
  const after = await logStreamStats();
  assert.equal(after.dropped_clients, before.dropped_clients + 1);
  assert.equal(after.clients, before.clients);
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 30 * 1024 * 1024, 'log lines piled up in memory');
  // The client sees its stream end once it reads again.
  socket.resume();
  for (let i = 0; i < 250 && !closed; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(closed, true);
});
