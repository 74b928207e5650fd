// The alert path per point: the alert node evaluating crit/warn per group, rendering id,
// message and (default, JSON) details, collecting into its topic with batched persistence,
// and the alert data JSON a log/post/tcp handler sends. W3's shape: 1000 hosts, ~19% events.

import pino from 'pino';
import { AlertService } from '../src/alert/alert-service.js';
import { alertDataJSON, type AlertEvent } from '../src/alert/event.js';
import { TaskMaster } from '../src/engine/task-master.js';
import type { Point } from '../src/models/point.js';
import { buildPipeline } from '../src/pipeline/build.js';
import { MemoryStore } from '../src/storage/memory-store.js';
import { parse } from '../src/tick/parser.js';

const logger = pino({ level: 'silent' });
let bytes = 0;
const alerts = new AlertService(
  new MemoryStore(),
  {
    create: () => ({
      handle: (event: AlertEvent) => {
        bytes += alertDataJSON(event).length;
      },
    }),
  },
  logger,
);
alerts.open();
const master = new TaskMaster({ logger, services: { alerts } });
const script = `stream|from().measurement('cpu').groupBy('host')|alert().id('{{ index .Tags "host" }}')
  .crit(lambda: "usage_idle" < 10).warn(lambda: "usage_idle" < 30).log('/dev/null')`;
master.startTask('bench', buildPipeline(parse(script), { taskType: 'stream' }), [{ db: 'bench', rp: 'autogen' }]);

const count = 200_000;
const points: Point[] = Array.from({ length: count }, (_, i) => {
  const roll = (i * 7919) % 100;
  const usage = roll < 2 ? 5 : roll < 10 ? 20 : 60;
  return {
    name: 'cpu',
    tags: { host: `host${i % 1000}` },
    fields: { usage_idle: usage },
    time: BigInt(Math.floor(i / 1000)) * 1_000_000_000n,
    database: 'bench',
    retentionPolicy: 'autogen',
  };
});

for (let round = 0; round < 3; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 500) master.route(points.slice(i, i + 500));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const triggered = master.stats('bench')!.nodes['alert2']!.counters['alerts_triggered'];
  console.log(`round ${round}: ${Math.round(count / seconds).toLocaleString()} points/s through the alert node (${triggered} events so far)`);
}
await alerts.flush();
await new Promise((resolve) => setTimeout(resolve, 200));
console.log(`handler output: ${bytes.toLocaleString()} bytes of alert data JSON`);
master.stopAll();
