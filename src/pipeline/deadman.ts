// `|deadman(threshold, interval, ...lambdas)` expanded as Kapacitor does: stats(interval)
// .align() |derivative('emitted').unit(interval).nonNegative() |alert() with a crit lambda
// on "emitted" and the configured id / message templates.

import type { Node, Position } from '../tick/ast.js';
import { nodeSpec } from './catalogue/index.js';
import { formatGoDuration } from '../gofmt/duration.js';
import type { BuildGraph, BuildNode } from './graph.js';
import { floatLiteral } from './lambda-vars.js';
import type { DurationValue, LambdaValue } from './types.js';
import type { EvalValue } from './values.js';

/** The `[deadman]` configuration's templates (NODE_NAME and INTERVAL are substituted). */
export interface DeadmanConfig {
  readonly id: string;
  readonly message: string;
  /** `global = true`: every task gets a deadman on its source node (stream0 / batch0). */
  readonly global?: boolean;
  /** Threshold and interval (ns) of the global deadman. */
  readonly threshold?: number;
  readonly intervalNs?: bigint;
}

export const DEFAULT_DEADMAN: DeadmanConfig = {
  id: "node 'NODE_NAME' in task '{{ .TaskName }}'",
  message: '{{ .ID }} is {{ if eq .Level "OK" }}alive{{ else }}dead{{ end }}: {{ index .Fields "emitted" | printf "%0.3f" }} points/INTERVAL.',
};

export function expandDeadman(
  graph: BuildGraph,
  observed: BuildNode,
  stats: BuildNode,
  args: EvalValue[],
  position: Position,
  config: DeadmanConfig,
): BuildNode {
  const threshold = args[0] as number;
  const interval = args[1] as DurationValue;
  stats.properties.push({ name: 'align', args: [], position });
  const derivative = graph.create(nodeSpec('derivative'), { args: ['emitted'], wants: 'stream', provides: 'stream', position });
  graph.link(stats, derivative);
  derivative.properties.push({ name: 'nonNegative', args: [], position }, { name: 'unit', args: [interval], position });
  const alert = graph.create(nodeSpec('alert'), { wants: 'stream', provides: 'stream', position });
  graph.link(derivative, alert);
  let crit: Node = binary(
    position,
    '<=',
    { kind: 'reference', position, reference: 'emitted' },
    {
      kind: 'number',
      position,
      isInt: false,
      int64: 0n,
      float64: threshold,
      literal: floatLiteral(threshold),
    },
  );
  for (const extra of args.slice(2) as LambdaValue[]) crit = binary(position, 'AND', crit, extra.expression);
  alert.properties.push(
    { name: 'crit', args: [{ kind: 'lambda', expression: crit }], position },
    { name: 'id', args: [config.id.replace('NODE_NAME', `${observed.desc}${observed.id}`)], position },
    { name: 'message', args: [config.message.replace('INTERVAL', formatGoDuration(interval.ns))], position },
  );
  return alert;
}

function binary(position: Position, operator: '<=' | 'AND', left: Node, right: Node): Node {
  return { kind: 'binary', position, operator, left, right, parens: false, multiLine: false };
}
