// Node kind → factory: the one table the executing task consults to build runtime nodes. It
// is typed by the catalogue's NodeKind, so a catalogue kind missing here does not compile. A
// kind without a runtime yet is listed as NO_RUNTIME: a task using it is refused when it would
// start. To give a kind its runtime, write src/engine/nodes/<kind>-node.ts (see node.ts) and
// replace its NO_RUNTIME with the factory: one line.

import type { NodeKind } from '../pipeline/catalogue/index.js';
import type { NodeFactory } from './node.js';
import { StreamNode } from './nodes/stream-node.js';
import { FromNode } from './nodes/from-node.js';
import { HttpOutNode } from './nodes/http-out-node.js';
import { NoOpNode } from './nodes/noop-node.js';
import { WindowNode } from './nodes/window-node.js';
import { InfluxQLNode } from './nodes/influxql-node.js';
import { TransformNode } from './nodes/transform-node.js';
import { UnionNode } from './nodes/union-node.js';
import { JoinNode } from './nodes/join-node.js';
import { EvalNode } from './nodes/eval-node.js';
import { WhereNode } from './nodes/where-node.js';
import { GroupByNode } from './nodes/group-by-node.js';
import { DefaultNode } from './nodes/default-node.js';
import { DeleteNode } from './nodes/delete-node.js';
import { ShiftNode } from './nodes/shift-node.js';
import { SampleNode } from './nodes/sample-node.js';
import { DerivativeNode } from './nodes/derivative-node.js';
import { StateNode } from './nodes/state-node.js';
import { ChangeDetectNode } from './nodes/change-detect-node.js';
import { FlattenNode } from './nodes/flatten-node.js';
import { CombineNode } from './nodes/combine-node.js';
import { TrickleNode } from './nodes/trickle-node.js';
import { LogNode } from './nodes/log-node.js';
import { BarrierNode } from './nodes/barrier-node.js';
import { StatsNode } from './nodes/stats-node.js';
import { LoopbackNode } from './nodes/loopback-node.js';
import { HttpPostNode } from './nodes/http-post-node.js';
import { SideloadNode } from './nodes/sideload-node.js';
import { HoltWintersNode } from './nodes/holt-winters-node.js';
import { BatchNode } from './nodes/batch-node.js';
import { QueryNode } from './nodes/query-node.js';
import { QueryFluxNode } from './nodes/query-flux-node.js';
import { InfluxDBOutNode } from './nodes/influxdb-out-node.js';
import { AlertNode } from './nodes/alert-node.js';
import { UdfNode } from './nodes/udf-node.js';
import { AutoscaleNode } from './nodes/autoscale-node.js';

/** A catalogue kind this server cannot run yet (none at present). */
export const NO_RUNTIME = undefined;

const influxql: NodeFactory = (spec, ctx) => new InfluxQLNode(spec, ctx);
const transform: NodeFactory = (spec, ctx) => new TransformNode(spec, ctx);
const autoscale: NodeFactory = (spec, ctx) => new AutoscaleNode(spec, ctx);

const FACTORIES: Record<NodeKind, NodeFactory | typeof NO_RUNTIME> = {
  stream: (spec, ctx) => new StreamNode(spec, ctx),
  from: (spec, ctx) => new FromNode(spec, ctx),
  httpOut: (spec, ctx) => new HttpOutNode(spec, ctx),
  noOp: (spec, ctx) => new NoOpNode(spec, ctx),
  window: (spec, ctx) => new WindowNode(spec, ctx),
  eval: (spec, ctx) => new EvalNode(spec, ctx),
  where: (spec, ctx) => new WhereNode(spec, ctx),
  groupBy: (spec, ctx) => new GroupByNode(spec, ctx),
  default: (spec, ctx) => new DefaultNode(spec, ctx),
  delete: (spec, ctx) => new DeleteNode(spec, ctx),
  shift: (spec, ctx) => new ShiftNode(spec, ctx),
  sample: (spec, ctx) => new SampleNode(spec, ctx),
  derivative: (spec, ctx) => new DerivativeNode(spec, ctx),
  stateDuration: (spec, ctx) => new StateNode(spec, ctx),
  stateCount: (spec, ctx) => new StateNode(spec, ctx),
  changeDetect: (spec, ctx) => new ChangeDetectNode(spec, ctx),
  flatten: (spec, ctx) => new FlattenNode(spec, ctx),
  combine: (spec, ctx) => new CombineNode(spec, ctx),
  trickle: (spec, ctx) => new TrickleNode(spec, ctx),
  log: (spec, ctx) => new LogNode(spec, ctx),
  barrier: (spec, ctx) => new BarrierNode(spec, ctx),
  stats: (spec, ctx) => new StatsNode(spec, ctx),
  kapacitorLoopback: (spec, ctx) => new LoopbackNode(spec, ctx),
  httpPost: (spec, ctx) => new HttpPostNode(spec, ctx),
  sideload: (spec, ctx) => new SideloadNode(spec, ctx),
  holtWinters: (spec, ctx) => new HoltWintersNode(spec, ctx),
  holtWintersWithFit: (spec, ctx) => new HoltWintersNode(spec, ctx),
  elapsed: transform,
  difference: transform,
  movingAverage: transform,
  cumulativeSum: transform,
  union: (spec, ctx) => new UnionNode(spec, ctx),
  join: (spec, ctx) => new JoinNode(spec, ctx),
  count: influxql,
  sum: influxql,
  mean: influxql,
  median: influxql,
  mode: influxql,
  spread: influxql,
  stddev: influxql,
  first: influxql,
  last: influxql,
  min: influxql,
  max: influxql,
  percentile: influxql,
  distinct: influxql,
  top: influxql,
  bottom: influxql,
  batch: (spec, ctx) => new BatchNode(spec, ctx),
  query: (spec, ctx) => new QueryNode(spec, ctx),
  queryFlux: (spec, ctx) => new QueryFluxNode(spec, ctx),
  influxDBOut: (spec, ctx) => new InfluxDBOutNode(spec, ctx),
  alert: (spec, ctx) => new AlertNode(spec, ctx),
  udf: (spec, ctx) => new UdfNode(spec, ctx),
  k8sAutoscale: autoscale,
  swarmAutoscale: autoscale,
  ec2Autoscale: autoscale,
};

/** The factory of a node kind; undefined for an unknown kind or one without a runtime. */
export function nodeFactory(kind: string): NodeFactory | undefined {
  return Object.prototype.hasOwnProperty.call(FACTORIES, kind) ? FACTORIES[kind as NodeKind] : undefined;
}
