// Catalogue entries for the nodes that reshape data: windowing, grouping, filtering, eval,
// defaults, joins, state tracking, barriers, logging and the internal stats / noOp nodes.

import { properties, type NodeSpec } from './spec.js';

function node<const K extends string>(kind: K, goType: string, desc: string, ...props: string[]): NodeSpec<K> {
  return { kind, goType, desc, chainnode: true, properties: properties(...props) };
}

export const TRANSFORM_NODES = [
  node('window', 'WindowNode', 'window', 'period:d', 'every:d', 'align()', 'fillPeriod()', 'periodCount:i', 'everyCount:i'),
  node('groupBy', 'GroupByNode', 'groupby', 'exclude(...s)', 'byMeasurement()'),
  node('where', 'WhereNode', 'where'),
  node('eval', 'EvalNode', 'eval', 'as(...s)', 'tags(...s)', 'keep(...s)', 'quiet()'),
  node('default', 'DefaultNode', 'default', 'field(s,a)+', 'tag(s,s)+'),
  node('delete', 'DeleteNode', 'delete', 'field(s)+', 'tag(s)+'),
  node('shift', 'ShiftNode', 'shift'),
  node('sample', 'SampleNode', 'sample'),
  node('derivative', 'DerivativeNode', 'derivative', 'unit:d', 'nonNegative()', 'as:s'),
  node('changeDetect', 'ChangeDetectNode', 'changeDetect'),
  node('stateDuration', 'StateDurationNode', 'state_duration', 'unit:d', 'as:s'),
  node('stateCount', 'StateCountNode', 'state_count', 'as:s'),
  node('flatten', 'FlattenNode', 'flatten', 'on(...s)', 'delimiter:s', 'tolerance:d', 'dropOriginalFieldName(...b)'),
  node('combine', 'CombineNode', 'combine', 'as(...s)', 'delimiter:s', 'tolerance:d', 'max:i'),
  node('join', 'JoinNode', 'join', 'as(...s)', 'on(...s)', 'delimiter:s', 'streamName:s', 'tolerance:d', 'fill:a', 'deleteAll:b'),
  node('union', 'UnionNode', 'union', 'rename:s'),
  node('barrier', 'BarrierNode', 'barrier', 'idle:d', 'period:d', 'delete:b'),
  node('trickle', 'TrickleNode', 'trickle'),
  node('log', 'LogNode', 'log', 'level:s', 'prefix:s'),
  node('noOp', 'NoOpNode', 'noop'),
  node('stats', 'StatsNode', 'stats', 'align()'),
  node('sideload', 'SideloadNode', 'sideload', 'source:s', 'order(...s)', 'field(s,a)+', 'tag(s,s)+'),
  node('udf', 'UDFNode', 'udf'),
];
