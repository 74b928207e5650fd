// Starts a real `nats-server -js` on a free loopback port with a temporary store directory, for
// tests of cluster mode. When nats-server is not installed, startNatsServer resolves to
// undefined and natsSkipReason says why, so tests can skip with a printed reason. The server
// can be stopped and started again on the same port and store (restart under load).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './influxd.js';

export interface NatsServer {
  url: string;
  port: number;
  /** Stops the process (SIGKILL when hard), keeping the store directory. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  /** Stops it and removes the store. */
  destroy(): Promise<void>;
}

function natsBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nats-server', '/usr/bin/nats-server', 'nats-server']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

const binary = natsBinary();

export const natsSkipReason: string | false =
  binary !== undefined ? false : 'nats-server is not installed (apt-get install nats-server); skipping cluster tests';

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startNatsServer(): Promise<NatsServer | undefined> {
  if (binary === undefined) {
    process.stdout.write(`# ${natsSkipReason}\n`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nats-test-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (await portOpen(port)) return;
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error('nats-server did not start');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (hard = false) => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(hard ? 'SIGKILL' : 'SIGTERM');
      setTimeout(() => running.kill('SIGKILL'), 5000).unref();
    });
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
