// Memory held per series: routes ten data seconds of one point per second to each of N series through W5's task
// (`groupBy(*)|window|count`) and reports the heap the task master holds afterwards, per
// series, after a full GC (run with --expose-gc). Then ten more seconds: the first windows have
// been emitted (httpOut holds a result per group) and the next ones are full, the steady state of
// a long run. `--series N` (default 100,000).

import pino from 'pino';
import { TaskMaster } from '../src/engine/task-master.js';
import type { Point } from '../src/models/point.js';
import { buildPipeline } from '../src/pipeline/build.js';
import { parse } from '../src/tick/parser.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const index = process.argv.indexOf('--series');
const series = index === -1 ? 100_000 : Number(process.argv[index + 1]);

function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const master = new TaskMaster({ logger: pino({ level: 'silent' }), services: {} });
master.startTask(
  'w5',
  buildPipeline(parse(`stream|from().measurement('cpu').groupBy(*)|window().period(10s).every(10s)|count('usage_idle')|httpOut('o')`), { taskType: 'stream' }),
  [{ db: 'bench', rp: 'autogen' }],
);
// one frozen tags object per series, as the line-protocol parser shares them
const tagSets = Array.from({ length: series }, (_, s) =>
  Object.freeze({ cpu: `cpu${s % 10}`, host: `host${Math.floor(s / 100)}`, region: `region${Math.floor(s / 10) % 10}` }),
);
const before = heap();
const chunk = 10_000;
// W5's shape: every series gets one point per data second; a 10 s window holds ten of them
function routeSeconds(first: number, last: number): void {
  for (let second = first; second <= last; second++) {
    // lines of one write usually share a timestamp, and the parser then shares its bigint
    const time = BigInt(1_700_000_000 + second) * 1_000_000_000n;
    for (let from = 0; from < series; from += chunk) {
      // points are made per chunk and dropped, so only what the engine keeps stays on the heap
      const points: Point[] = [];
      for (let s = from; s < Math.min(series, from + chunk); s++) {
        points.push({
          name: 'cpu',
          tags: tagSets[s]!,
          fields: { usage_idle: s % 100, usage_user: 1.5 },
          time,
          database: 'bench',
          retentionPolicy: 'autogen',
        });
      }
      master.route(points);
    }
  }
}

function report(label: string): void {
  const after = heap();
  console.log(
    `${series.toLocaleString('en-US')} series, ${label}: engine heap +${Math.round((after - before) / 2 ** 20)} MB = ${Math.round((after - before) / series).toLocaleString('en-US')} bytes per series; RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
  );
}

routeSeconds(0, 9);
// (the window holds ten points per series at this moment, as W5's windows do)
report('first window full');
routeSeconds(10, 19);
report('one window emitted, the next full');
master.stopAll();
