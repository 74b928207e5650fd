// The `kapacitor` binary (bin/kapacitor.js, here over the sources): exit codes and streams of a real process,
// and that it exits once the command is done.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KAPACITOR } from '../support/source-bin.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const run = promisify(execFile);
let server: TestServer;

before(async () => { server = await startTestServer(); });
after(async () => { await server.close(); });

async function kapacitor(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [...KAPACITOR, ...args], { env: { ...process.env, ...env }, timeout: 20_000 });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, ms: Date.now() - started };
  }
}

test('the binary lists tasks from KAPACITOR_URL and exits; a failure exits 3 with one line', async () => {
  const [listed, failed] = await Promise.all([
    kapacitor(['list', 'tasks'], { KAPACITOR_URL: server.url }),
    kapacitor(['-url', server.url, 'show', 'missing']),
  ]);
  assert.deepEqual({ code: listed.code, stdout: listed.stdout, stderr: listed.stderr },
    { code: 0, stdout: 'ID Type      Status    Executing Databases and Retention Policies\n', stderr: '' });
  assert.ok(listed.ms < 15_000, `took ${listed.ms} ms`);
  assert.deepEqual({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }, { code: 3, stdout: '', stderr: 'no task exists\n' });
});
