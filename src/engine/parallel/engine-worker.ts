// Entry point of one engine worker thread: a TaskMaster of its own running the tasks the main
// thread placed here, fed (in the order posted) decoded point blocks and slices of line
// protocol it parses itself. Answers syncs (with every task's statistics), parsed slices (their
// errors and counts) and httpOut reads, and pushes statistics about once a second; its log
// lines go to the main thread's logger. Never touches the HTTP API, the store or alert topics:
// only worker-safe tasks (see worker-safe.ts) are placed here.

import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { parsePoints } from '../../lineprotocol/parse.js';
import { measurementRuns, TaskMaster } from '../task-master.js';
import { releaseRing } from './block-ring.js';
import { PointDecoder } from './point-codec.js';
import type { FromWorker, ToWorker, WorkerSetup, WorkerStats } from './protocol.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker): void => port.postMessage(message);

const logger = pino(
  { level: 'trace', base: undefined, timestamp: false },
  {
    write(line: string): void {
      post({ t: 'log', line });
    },
  },
);

const master = new TaskMaster({
  logger,
  groupIdleTimeoutMs: setup.groupIdleTimeoutMs,
  timing: setup.timing,
  services: setup.serverInfo === undefined ? {} : { serverInfo: setup.serverInfo },
});
/** Executing tasks and the generation of their start. */
const ids = new Map<string, number>();
const decoder = new PointDecoder();
const ring = setup.ring.buffer;
const released = new BigInt64Array(setup.ring.released);

function allStats(): WorkerStats {
  const out: Record<string, { gen: number; stats: NonNullable<ReturnType<TaskMaster['stats']>> }> = {};
  for (const [id, gen] of ids) {
    const stats = master.stats(id);
    if (stats !== undefined) out[id] = { gen, stats };
  }
  return out;
}

port.on('message', (message: ToWorker) => {
  switch (message.t) {
    case 'points':
      for (const one of message.blocks) {
        if (one.series.length > 0 || one.seriesFrom === 0) decoder.define(one.seriesFrom, one.series);
        master.route(decoder.decode(one.block, ring));
        if (one.release !== undefined) releaseRing(released, one.release);
      }
      break;
    case 'lines': {
      // Parsed straight from the ring: the points hold strings of their own, so the slice's
      // bytes are released before the points are routed, and the answer goes before the
      // routing too (the write waits only for the parse).
      const parsed = parsePoints(Buffer.from(ring, message.offset, message.length), {
        precision: message.precision,
        defaultTime: message.defaultTime,
        database: message.database,
        retentionPolicy: message.retentionPolicy,
      });
      releaseRing(released, message.release);
      const names: string[] = [];
      const counts: number[] = [];
      measurementRuns(parsed.points, 0, parsed.points.length, (name, count) => {
        names.push(name);
        counts.push(count);
      });
      post({ t: 'parsed', seq: message.seq, errors: parsed.errors, names, counts });
      if (parsed.points.length > 0) master.route(parsed.points);
      break;
    }
    case 'start':
      try {
        master.startTask(message.id, message.pipeline, message.dbrps, { groupIdleTimeoutMs: message.groupIdleTimeoutMs });
        ids.set(message.id, message.gen);
      } catch (error) {
        ids.delete(message.id);
        post({ t: 'startFailed', id: message.id, error: (error as Error).message });
      }
      break;
    case 'stop':
      master.stopTask(message.id);
      ids.delete(message.id);
      break;
    case 'sync':
      post({ t: 'synced', seq: message.seq, stats: allStats() });
      break;
    case 'httpOut':
      post({ t: 'result', seq: message.seq, value: master.httpOutResult(message.task, message.name) });
      break;
  }
});

setInterval(() => {
  if (ids.size > 0) post({ t: 'stats', stats: allStats() });
}, 1000).unref();
