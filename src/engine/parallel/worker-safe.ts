// Which tasks may run on an engine worker: stream tasks whose every node computes from its
// input alone. Nodes that reach the main thread's services (alert topics, InfluxDB, UDF
// processes, sideload files, HTTP posts, the loopback into the engine, the autoscale peers) keep
// their task on the main thread, as do batch tasks (their queries are scheduled there). A task
// that only passes points through (from, where, httpOut, log, noop) also stays: handing its
// points to a worker costs more than the work it would move.

import type { Pipeline } from '../../pipeline/types.js';

const MAIN_ONLY = new Set([
  'alert',
  'influxDBOut',
  'udf',
  'sideload',
  'httpPost',
  'kapacitorLoopback',
  'batch',
  'query',
  'k8sAutoscale',
  'swarmAutoscale',
  'ec2Autoscale',
]);

export function workerSafe(pipeline: Pipeline): boolean {
  if (pipeline.type !== 'stream') return false;
  for (const node of pipeline.nodes) if (MAIN_ONLY.has(node.kind)) return false;
  return true;
}

/** Node kinds whose work per point is less than handing the point to a worker. */
const PASS_THROUGH = new Set(['stream', 'from', 'where', 'httpOut', 'log', 'noOp']);

/** Whether a task does enough per point to pay for running on a worker. */
export function workerWorthy(pipeline: Pipeline): boolean {
  for (const node of pipeline.nodes) if (!PASS_THROUGH.has(node.kind)) return true;
  return false;
}
