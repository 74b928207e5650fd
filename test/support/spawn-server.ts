// Runs kapacitord (from the sources, see source-bin.ts) as a child process on a free loopback port, for tests that need a
// real process: restarts and kill -9.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { KAPACITORD } from './source-bin.js';
import { poll } from './test-server.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** How long a spawned server may take to answer its first ping (start-up from sources on a busy machine is slow). */
const START_TIMEOUT_MS = 45_000;

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  output(): string;
}

export async function spawnServer(dataDir: string, port: number, args: string[] = [], extraEnv: Record<string, string> = {}): Promise<SpawnedServer> {
  let output = '';
  const child = spawn(process.execPath, [...KAPACITORD, ...args], {
    env: {
      KAPACITOR_JOBS_BIND_ADDRESS: '127.0.0.1:0',
      ...process.env,
      KAPACITOR_DATA_DIR: dataDir,
      KAPACITOR_HTTP_BIND_ADDRESS: `127.0.0.1:${port}`,
      KAPACITOR_LOGGING_LEVEL: 'WARN',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`kapacitord exited with ${child.exitCode}: ${output}`);
        try {
          return (await fetch(`${url}/kapacitor/v1/ping`)).status;
        } catch {
          return 0;
        }
      },
      (status) => status === 204,
      START_TIMEOUT_MS,
    );
  } catch (error) {
    // a server that never became ready must not outlive the test (its pipes would keep the test file running)
    child.kill('SIGKILL');
    throw error;
  }
  return { url, child, output: () => output };
}

export async function killHard(server: SpawnedServer): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}
