// Engine micro-benchmarks through the task master, without HTTP or parsing: a where() lambda
// (compiled expression per point), W2's window-mean-groupBy, W4's 100 filtering tasks and W5's
// 100k-series groupBy(*) (with the heap it holds). Prints points per second and per CPU second.

import pino from 'pino';
import { TaskMaster } from '../src/engine/task-master.js';
import type { Point } from '../src/models/point.js';
import { buildPipeline } from '../src/pipeline/build.js';
import { parse } from '../src/tick/parser.js';

const logger = pino({ level: 'silent' });

function cpuPoints(count: number, series: number, perSecond: number, tags: (i: number) => Record<string, string>): Point[] {
  const tagSets = Array.from({ length: series }, (_, s) => Object.freeze(tags(s)));
  return Array.from({ length: count }, (_, i) => ({
    name: 'cpu',
    tags: tagSets[i % series]!,
    fields: { usage_idle: ((i * 7919) % 10000) / 100, usage_user: ((i * 104729) % 10000) / 100 },
    time: BigInt(1_700_000_000 + Math.floor(i / perSecond)) * 1_000_000_000n,
    database: 'bench',
    retentionPolicy: 'autogen',
  }));
}

function run(label: string, scripts: string[], points: Point[], rounds = 3): void {
  const master = new TaskMaster({ logger, services: {} });
  scripts.forEach((script, k) => master.startTask(`t${k}`, buildPipeline(parse(script), { taskType: 'stream' }), [{ db: 'bench', rp: 'autogen' }]));
  let best = 0;
  let bestCpu = 0;
  for (let round = 0; round < rounds; round++) {
    // each round moves data time on, as a writer would
    const shift = BigInt(round) * 1_000_000_000_000n;
    const batch = round === 0 ? points : points.map((point) => ({ ...point, time: point.time + shift }));
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < batch.length; i += 5000) master.route(batch.slice(i, i + 5000));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    best = Math.max(best, batch.length / seconds);
    bestCpu = Math.max(bestCpu, batch.length / ((cpu.user + cpu.system) / 1e6));
  }
  const heap = process.memoryUsage();
  console.log(
    `${label.padEnd(28)} ${Math.round(best).toLocaleString('en-US').padStart(11)} points/s, ` +
      `${Math.round(bestCpu).toLocaleString('en-US').padStart(11)} per CPU second; heap ${Math.round(heap.heapUsed / 2 ** 20)} MB, RSS ${Math.round(heap.rss / 2 ** 20)} MB`,
  );
  master.stopAll();
}

const hosts = (i: number) => ({ host: `host${i}` });
run(
  'where lambda',
  [`stream|from().measurement('cpu')|where(lambda: "usage_idle" > 50.0 AND "usage_user" < 90.0)|httpOut('o')`],
  cpuPoints(500_000, 1000, 1000, hosts),
);
run(
  'window mean groupBy (W2)',
  [`stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|mean('usage_idle')|httpOut('o')`],
  cpuPoints(500_000, 1000, 1000, hosts),
);
run(
  '100 tasks (W4)',
  Array.from(
    { length: 100 },
    (_, n) => `stream|from().measurement('cpu').where(lambda: "host" == 'host${n}')|window().period(10s).every(10s)|max('usage_idle')|httpOut('o')`,
  ),
  cpuPoints(100_000, 100, 100, hosts),
);
const wide = (i: number) => ({ cpu: `cpu${i % 10}`, host: `host${Math.floor(i / 100)}`, region: `region${Math.floor(i / 10) % 10}` });
run(
  '100k series groupBy(*) (W5)',
  [`stream|from().measurement('cpu').groupBy(*)|window().period(10s).every(10s)|count('usage_idle')|httpOut('o')`],
  cpuPoints(1_000_000, 100_000, 100_000, wide),
  2,
);
