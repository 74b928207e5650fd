// `[deadman] global = true`: the builder adds Kapacitor's deadman (stats → derivative → alert)
// on the task's source node after the script, with the configured threshold, interval, id
// and message; without global nothing is added.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipeline } from '../../src/pipeline/build.js';
import { DEFAULT_DEADMAN } from '../../src/pipeline/deadman.js';
import { renderDot } from '../../src/pipeline/dot.js';
import type { PipelineNode } from '../../src/pipeline/types.js';
import { parse } from '../../src/tick/parser.js';

const SCRIPT = "stream\n    |from()\n        .measurement('cpu')\n    |httpOut('x')\n";
const global = { ...DEFAULT_DEADMAN, global: true, threshold: 2.5, intervalNs: 60_000_000_000n };

function byName(nodes: PipelineNode[], name: string): PipelineNode {
  const node = nodes.find((n) => n.name === name);
  assert.ok(node, `no node ${name}`);
  return node;
}

test('global deadman observes the stream source and names nodes after the script', () => {
  const p = buildPipeline(parse(SCRIPT), { deadman: global });
  assert.equal(renderDot('t', p), 'digraph t {\nstream0 -> from1;\nfrom1 -> http_out2;\nstats3 -> derivative4;\nderivative4 -> alert5;\n}');
  const stats = byName(p.nodes, 'stats3');
  assert.equal(stats.observes?.name, 'stream0');
  assert.deepEqual(stats.args, [{ kind: 'duration', ns: 60_000_000_000n, literal: '1m0s' }]);
  const alert = byName(p.nodes, 'alert5');
  const props = Object.fromEntries(alert.properties.map((c) => [c.name, c.args]));
  assert.deepEqual(props.id, ["node 'stream0' in task '{{ .TaskName }}'"]);
  assert.match(String(props.message![0]), / points\/1m0s\.$/);
  const crit = props.crit![0] as { expression: { operator: string; right: { float64: number } } };
  assert.equal(crit.expression.operator, '<=');
  assert.equal(crit.expression.right.float64, 2.5);
  const derivative = byName(p.nodes, 'derivative4');
  assert.deepEqual(derivative.args, ['emitted']);
});

test('global deadman on a batch task observes batch0', () => {
  const p = buildPipeline(parse("batch\n    |query('SELECT mean(v) FROM db.rp.m')\n        .period(1m)\n        .every(1m)\n    |httpOut('x')\n"), {
    deadman: global,
  });
  assert.equal(byName(p.nodes, 'stats3').observes?.name, 'batch0');
  assert.ok(p.nodes.some((n) => n.name === 'alert5'));
});

test('no deadman unless global', () => {
  const p = buildPipeline(parse(SCRIPT), { deadman: { ...global, global: false } });
  assert.deepEqual(
    p.nodes.map((n) => n.name),
    ['stream0', 'from1', 'http_out2'],
  );
});

test('a script deadman and the global one both get their own ids', () => {
  const p = buildPipeline(parse("stream\n    |from()\n        .measurement('cpu')\n    |deadman(1.0, 10s)\n"), { deadman: global });
  assert.deepEqual(
    p.nodes.map((n) => n.name),
    ['stream0', 'from1', 'stats2', 'noop3', 'derivative4', 'alert5', 'stats6', 'derivative7', 'alert8'],
  );
  assert.equal(byName(p.nodes, 'stats6').observes?.name, 'stream0');
});
