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

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

/** Runs the binary; a process still running after a minute (it did not exit once done) is killed and reported. */
async function kapacitor(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; killed: boolean }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...KAPACITOR, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr, killed: false };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string; killed?: boolean };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, killed: failed.killed === true };
  }
}

test('the binary lists tasks from KAPACITOR_URL and exits; a failure exits 3 with one line', async () => {
  const [listed, failed] = await Promise.all([kapacitor(['list', 'tasks'], { KAPACITOR_URL: server.url }), kapacitor(['-url', server.url, 'show', 'missing'])]);
  assert.deepEqual(
    { code: listed.code, stdout: listed.stdout, stderr: listed.stderr },
    { code: 0, stdout: 'ID Type      Status    Executing Databases and Retention Policies\n', stderr: '' },
  );
  assert.equal(listed.killed, false, 'the process did not exit after the command');
  assert.deepEqual({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }, { code: 3, stdout: '', stderr: 'no task exists\n' });
});
