// Process lifecycle of kapacitord: one server per data directory (lock file), one-line errors
// with exit 1 for a held data dir, an address in use and a missing TLS certificate, and
// [http] shutdown-timeout bounding a shutdown that something holds up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { KAPACITORD } from '../support/source-bin.js';

/** Runs kapacitord until it exits; its exit code and everything it wrote to stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...KAPACITORD], {
      env: { ...process.env, KAPACITOR_LOGGING_LEVEL: 'ERROR', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

function assertOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, pattern);
}

test('a second server on the same data dir, or on a port in use, exits 1 with one line', { timeout: 240_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-lock-'));
  const otherDir = mkdtempSync(join(tmpdir(), 'kapacitor-lock-other-'));
  const port = await freePort();
  const first = await spawnServer(dataDir, port);
  try {
    const sameDir = await runToExit({ KAPACITOR_DATA_DIR: dataDir, KAPACITOR_HTTP_BIND_ADDRESS: `127.0.0.1:${await freePort()}` });
    assert.equal(sameDir.code, 1);
    assertOneLine(sameDir.stderr, new RegExp(`^run: open server: data directory ${dataDir} is in use by another kapacitord \\(pid ${first.child.pid}\\)`));
    const samePort = await runToExit({ KAPACITOR_DATA_DIR: otherDir, KAPACITOR_HTTP_BIND_ADDRESS: `127.0.0.1:${port}` });
    assert.equal(samePort.code, 1);
    assertOneLine(samePort.stderr, new RegExp(`^run: open server: listen tcp 127\\.0\\.0\\.1:${port}: bind: address already in use$`));
  } finally {
    await killHard(first);
  }
  // A lock left by kill -9 does not keep the next server out.
  const again = await spawnServer(dataDir, port);
  await killHard(again);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
});

test('a missing TLS certificate is one line and exit 1', { timeout: 30_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-tls-'));
  const result = await runToExit({
    KAPACITOR_DATA_DIR: dataDir,
    KAPACITOR_HTTP_BIND_ADDRESS: `127.0.0.1:${await freePort()}`,
    KAPACITOR_HTTP_HTTPS_ENABLED: 'true',
    KAPACITOR_HTTP_HTTPS_CERTIFICATE: '/nonexistent/kapacitor.pem',
  });
  assert.equal(result.code, 1);
  assertOneLine(result.stderr, /^run: open server: open \/nonexistent\/kapacitor\.pem: no such file or directory$/);
  rmSync(dataDir, { recursive: true, force: true });
});

test('shutdown-timeout bounds a shutdown held up by an endless log stream', { timeout: 30_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-shutdown-'));
  const port = await freePort();
  const child = spawn(process.execPath, [...KAPACITORD], {
    env: {
      ...process.env,
      KAPACITOR_DATA_DIR: dataDir,
      KAPACITOR_HTTP_BIND_ADDRESS: `127.0.0.1:${port}`,
      KAPACITOR_HTTP_SHUTDOWN_TIMEOUT: '1s',
      KAPACITOR_LOGGING_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (;;) {
    assert.equal(child.exitCode, null, stderr);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/kapacitor/v1/ping`)).status === 204) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const stream = await fetch(`http://127.0.0.1:${port}/kapacitor/v1preview/logs`);
  assert.equal(stream.status, 200);
  child.kill('SIGTERM');
  const code = await exited;
  await stream.body?.cancel().catch(() => undefined);
  assert.ok(code === 0 || (code === 1 && /shutdown timed out/.test(stderr)), `exit ${code}: ${stderr}`);
  rmSync(dataDir, { recursive: true, force: true });
});
