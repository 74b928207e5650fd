// Window nodes and barrier messages: a barrier closes a due time window (consumed), count
// windows pass it on, barriers of unknown groups or before the window end do nothing; the
// barrier node: idle and periodic barrier times, dropping of late points, delete.

import { DEFAULT_TIMING } from '../../../src/engine/exec-timer.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineNode, type TaskContext } from '../../../src/engine/node.js';
import { BarrierNode } from '../../../src/engine/nodes/barrier-node.js';
import { WindowNode } from '../../../src/engine/nodes/window-node.js';
import { type BarrierMessage, type BatchMessage, type Dimensions, type Message, type PointMessage } from '../../../src/engine/messages.js';
import { compile, silent } from '../harness.js';

const S = 1_000_000_000n;

class Collector extends EngineNode {
  readonly messages: Message[] = [];
  override receive(message: Message): void {
    this.messages.push(message);
  }
}

const ctx: TaskContext = {
  taskId: 't',
  logger: silent,
  services: {},
  clock: { now: 0 },
  timing: DEFAULT_TIMING,
  now: () => 0n,
  node: () => undefined,
  fail: () => undefined,
};

function windowNode(props: string): { node: WindowNode; out: Collector } {
  const pipeline = compile(`stream|from()|window()${props}`);
  const spec = pipeline.nodes.find((n) => n.kind === 'window')!;
  const node = new WindowNode(spec, ctx);
  const out = new Collector(pipeline.nodes[0]!, ctx);
  node.addChild(out, 0);
  return { node, out };
}

const HOST: Dimensions = { byName: false, tagNames: ['host'] };

function point(seconds: bigint, host = 'a'): PointMessage {
  return {
    type: 'point',
    name: 'm',
    database: 'db',
    retentionPolicy: 'rp',
    tags: { host },
    fields: { v: Number(seconds) },
    time: seconds * S,
    group: `host=${host}`,
    dimensions: HOST,
  };
}

function barrier(time: bigint, host = 'a'): BarrierMessage {
  return { type: 'barrier', time, tags: { host }, group: `host=${host}`, dimensions: HOST };
}

const batchTimes = (m: Message) => (m as BatchMessage).points.map((p) => p.time / S);

test('a barrier at or after the window end emits the window like a later point would', () => {
  const { node, out } = windowNode('.period(10s).every(10s)');
  node.receive(point(1n));
  node.receive(point(5n));
  node.receive(barrier(10n * S));
  assert.equal(out.messages.length, 0, 'window end is 11s');
  node.receive(barrier(11n * S + 500_000_000n));
  assert.equal(out.messages.length, 1);
  const batch = out.messages[0] as BatchMessage;
  assert.equal(batch.type, 'batch');
  assert.equal(batch.tmax, 11n * S);
  assert.deepEqual(batchTimes(batch), [1n, 5n]);
  assert.deepEqual(batch.tags, { host: 'a' });
  assert.equal(batch.group, 'host=a');
  // the next window ends one every after the barrier; the emitted points are not kept
  node.receive(point(12n));
  node.receive(point(21n));
  assert.equal(out.messages.length, 1);
  node.receive(point(22n));
  assert.deepEqual(batchTimes(out.messages[1]!), [12n, 21n]);
  assert.equal((out.messages[1] as BatchMessage).tmax, 21n * S + 500_000_000n);
});

test('aligned windows move their next end to a multiple of every after the barrier', () => {
  const { node, out } = windowNode('.period(10s).every(10s).align()');
  node.receive(point(3n));
  node.receive(barrier(25n * S));
  assert.equal((out.messages[0] as BatchMessage).tmax, 10n * S);
  node.receive(point(26n));
  node.receive(point(29n));
  node.receive(point(30n));
  assert.equal((out.messages[1] as BatchMessage).tmax, 30n * S);
  assert.deepEqual(batchTimes(out.messages[1]!), [26n, 29n]);
});

