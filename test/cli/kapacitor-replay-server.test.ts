// End-to-end: record a live stream, replay it against a task, list and delete recordings and
// replays with the kapacitor client against a real server.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, startTestServer, type TestServer } from '../support/test-server.js';
import { lines, runCli } from './cli-harness.js';

process.env.TZ = 'UTC';

let server: TestServer;
let dir: string;
const cli = (...argv: string[]) => runCli(['-url', server.url, ...argv]);

before(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-cli-replay-'));
  writeFileSync(join(dir, 'task.tick'), "stream\n    |from()\n        .measurement('cpu')\n");
  assert.equal((await cli('define', 'rec_task', '-tick', join(dir, 'task.tick'), '-dbrp', 'telegraf.autogen')).code, 0);
  assert.equal((await cli('enable', 'rec_task')).code, 0);
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** time.RFC822 of a UTC time (the machine zone is UTC here). */
function rfc822Utc(iso: string): string {
  const date = new Date(iso);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())} ${month} ${two(date.getUTCFullYear() % 100)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

test('record stream waits for the recording, replay replays it, both are listed and deleted', async () => {
  const recording = cli('record', 'stream', '-task', 'rec_task', '-duration', '300ms', '-recording-id', 'rs1');
  let done = false;
  void recording.finally(() => {
    done = true;
  });
  for (let i = 0; !done && i < 200; i++) {
    await request(server.url, 'POST', '/write?db=telegraf&rp=autogen', { body: `cpu,host=a usage_idle=${i}` });
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.deepEqual(await recording, { code: 0, stdout: 'rs1\n', stderr: '' });

  const stored = (await request(server.url, 'GET', '/kapacitor/v1/recordings/rs1')).json;
  assert.equal(stored.status, 'finished');
  assert.ok(stored.size > 0 && stored.size < 1000, String(stored.size));
  assert.deepEqual(lines((await cli('list', 'recordings')).stdout), [
    'ID  Type    Status    Size      Date                   ',
    `rs1 stream  finished  ${`${stored.size} B`.padEnd(10)}${rfc822Utc(stored.date).padEnd(23)}`,
  ]);

  assert.deepEqual(await cli('replay', '-task', 'rec_task', '-recording', 'rs1', '-replay-id', 'rp1'), { code: 0, stdout: 'rp1\n', stderr: '' });
  const replay = (await request(server.url, 'GET', '/kapacitor/v1/replays/rp1')).json;
  assert.equal(replay.status, 'finished');
  assert.deepEqual(lines((await cli('list', 'replays', 'rp*')).stdout), [
    'ID  Task     Recording Status   Clock   Date                   ',
    `rp1 rec_task rs1       finished fast    ${rfc822Utc(replay.date).padEnd(23)}`,
  ]);

  const unknown = await cli('replay', '-task', 'rec_task', '-recording', 'nope');
  assert.equal(unknown.code, 3);
  assert.equal(lines(unknown.stderr).length, 1);

  assert.deepEqual(await cli('delete', 'recordings', 'rs1'), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual(await cli('delete', 'replays', 'rp*'), { code: 0, stdout: '', stderr: '' });
  assert.equal(lines((await cli('list', 'recordings')).stdout).length, 1);
  assert.equal(lines((await cli('list', 'replays')).stdout).length, 1);
});

test('record -no-wait prints the ID while the recording runs', async () => {
  const started = await cli('record', 'stream', '-task', 'rec_task', '-duration', '1h', '-id', 'long', '-no-wait');
  assert.deepEqual(started, { code: 0, stdout: 'long\n', stderr: '' });
  const listed = lines((await cli('list', 'recordings', 'long')).stdout);
  assert.match(listed[1]!, /^long stream {2}running {3}/);
});

test('record stream shows it is waiting for points, then the data time recorded against the duration', async () => {
  const recording = runCli(['-url', server.url, 'record', 'stream', '-task', 'rec_task', '-duration', '10s', '-recording-id', 'rs-progress'], {
    progress: true,
  });
  let done = false;
  void recording.finally(() => {
    done = true;
  });
  // No point yet: the line says so.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const now = Date.now();
  // Points 5s of data time into the recording, then one past its end.
  await request(server.url, 'POST', '/write?db=telegraf&rp=autogen&precision=ms', { body: `cpu,host=a usage_idle=1 ${now + 5000}` });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(done, false);
  await request(server.url, 'POST', '/write?db=telegraf&rp=autogen&precision=ms', { body: `cpu,host=a usage_idle=2 ${now + 60_000}` });
  const result = await recording;
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'rs-progress\n');
  assert.match(result.stderr, /Recording rs-progress: waiting for points \(the recording ends at the first point later than \d{4}-\d\d-\d\dT[^)]+Z\)/);
  assert.match(result.stderr, /Recording rs-progress: (4\.\d+|5(\.\d+)?)s of 10s of data time recorded/);
  assert.equal((await cli('delete', 'recordings', 'rs-progress')).code, 0);
});

test("help for record says a stream recording's duration is data time", async () => {
  const help = await runCli(['help', 'record']);
  assert.match(help.stderr, /-duration is data time, not wall-clock time/);
  const stream = await runCli(['record', 'stream', '-h']);
  assert.match(stream.stderr, /The duration is data time, not wall-clock time/);
});
