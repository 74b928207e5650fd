// DOT rendering: the plain graph, the statistics form and the labels form, in Kapacitor's
// walk order, including nodes inserted by stats and deadman.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipeline } from '../../src/pipeline/build.js';
import { renderDot } from '../../src/pipeline/dot.js';
import { declare, dur, float, from, ident, program, str } from './ast-builders.js';

const stream = () => from('stream');

test('plain form of a stream task', () => {
  const p = buildPipeline(program(stream().chain('from').prop('measurement', str('m')).chain('log').node));
  assert.equal(renderDot('t1', p), 'digraph t1 {\nstream0 -> from1;\nfrom1 -> log2;\n}');
});

test('batch source edges are left out', () => {
  const p = buildPipeline(program(from('batch').chain('query', str('SELECT 1')).chain('log').node));
  assert.equal(renderDot('b', p), 'digraph b {\nquery1 -> log2;\n}');
});

test('deadman and branches follow the walk order', () => {
  const dead = buildPipeline(program(stream().chain('from').chain('deadman', float(10), dur('1m')).node));
  assert.equal(renderDot('d', dead), 'digraph d {\nstream0 -> from1;\nfrom1 -> noop3;\nstats2 -> derivative4;\nderivative4 -> alert5;\n}');
  const w = stream().chain('from').chain('window').prop('period', dur('1m'));
  const p = buildPipeline(
    program(declare('w', w.node), from('w').chain('first', str('v')).chain('log').node, from('w').chain('last', str('v')).chain('log').node),
  );
  assert.equal(
    renderDot('x', p),
    'digraph x {\nstream0 -> from1;\nfrom1 -> window2;\nwindow2 -> first3;\nwindow2 -> last5;\nlast5 -> log6;\nfirst3 -> log4;\n}',
  );
});

test('join parents print in walk order', () => {
  const p = buildPipeline(
    program(
      declare('a', stream().chain('from').node),
      declare('b', stream().chain('from').node),
      from('a').chain('join', ident('b')).prop('as', str('a'), str('b')).chain('httpOut', str('x')).node,
    ),
  );
  assert.equal(renderDot('j', p), 'digraph j {\nstream0 -> from1;\nstream0 -> from2;\nfrom2 -> join4;\nfrom1 -> join4;\njoin4 -> http_out5;\n}');
});

test('statistics form with zero stats and with counters', () => {
  const p = buildPipeline(program(stream().chain('from').node));
  assert.equal(
    renderDot('s', p, { stats: { throughput: 0, nodes: {} } }),
    'digraph s {\ngraph [throughput="0.00 points/s"];\n\nstream0 [avg_exec_time_ns="0s" errors="0" working_cardinality="0" ];\nstream0 -> from1 [processed="0"];\n\nfrom1 [avg_exec_time_ns="0s" errors="0" working_cardinality="0" ];\n}',
  );
  const stats = {
    throughput: 12.345,
    nodes: {
      stream0: { avgExecTimeNs: 1500, counters: { errors: 0, working_cardinality: 1 }, processed: { from1: 7 }, collected: 7, emitted: 7 },
      from1: { avgExecTimeNs: 0, counters: { errors: 2, working_cardinality: 0 }, processed: {}, collected: 7, emitted: 0 },
    },
  };
  assert.equal(
    renderDot('s', p, { stats, labels: true }),
    'digraph s {\ngraph [label="Throughput: 12.35 points/s" forcelabels=true pad="0.8,0.5"];\n\nstream0 [xlabel="avg_exec_time_ns=1.5µs\\rerrors=0\\rworking_cardinality=1"];\nstream0 -> from1 [label="processed=7"];\n\nfrom1 [xlabel="avg_exec_time_ns=0s\\rerrors=2\\rworking_cardinality=0"];\n}',
  );
});