test('with every 0 a barrier emits the right-aligned window ending at its time', () => {
  const { node, out } = windowNode('.period(10s).every(0s)');
  node.receive(point(1n));
  node.receive(point(8n));
  assert.equal(out.messages.length, 2);
  node.receive(barrier(12n * S));
  assert.equal(out.messages.length, 3);
  const batch = out.messages[2] as BatchMessage;
  assert.equal(batch.tmax, 12n * S);
  assert.deepEqual(batchTimes(batch), [8n]);
});

test('time windows consume barriers; barriers of groups without a window are ignored', () => {
  const { node, out } = windowNode('.period(10s).every(10s)');
  node.receive(barrier(100n * S, 'b'));
  node.receive(point(1n));
  node.receive(barrier(2n * S));
  assert.deepEqual(out.messages, []);
  node.receive(barrier(100n * S, 'b'));
  assert.deepEqual(out.messages, []);
});

test('count windows pass barriers on unchanged', () => {
  const { node, out } = windowNode('.periodCount(2).everyCount(2)');
  node.receive(point(1n));
  const b = barrier(50n * S);
  node.receive(b);
  assert.deepEqual(out.messages, [b]);
  node.receive(point(2n));
  assert.equal(out.messages.length, 2);
  assert.deepEqual(batchTimes(out.messages[1]!), [1n, 2n]);
});

test('groups keep separate windows under barriers', () => {
  const { node, out } = windowNode('.period(10s).every(10s)');
  node.receive(point(1n, 'a'));
  node.receive(point(4n, 'b'));
  node.receive(barrier(12n * S, 'a'));
  assert.equal(out.messages.length, 1);
  assert.equal(out.messages[0]!.group, 'host=a');
  node.receive(barrier(13n * S, 'b'));
  assert.equal(out.messages.length, 1, 'the window of b ends at 14s');
  node.receive(barrier(14n * S, 'b'));
  assert.deepEqual(batchTimes(out.messages[1]!), [4n]);
});

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

function barrierNode(props: string): { node: BarrierNode; out: Collector } {
  const pipeline = compile(`stream|from()|barrier()${props}`);
  const spec = pipeline.nodes.find((n) => n.kind === 'barrier')!;
  const node = new BarrierNode(spec, ctx);
  const out = new Collector(pipeline.nodes[0]!, ctx);
  node.addChild(out, 0);
  return { node, out };
}

const barrierTimes = (out: Collector) => out.messages.filter((m) => m.type === 'barrier').map((m) => m.time);

test('idle barrier: repeated while idle, each idle later than the last; older points are then dropped (barrier.go idleBarrier)', async () => {
  const { node, out } = barrierNode('.idle(60ms)');
  node.open();
  try {
    node.receive(point(10n));
    await sleep(230);
    const times = barrierTimes(out);
    assert.ok(times.length >= 2, `barriers: ${times.join(',')}`);
    assert.deepEqual(times.slice(0, 2), [10n * S + 60_000_000n, 10n * S + 120_000_000n]);
    const before = out.messages.length;
    node.receive(point(10n));
    assert.equal(out.messages.length, before, 'a point older than the last barrier is dropped');
  } finally {
    node.close();
  }
});

test('periodic barrier: wall-clock times, delete ends the group (barrier.go periodicBarrier)', async () => {
  const { node, out } = barrierNode('.period(50ms).delete(TRUE)');
  node.open();
  try {
    const start = BigInt(Date.now()) * 1_000_000n;
    node.receive(point(1n));
    await sleep(200);
    const times = barrierTimes(out);
    assert.equal(times.length, 1);
    assert.ok(times[0]! >= start + 50_000_000n, `barrier at ${times[0]} is the wall clock, not the data time`);
    assert.deepEqual(
      out.messages.map((m) => m.type),
      ['point', 'barrier', 'deleteGroup'],
    );
    assert.equal(node.cardinality(), 0);
  } finally {
    node.close();
  }
});
