// The pipeline: a task's TICKscript turned into a DAG of typed nodes with evaluated property
// values. Built by the pipeline builder from the AST, read by validation, the DOT renderer and
// the engine (which creates one runtime node per pipeline node). Pure data.

import type { Node as AstNode, Position } from '../tick/ast.js';

export type EdgeType = 'stream' | 'batch' | 'none';

/** A duration argument, in nanoseconds (kept apart from integers, as TICKscript types them). */
export interface DurationValue {
  readonly kind: 'duration';
  readonly ns: bigint;
  /** Literal as written (`10s`), for the formatter and DOT. */
  readonly literal: string;
}

export interface RegexValue {
  readonly kind: 'regex';
  /** Pattern source (Go RE2 syntax as written in the script). */
  readonly source: string;
}

export interface LambdaValue {
  readonly kind: 'lambda';
  /** The lambda's expression, variables already substituted. Compiled by tick/lambda. */
  readonly expression: AstNode;
}

export interface StarValue {
  readonly kind: 'star';
}

/** `time(10s)` (optionally `time(10s, 5s)`) in a query's `.groupBy()`: a time dimension. */
export interface TimeDimensionValue {
  readonly kind: 'time';
  readonly length: DurationValue;
  readonly offset?: DurationValue;
}

/**
 * An evaluated property argument. Integers are bigint (int64), floats are number.
 */
export type PropertyValue = string | bigint | number | boolean | DurationValue | RegexValue | LambdaValue | StarValue | TimeDimensionValue | PropertyValue[];

/** One property-method call on a node, e.g. `.period(10s)`. Repeated calls are all kept, in order. */
export interface PropertyCall {
  readonly name: string;
  readonly args: PropertyValue[];
  readonly position: Position;
  /**
   * For properties that open a sub-object (alert handlers like `.post(url)` followed by
   * `.header(k, v)`, or `.tcp(addr)`), the property calls that apply to that sub-object.
   */
  readonly children?: PropertyCall[];
}

export interface PipelineNode {
  /** Creation index within the task (stream0, from1, ...). */
  readonly id: number;
  /**
   * Node kind as the catalogue names it (TICKscript method name): 'stream', 'batch', 'from',
   * 'query', 'window', 'httpOut', 'alert', 'mean', ... UDF nodes: 'udf'.
   */
  readonly kind: string;
  /** DOT / stats name: Kapacitor's node type name plus id, e.g. 'from1', 'http_out3', 'mean2'. */
  readonly name: string;
  /** Arguments of the chaining call itself, e.g. `httpOut('x')` → ['x'], `mean('value')` → ['value']. */
  readonly args: PropertyValue[];
  /** Property calls in source order. */
  readonly properties: PropertyCall[];
  readonly wants: EdgeType;
  readonly provides: EdgeType;
  readonly parents: PipelineNode[];
  readonly children: PipelineNode[];
  readonly position: Position;
  /** For `stats` nodes: the node whose statistics they emit (not an edge). */
  readonly observes?: PipelineNode;
}

export interface DBRP {
  readonly db: string;
  readonly rp: string;
}

export interface Pipeline {
  readonly type: 'stream' | 'batch';
  /** Nodes in creation order; nodes[0] is the source (stream0 / batch0). */
  readonly nodes: PipelineNode[];
  /** dbrp statements found in the script. */
  readonly dbrps: DBRP[];
}

/**
 * Runtime statistics of an executing task, as the engine reports them and the DOT renderer
 * (statistics form), the task's `stats` field and /debug/vars show them.
 */
export interface NodeStatsSnapshot {
  /** Average execution time per message, nanoseconds. */
  readonly avgExecTimeNs: number;
  /**
   * Every counter of the node by Kapacitor's name: always `errors` and `working_cardinality`,
   * plus node-specific ones (`alerts_triggered`, `crits_triggered`, ...).
   */
  readonly counters: Readonly<Record<string, number>>;
  /** Messages that went out on each outgoing edge, by child node name (`processed` in DOT). */
  readonly processed: Readonly<Record<string, number>>;
  /** Points and batches received, and emitted (task `stats` node-stats). */
  readonly collected: number;
  readonly emitted: number;
}

export interface TaskStatsSnapshot {
  /** Points per second entering the task, averaged as Kapacitor does. */
  readonly throughput: number;
  /** By node name (stream0, from1, ...). */
  readonly nodes: Readonly<Record<string, NodeStatsSnapshot>>;
}
