#!/usr/bin/env node
// `npm run bench`: the micro-benchmarks one after another (line protocol, lambda/window/tasks/
// cardinality through the engine, alert path, time representation, heap per series), each in its own process;
// with `--url URL` (and optional --pid, --seconds, --workload) also the HTTP workloads against
// that server. Prints what each benchmark prints; never part of `npm test`.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const micro = ['lineprotocol', 'engine', 'alert', 'time'];

function run(title, command, commandArgs) {
  console.log(`\n## ${title}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${title} failed (exit ${result.status ?? result.signal})`);
    process.exitCode = 1;
  }
}

for (const name of micro) run(`bench/${name}.bench.ts`, process.execPath, ['--import', 'tsx', `bench/${name}.bench.ts`]);
run('bench/series-memory.bench.ts', process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/series-memory.bench.ts']);
if (args.includes('--url')) run('bench/http-workloads.mjs', process.execPath, ['bench/http-workloads.mjs', ...args]);
else console.log('\n(HTTP workloads skipped: give --url http://127.0.0.1:9092 [--pid PID] to run them against a server)');
