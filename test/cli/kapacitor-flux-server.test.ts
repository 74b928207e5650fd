// End-to-end: `kapacitor flux task ...` against a real server — create from a file, list,
// update, run list, log list, run retry, retry-failed (dry run and real) and delete.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';
import { runCli } from './cli-harness.js';

let server: TestServer;
let scratch: string;

before(async () => {
  server = await startTestServer();
  scratch = mkdtempSync(join(tmpdir(), 'kapacitor-flux-cli-'));
});
after(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(['-url', server.url, 'flux', 'task', ...argv]);

test('flux task create, list, update, runs, logs, retry, retry-failed and delete', async () => {
  const file = join(scratch, 'task.flux');
  writeFileSync(file, 'option task = {name: "cli-task", every: 1h}\nfrom(bucket: "db") |> range(start: -1m) |> yield()\n');
  const created = await cli('create', '-f', file, '--json');
  assert.equal(created.code, 0, created.stderr);
  const task = JSON.parse(created.stdout);
  assert.equal(task.name, 'cli-task');

  const listed = await cli('list');
  assert.equal(listed.code, 0, listed.stderr);
  const [header, row] = listed.stdout.trim().split('\n');
  assert.match(header!, /^ID\s+Name\s+Organization ID\s+Organization\s+Status\s+Every\s+Cron$/);
  assert.match(row!, new RegExp(`^${task.id}\\s+cli-task\\s+active\\s+1h$`));

  const updated = await cli('update', '--id', task.id, '--status', 'inactive', '--json');
  assert.equal(JSON.parse(updated.stdout).status, 'inactive');

  const forced = await request(server.url, 'POST', `/kapacitor/v1/api/v2/tasks/${task.id}/runs`);
  await poll(
    async () => (await request(server.url, 'GET', `/kapacitor/v1/api/v2/tasks/${task.id}/runs/${forced.json.id}`)).json.status,
    (s) => s === 'failed',
  );
  const runs = await cli('run', 'list', '--task-id', task.id);
  assert.match(runs.stdout, /^ID\s+TaskID\s+Status\s+ScheduledFor\s+StartedAt\s+FinishedAt\s+RequestedAt\n/);
  assert.match(runs.stdout, new RegExp(`${forced.json.id}\\s+${task.id}\\s+failed`));
  const logs = await cli('log', 'list', '--task-id', task.id, '--run-id', forced.json.id);
  assert.match(logs.stdout, /^RunID\s+Time\s+Message\n/);
  assert.match(logs.stdout, /Completed\(failed\)/);

  const dry = await cli('retry-failed', '--id', task.id, '--dry-run');
  assert.match(dry.stdout, new RegExp(`^Would retry for ${task.id} run for Time ${forced.json.scheduledFor}\\.\\n$`));
  const retried = await cli('run', 'retry', '--task-id', task.id, '--run-id', forced.json.id);
  assert.match(retried.stdout, new RegExp(`^Retry for task ${task.id}'s run ${forced.json.id} queued as run [0-9a-f]{16}\\.\\n$`));
  await poll(
    async () => (await request(server.url, 'GET', `/kapacitor/v1/api/v2/tasks/${task.id}/runs`)).json.runs,
    (r: any[]) => r.length === 2 && r.every((x) => x.status === 'failed'),
  );
  const all = await cli('retry-failed', '--id', task.id);
  assert.equal(all.stdout.trim().split('\n').length, 2);

  const deleted = await cli('delete', '--id', task.id);
  assert.equal(deleted.code, 0, deleted.stderr);
  const gone = await cli('list', '--id', task.id);
  assert.notEqual(gone.code, 0);
  assert.match(gone.stderr, /task not found/);
});
