// Start-up times of the compiled build (run `npm run build` first): how long `kapacitor version`
// takes, and how long kapacitord takes from spawn to its first answered ping on an empty data dir.
// Goals: version under 150 ms, ping-ready under 1 s. Prints medians; asserts nothing.
//   node bench/startup.bench.mjs [--runs N] [--port P]

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const runs = option('--runs', 7);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function timeProcess(argv) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

async function pingReady(port) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-bench-'));
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(ROOT, 'bin/kapacitord.js')], {
    env: { ...process.env, KAPACITOR_DATA_DIR: dataDir, KAPACITOR_HTTP_BIND_ADDRESS: `127.0.0.1:${port}`, KAPACITOR_LOGGING_LEVEL: 'OFF' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`kapacitord exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/kapacitor/v1/ping`);
        if (response.status === 204) return Number(process.hrtime.bigint() - started) / 1e6;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const bare = [];
const version = [];
const ready = [];
for (let i = 0; i < runs; i++) {
  bare.push(timeProcess(['-e', '0']));
  version.push(timeProcess([join(ROOT, 'bin/kapacitor.js'), 'version']));
  ready.push(await pingReady(option('--port', 0) || (await freePort())));
}
console.log(`node -e 0 (baseline)        median ${median(bare).toFixed(0)} ms`);
console.log(`kapacitor version           median ${median(version).toFixed(0)} ms (goal < 150 ms)`);
console.log(`kapacitord ping-ready       median ${median(ready).toFixed(0)} ms (goal < 1000 ms)`);
