// The task compiler and node kinds: every kind the language accepts compiles (a disabled task
// shows its DOT, as Kapacitor's does); a kind the engine has no runtime for (the autoscale
// nodes) is refused with a clear message when the task would start, in one place only: the
// engine's factory table (typed by the catalogue's NodeKind), where they are listed as
// NO_RUNTIME, so replacing that with a factory in engine/registry.ts is all it takes to run one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { TaskMaster } from '../../../src/engine/task-master.js';
import { TaskCompiler } from '../../../src/services/tasks/task-compiler.js';
import { allNodeSpecs } from '../../../src/pipeline/catalogue/index.js';
import { nodeFactory } from '../../../src/engine/registry.js';

const compiler = new TaskCompiler();
const AUTOSCALE: Array<[string, string]> = [
  ['k8sAutoscale', "stream\n    |from()\n        .measurement('m')\n    |k8sAutoscale()\n        .resourceName('app')\n        .replicas(lambda: 2)\n"],
  ['swarmAutoscale', "stream\n    |from()\n        .measurement('m')\n    |swarmAutoscale()\n        .serviceName('app')\n        .replicas(lambda: 2)\n"],
  ['ec2Autoscale', "stream\n    |from()\n        .measurement('m')\n    |ec2Autoscale()\n        .groupName('app')\n        .replicas(lambda: 2)\n"],
];

test('autoscale nodes compile (DOT and formatting work) but cannot start: the error names the node', () => {
  const master = new TaskMaster({ logger: pino({ level: 'silent' }) });
  for (const [kind, script] of AUTOSCALE) {
    const compiled = compiler.compile(script, 'stream', {});
    assert.equal(compiled.pipeline.nodes.at(-1)!.kind, kind);
    assert.throws(
      () => master.startTask(kind, compiled.pipeline, [{ db: 'db', rp: 'rp' }]),
      new RegExp(`^Error: unsupported node type ${kind} \\(\\w+\\): this server has no runtime for it yet$`),
    );
    assert.equal(master.executing(kind), false);
  }
});

test('an autoscale node with a bad property gets its validation error', () => {
  assert.throws(
    () => compiler.compile("stream\n    |from()\n    |k8sAutoscale()\n        .resourceName('app')\n", 'stream', {}),
    /must provide a replicas lambda expression/,
  );
});

test('other node kinds compile and start', () => {
  const compiled = compiler.compile(
    "stream\n    |from()\n        .measurement('m')\n    |window()\n        .period(10s)\n        .every(10s)\n    |mean('v')\n    |httpOut('out')\n",
    'stream',
    {},
  );
  assert.deepEqual(
    compiled.pipeline.nodes.map((node) => node.kind),
    ['stream', 'from', 'window', 'mean', 'httpOut'],
  );
  const master = new TaskMaster({ logger: pino({ level: 'silent' }) });
  master.startTask('t', compiled.pipeline, [{ db: 'db', rp: 'rp' }]);
  assert.equal(master.executing('t'), true);
  master.stopTask('t');
});

test('every catalogue kind but the autoscale ones has a runtime; unknown kinds have none', () => {
  const missing = allNodeSpecs()
    .map((spec) => spec.kind)
    .filter((kind) => nodeFactory(kind) === undefined);
  assert.deepEqual(missing.sort(), ['ec2Autoscale', 'k8sAutoscale', 'swarmAutoscale']);
  assert.equal(nodeFactory('toString'), undefined);
  assert.equal(nodeFactory('nope'), undefined);
});
