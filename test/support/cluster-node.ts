// Runs kapacitord (from the sources) as one node of a cluster (a child process, so it can be killed -9),
// on a free loopback port with its own data directory, joined to the given nats-server.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAPACITORD } from './source-bin.js';
import { freePort, type SpawnedServer } from './spawn-server.js';
import { poll } from './test-server.js';

export interface ClusterNode extends SpawnedServer {
  id: string;
  dataDir: string;
  port: number;
}

export interface NodeOptions {
  heartbeat?: string;
  timeout?: string;
  dataDir?: string;
  port?: number;
}

export async function startClusterNode(natsUrl: string, id: string, options: NodeOptions = {}): Promise<ClusterNode> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `kapacitor-${id}-`));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [...KAPACITORD], {
    env: {
      ...process.env,
      KAPACITOR_DATA_DIR: dataDir,
      KAPACITOR_HTTP_BIND_ADDRESS: `127.0.0.1:${port}`,
      KAPACITOR_LOGGING_LEVEL: 'WARN',
      KAPACITOR_CLUSTER_ENABLED: 'true',
      KAPACITOR_CLUSTER_NODE_ID: id,
      KAPACITOR_CLUSTER_ADVERTISE_URL: url,
      KAPACITOR_CLUSTER_NATS_URLS_0: natsUrl,
      KAPACITOR_CLUSTER_PARTITIONS: '4',
      KAPACITOR_CLUSTER_HEARTBEAT_INTERVAL: options.heartbeat ?? '200ms',
      KAPACITOR_CLUSTER_NODE_TIMEOUT: options.timeout ?? '1500ms',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  await poll(
    async () => {
      if (child.exitCode !== null) throw new Error(`kapacitord ${id} exited with ${child.exitCode}: ${output}`);
      try {
        return (await fetch(`${url}/kapacitor/v1/ping`)).status;
      } catch {
        return 0;
      }
    },
    (status) => status === 204,
    30000,
  );
  return { id, url, port, dataDir, child, output: () => output };
}

export async function stopNode(node: ClusterNode): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
