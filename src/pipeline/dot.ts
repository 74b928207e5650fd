// Graphviz DOT of a task, exactly as Kapacitor prints it: the plain graph of a disabled task,
// the statistics form of an executing one (node stats and processed counts on edges), and
// the `dot-view=labels` form. Nodes come in Kapacitor's walk order.

import { formatGoDuration } from '../gofmt/duration.js';
import type { NodeStatsSnapshot, Pipeline, PipelineNode, TaskStatsSnapshot } from './types.js';

export interface DotOptions {
  /** Executing task statistics: when present the statistics form is rendered. */
  stats?: TaskStatsSnapshot;
  /** The `dot-view=labels` variant of the statistics form. */
  labels?: boolean;
}

/** Kapacitor's walk order: DFS post-order from the sources (last source first), reversed. */
export function walkOrder(pipeline: Pipeline): PipelineNode[] {
  const sources = pipeline.nodes.filter((n) => n.parents.length === 0);
  const done = new Set<PipelineNode>();
  const order: PipelineNode[] = [];
  const visit = (node: PipelineNode): void => {
    if (done.has(node)) return;
    done.add(node);
    for (const child of node.children) visit(child);
    order.push(node);
  };
  for (let i = sources.length - 1; i >= 0; i--) visit(sources[i]!);
  return order.reverse();
}

export function renderDot(id: string, pipeline: Pipeline, opts: DotOptions = {}): string {
  const nodes = walkOrder(pipeline);
  let out = `digraph ${id} {\n`;
  if (opts.stats === undefined) {
    for (const node of nodes) {
      if (node.kind === 'batch') continue;
      for (const child of node.children) out += `${node.name} -> ${child.name};\n`;
    }
    return `${out}}`;
  }
  const throughput = opts.stats.throughput.toFixed(2);
  out +=
    opts.labels === true
      ? `graph [label="Throughput: ${throughput} points/s" forcelabels=true pad="0.8,0.5"];\n`
      : `graph [throughput="${throughput} points/s"];\n`;
  for (const node of nodes) {
    const stats = opts.stats.nodes[node.name];
    const entries = statEntries(stats);
    if (opts.labels === true) {
      out += `\n${node.name} [xlabel="${entries.map(([k, v]) => `${k}=${v}`).join('\\r')}"];\n`;
    } else {
      out += `\n${node.name} [${entries.map(([k, v]) => `${k}="${v}" `).join('')}];\n`;
    }
    for (const child of node.children) {
      const processed = stats?.processed[child.name] ?? 0;
      out +=
        opts.labels === true
          ? `${node.name} -> ${child.name} [label="processed=${processed}"];\n`
          : `${node.name} -> ${child.name} [processed="${processed}"];\n`;
    }
  }
  return `${out}}`;
}

/** A node's stat map sorted by key, values as Kapacitor prints them. */
function statEntries(stats: NodeStatsSnapshot | undefined): Array<[string, string]> {
  const entries = new Map<string, string>([
    ['errors', '0'],
    ['working_cardinality', '0'],
  ]);
  for (const [key, value] of Object.entries(stats?.counters ?? {})) entries.set(key, String(Math.trunc(value)));
  entries.set('avg_exec_time_ns', formatGoDuration(BigInt(Math.round(stats?.avgExecTimeNs ?? 0))));
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
