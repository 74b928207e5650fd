// One Flux run over 1,000,000 points: the engine alone, from an in-memory source that builds
// from()'s rows as the InfluxDB source does (10 series x 100,000 points, 1 s apart), through
// filter (a closure per row), aggregateWindow(every: 1m, fn: mean) and map. Prints points/s
// per wall second and per CPU second (best of 3 runs after a warm-up).
// Run: node --import tsx bench/flux.bench.ts [--points N]

import { compileScript, runScript } from '../src/flux-runtime/run.js';
import type { FluxDataSource } from '../src/flux-runtime/context.js';
import type { Table } from '../src/flux-runtime/table.js';
import { FluxTime, type FluxRecord } from '../src/flux-runtime/values.js';

const flag = process.argv.indexOf('--points');
const POINTS = flag > 0 ? Number(process.argv[flag + 1]) : 1_000_000;
const SERIES = 10;
const PER_SERIES = Math.ceil(POINTS / SERIES);
const T0 = 1_600_000_020_000_000_000n;
const S = 1_000_000_000n;

const source: FluxDataSource = {
  async read(spec) {
    const start = new FluxTime(spec.start!);
    const stop = new FluxTime(spec.stop!);
    const tables: Table[] = [];
    for (let s = 0; s < SERIES; s++) {
      const keyValues: FluxRecord = { _start: start, _stop: stop, _field: 'usage', _measurement: 'cpu', host: `host${s}` };
      const rows: FluxRecord[] = new Array(PER_SERIES);
      for (let i = 0; i < PER_SERIES; i++) rows[i] = { ...keyValues, _time: new FluxTime(T0 + BigInt(i) * S), _value: ((i * 7919 + s) % 100) + 0.5 };
      tables.push({ key: ['_start', '_stop', '_field', '_measurement', 'host'], keyValues, rows });
    }
    return tables;
  },
  async write() {
    /* results are counted, not written */
  },
};

const script = compileScript(`
from(bucket: "bench/autogen")
    |> range(start: 2020-01-01T00:00:00Z, stop: 2030-01-01T00:00:00Z)
    |> filter(fn: (r) => r._measurement == "cpu" and r._value > 10.0)
    |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)
    |> map(fn: (r) => ({r with _value: r._value * 2.0}))
`);

async function once(): Promise<{ wall: number; cpu: number; rows: number }> {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = await runScript(script, { now: T0, source });
  const cpu = process.cpuUsage(cpuStart);
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const rows = result.results.reduce((n, r) => n + r.tables.reduce((m, t) => m + t.rows.length, 0), 0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6, rows };
}

await once();
let best = { wall: Infinity, cpu: Infinity, rows: 0 };
for (let i = 0; i < 3; i++) {
  const run = await once();
  if (run.wall < best.wall) best = run;
}
const total = SERIES * PER_SERIES;
console.log(
  `flux run over ${total.toLocaleString('en')} points -> ${best.rows.toLocaleString('en')} rows: ${best.wall.toFixed(2)} s wall, ` +
    `${Math.round(total / best.wall).toLocaleString('en')} points/s, ${Math.round(total / best.cpu).toLocaleString('en')} points/CPU-s`,
);
