// The exec handler's lifecycle: a program (and everything it started) is killed after the
// timeout and when its handler closes; deleting a task kills its running programs and drops
// its queued events.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecHandler } from '../../../src/integrations/exec/handler.js';
import { newEvent } from '../../../src/alert/event.js';
import { CRITICAL } from '../../../src/alert/levels.js';
import { poll, request, startTestServer } from '../../support/test-server.js';

const event = newEvent({
  topic: 't',
  id: 'x',
  state: { message: 'm', details: '', time: 0n, duration: 0n, level: CRITICAL },
  recoverable: true,
  series: [],
  taskName: 'task',
  name: 'm',
  group: '',
  tags: {},
  fields: {},
  category: '',
});

/** A shell script that records its run, starts a background grandchild, records its pid, and waits. */
function sleeper(dir: string): string[] {
  return ['-c', `echo started >> ${join(dir, 'runs')}; sleep 60 & echo $! > ${join(dir, 'grandchild')}; wait`];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function grandchild(dir: string): Promise<number> {
  await poll(
    async () => existsSync(join(dir, 'grandchild')) && readFileSync(join(dir, 'grandchild'), 'utf8').trim() !== '',
    (ok) => ok,
  );
  return Number(readFileSync(join(dir, 'grandchild'), 'utf8'));
}

test('a program running past the timeout is killed with its whole process group', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exec-timeout-'));
  const handler = new ExecHandler({ prog: '/bin/sh', args: sleeper(dir) }, 300);
  await assert.rejects(Promise.resolve(handler.handle(event)), /exec \/bin\/sh: killed after 0\.3s timeout/);
  const pid = await grandchild(dir);
  await poll(
    async () => alive(pid),
    (running) => !running,
  );
});

test('closing the handler kills running programs and runs no more', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exec-close-'));
  const handler = new ExecHandler({ prog: '/bin/sh', args: sleeper(dir) }, 60_000);
  const running = Promise.resolve(handler.handle(event)).catch((error: Error) => error);
  const pid = await grandchild(dir);
  handler.close();
  assert.match(String(await running), /signal: SIGKILL/);
  await poll(
    async () => alive(pid),
    (up) => !up,
  );
  await handler.handle(event);
  assert.equal(readFileSync(join(dir, 'runs'), 'utf8'), 'started\n');
});

test('deleting a task kills its exec programs and drops its queued events', { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exec-task-'));
  const server = await startTestServer();
  try {
    const script = [
      'stream',
      '    |from()',
      "        .measurement('m')",
      "        .groupBy('id')",
      '    |alert()',
      '        .id(\'{{ index .Tags "id" }}\')',
      '        .crit(lambda: TRUE)',
      `        .exec('/bin/sh', '-c', 'echo started >> ${join(dir, 'runs')}; sleep 60 & echo $! > ${join(dir, 'grandchild')}; wait')`,
      '',
    ].join('\n');
    const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
      json: { id: 'ex', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' },
    });
    assert.equal(created.status, 200, created.text);
    const lines = Array.from({ length: 20 }, (_, i) => `m,id=a${i} v=1 ${1_000_000_000 + i}`).join('\n');
    assert.equal((await request(server.url, 'POST', '/write?db=db&rp=rp', { body: lines })).status, 204);
    const pid = await grandchild(dir);
    assert.equal((await request(server.url, 'DELETE', '/kapacitor/v1/tasks/ex')).status, 204);
    await poll(
      async () => alive(pid),
      (up) => !up,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(readFileSync(join(dir, 'runs'), 'utf8'), 'started\n', 'queued events ran after the delete');
  } finally {
    await server.close();
  }
});
