// Ping latency while one 10 MB write (about 326k lines) flows into an alert task: prints the
// ping p50/p99/max observed during the write (the write is sent by a child process). Run: node --import tsx bench/write-stall.bench.ts

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { KapacitorServer } from '../src/server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-bench-'));
const server = await KapacitorServer.open(
  {
    hostname: 'localhost',
    dataDir,
    bindHost: '127.0.0.1',
    bindPort: 0,
    logEnabled: false,
    maxBodySize: 25_000_000,
    defaultRetentionPolicy: '',
  },
  pino({ level: 'silent' }),
);
const url = `http://127.0.0.1:${server.address().port}`;

const script =
  "stream\n    |from()\n        .measurement('cpu')\n        .groupBy('host')\n    |alert()\n        .crit(lambda: \"usage\" > 90)\n        .topic('cpu')\n";
await fetch(`${url}/kapacitor/v1/tasks`, {
  method: 'POST',
  body: JSON.stringify({ id: 'alert', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' }),
});

const lines: string[] = [];
let bytes = 0;
for (let i = 0; bytes < 10 * 1024 * 1024; i++) {
  const line = `cpu,host=h${i % 1000},region=r${i % 7} usage=${(i * 7919) % 100}.5 ${1_600_000_000_000_000_000 + i * 1000}`;
  lines.push(line);
  bytes += line.length + 1;
}
const bodyFile = join(dataDir, 'body.lp');
writeFileSync(bodyFile, lines.join('\n'));

/** The write comes from another process, so building and sending 10 MB never stalls the pings measured here. */
function writeFromChild(): Promise<{ status: number; ms: number }> {
  const code = `const body = require('fs').readFileSync(process.argv[1]); const t = performance.now();
fetch(process.argv[2], { method: 'POST', body }).then((r) => console.log(JSON.stringify({ status: r.status, ms: performance.now() - t })));`;
  return new Promise((resolve, reject) => {
    let out = '';
    const child = spawn(process.execPath, ['-e', code, bodyFile, `${url}/write?db=db&rp=rp`], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

const latencies: number[] = [];
let writing = true;
const pinger = (async () => {
  while (writing) {
    const started = performance.now();
    await fetch(`${url}/kapacitor/v1/ping`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})();
const answer = await writeFromChild();
const writeMs = answer.ms;
writing = false;
await pinger;

latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
console.log(`write: ${lines.length} lines, ${(bytes / 1048576).toFixed(1)} MB, status ${answer.status}, ${writeMs.toFixed(0)} ms`);
console.log(`ping during the write: n=${latencies.length} p50=${at(0.5)} ms p99=${at(0.99)} ms max=${latencies[latencies.length - 1]!.toFixed(1)} ms`);
await server.close();
rmSync(dataDir, { recursive: true, force: true });
