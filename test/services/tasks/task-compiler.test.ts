// The task compiler and node kinds: every kind the language accepts compiles (a disabled task
// shows its DOT, as Kapacitor's does) and every catalogue kind has a runtime in the engine's
// factory table (typed by the catalogue's NodeKind; a kind without one would be listed there as
// NO_RUNTIME). The autoscale nodes start only with a configured cluster: without one the task
// is refused with Kapacitor's words.

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

test('autoscale nodes compile and have a runtime; without a configured cluster the task is refused', () => {
  const master = new TaskMaster({ logger: pino({ level: 'silent' }) });
  const words: Record<string, string> = {
    k8sAutoscale: 'cannot use the k8sAutoscale node, could not create kubernetes client: unknown kubernetes cluster "", cannot get client',
    swarmAutoscale: 'cannot use the swarmAutoscale node, could not create swarm client: unknown swarm cluster "", cannot get client',
    ec2Autoscale: 'cannot use the EC2Autoscale node, could not create ec2 client: unknown ec2 region "", cannot get client',
  };
  for (const [kind, script] of AUTOSCALE) {
    const compiled = compiler.compile(script, 'stream', {});
    assert.equal(compiled.pipeline.nodes.at(-1)!.kind, kind);
    assert.notEqual(nodeFactory(kind), undefined);
    assert.throws(
      () => master.startTask(kind, compiled.pipeline, [{ db: 'db', rp: 'rp' }]),
      (error: Error) => error.message.includes(words[kind]!),
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

test('every catalogue kind has a runtime (none is NO_RUNTIME); unknown kinds have none', () => {
  const missing = allNodeSpecs()
    .map((spec) => spec.kind)
    .filter((kind) => nodeFactory(kind) === undefined);
  assert.deepEqual(missing, []);
  assert.equal(nodeFactory('toString'), undefined);
  assert.equal(nodeFactory('nope'), undefined);
});
