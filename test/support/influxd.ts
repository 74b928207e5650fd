// Starts a real InfluxDB 1.x (`influxd`) on a free loopback port with a temporary directory,
// for tests of the InfluxDB integration. When influxd is not installed, startInfluxd resolves
// to undefined and influxdSkipReason says why, so tests can skip with a printed reason.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Influxd {
  url: string;
  port: number;
  /** POST /query with q (and db); resolves with the parsed JSON. */
  query(q: string, db?: string): Promise<any>;
  /** POST /write of line protocol; throws unless 204. */
  write(db: string, lines: string[], precision?: string, rp?: string): Promise<void>;
  stop(): Promise<void>;
}

function influxdInstalled(): boolean {
  return spawnSync('influxd', ['version'], { stdio: 'ignore' }).status === 0;
}

export const influxdSkipReason: string | false = influxdInstalled()
  ? false
  : 'influxd is not installed (apt-get install influxdb); skipping tests against a real InfluxDB';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startInfluxd(): Promise<Influxd | undefined> {
  if (influxdSkipReason) {
    process.stdout.write(`# ${influxdSkipReason}\n`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'influxd-test-'));
  const port = await freePort();
  const rpcPort = await freePort();
  const config = `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[subscriber]
  enabled = true
[http]
  bind-address = "127.0.0.1:${port}"
  log-enabled = false
[continuous_queries]
  enabled = false
[logging]
  level = "error"
`;
  writeFileSync(join(dir, 'influxdb.conf'), config);
  const child: ChildProcess = spawn('influxd', ['run', '-config', join(dir, 'influxdb.conf')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(url + '/ping');
      if (response.status === 204) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error('influxd did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    async query(q, db) {
      const body = new URLSearchParams({ q, ...(db ? { db } : {}) });
      const response = await fetch(url + '/query', { method: 'POST', body });
      return response.json();
    },
    async write(db, lines, precision = 'ns', rp) {
      const params = new URLSearchParams({ db, precision, ...(rp ? { rp } : {}) });
      const response = await fetch(`${url}/write?${params.toString()}`, { method: 'POST', body: lines.join('\n') + '\n' });
      if (response.status !== 204) throw new Error(`influx write failed: ${response.status} ${await response.text()}`);
    },
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
