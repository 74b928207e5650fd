// The engine spread over worker threads: the point codec round-trips every field type, worker
// tasks see every point exactly once and in order, stats and httpOut come back from workers,
// and tasks that are not worker-safe stay on the main thread.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePoints } from '../../src/lineprotocol/parse.js';
import { pointBlock, PointDecoder, PointEncoder } from '../../src/engine/parallel/point-codec.js';
import { BlockRing, releaseRing } from '../../src/engine/parallel/block-ring.js';
import { ParallelEngine } from '../../src/engine/parallel/parallel-engine.js';
import { TaskMaster } from '../../src/engine/task-master.js';
import { workerSafe, workerWorthy } from '../../src/engine/parallel/worker-safe.js';
import { compile, silent } from './harness.js';

function points(lines: string, db = 'db') {
  const parsed = parsePoints(lines, { precision: 's', defaultTime: 0n, database: db, retentionPolicy: 'rp' });
  assert.deepEqual(parsed.errors, []);
  return parsed.points;
}

test('the point codec round-trips names, tags and every field type', () => {
  const input = points(
    ['cpu,host=a,region=eu f=1.5,i=-3i,u=18446744073709551615u,s="x y",b=true,c=false 1', 'cpu,host=a,region=eu f=2 2', 'mem,host=b v=1i 3', 'cpu v=0 4'].join(
      '\n',
    ),
  );
  for (const inRing of [false, true]) {
    const encoder = new PointEncoder();
    const encoded = encoder.encode(input, 0, input.length);
    assert.equal(encoder.series.length, 3);
    const ring = new BlockRing(4096);
    const placed = inRing ? ring.put(encoded.data) : undefined;
    const block = pointBlock(encoded, placed?.offset);
    assert.equal(block.bytes === undefined, inRing);
    const decoder = new PointDecoder();
    decoder.define(0, encoder.series);
    const decoded = decoder.decode(block, ring.memory.buffer);
    assert.deepEqual(decoded, input);
    assert.equal(decoded[0]!.tags, decoded[1]!.tags, 'one tags object per series');
    assert.ok(Object.isFrozen(decoded[0]!.tags));
  }
});

test('decoded fields keep each point its own keys and order, and times equal only in part stay apart', () => {
  const lines = [
    'm a=1,b=2 1000000000',
    'm a=3,b=4 1000000000',
    'm b=5,a=6 1000000000',
    'm a=7 1000000000',
    'm a=8,b=9,c=10 5294967296',
    'm __proto__=1,x=2 5294967296',
    'm __proto__=3,x=4 9589934592',
    'm x="s",y=true,z=3i 9589934592',
    `m ${Array.from({ length: 70 }, (_, k) => `f${k}=${k % 2 === 0 ? `${k}.5` : `"v${k}"`}`).join(',')} 9589934592`,
  ];
  const input = parsePoints(lines.join('\n'), { precision: 'ns', defaultTime: 0n, database: 'db', retentionPolicy: 'rp' }).points;
  const encoder = new PointEncoder();
  const decoder = new PointDecoder();
  for (const [from, to] of [
    [0, 9],
    [2, 9],
    [5, 7],
  ] as const) {
    const block = pointBlock(encoder.encode(input, from, to));
    decoder.define(0, encoder.series);
    const decoded = decoder.decode(block);
    assert.deepEqual(decoded, input.slice(from, to));
    decoded.forEach((point, k) => assert.deepEqual(Object.keys(point.fields), Object.keys(input[from + k]!.fields)));
    for (const point of decoded) assert.equal(Object.getPrototypeOf(point.fields), Object.prototype);
  }
});

test('series are numbered once per encoder: later blocks carry only new ones', () => {
  const encoder = new PointEncoder();
  const decoder = new PointDecoder();
  const first = points('cpu,host=a v=1 1\ncpu,host=b v=2 2');
  decoder.define(0, encoder.series.slice(0));
  const a = pointBlock(encoder.encode(first, 0, 2));
  decoder.define(0, encoder.series.slice(0));
  assert.deepEqual(decoder.decode(a), first);
  // The parser hands the same series the same tags object again: nothing new to define.
  const second = points('cpu,host=b v=3 3\ncpu,host=c v=4 4');
  const known = encoder.series.length;
  const b = pointBlock(encoder.encode(second, 0, 2));
  assert.deepEqual(encoder.series.slice(known), ['cpu\n{"host":"c"}']);
  decoder.define(known, encoder.series.slice(known));
  assert.deepEqual(decoder.decode(b), second);
  const part = pointBlock(encoder.encode(second, 1, 2));
  assert.deepEqual(decoder.decode(part), second.slice(1));
});

test('100,000 series cycling through blocks are numbered once; a full dictionary starts over in a new generation', () => {
  const encoder = new PointEncoder();
  const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `cpu,host=h${from + i} v=1 1`).join('\n');
  const all = points(lines(0, 100_000));
  for (let at = 0; at < all.length; at += 5000) encoder.encode(all, at, at + 5000);
  assert.equal(encoder.series.length, 100_000);
  encoder.encode(all, 0, 5000);
  assert.equal(encoder.generation, 1, 'a second cycle sends no series again');
  assert.equal(encoder.series.length, 100_000);

  const small = new PointEncoder(3);
  const four = points(lines(0, 4));
  small.encode(four, 0, 3);
  assert.deepEqual([small.generation, small.series.length], [1, 3]);
  small.encode(four, 3, 4);
  assert.deepEqual([small.generation, small.series], [2, ['cpu\n{"host":"h3"}']]);
});

test('a block ring hands out room only once the reader released it, never wrapping a block', () => {
  const ring = new BlockRing(100);
  const released = new BigInt64Array(ring.memory.released);
  const a = ring.put(new Uint8Array(60).fill(1))!;
  assert.deepEqual(a, { offset: 0, end: 60 });
  assert.equal(ring.put(new Uint8Array(60)), undefined, 'no room until released');
  releaseRing(released, a.end);
  const b = ring.put(new Uint8Array(60).fill(2))!;
  assert.deepEqual(b, { offset: 0, end: 160 }, 'the 40-byte tail is skipped');
  assert.equal(ring.put(new Uint8Array(30)), undefined);
  releaseRing(released, b.end);
  assert.deepEqual(ring.put(new Uint8Array(30)), { offset: 60, end: 190 });
  assert.equal(ring.put(new Uint8Array(101)), undefined, 'larger than the ring');
});

test('only stream tasks without alert/InfluxDB/UDF/loopback/autoscale nodes are worker-safe', () => {
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|window().period(10s).every(10s)|mean('v')|httpOut('out')`)), true);
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|alert().crit(lambda: "v" > 1)`)), false);
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|influxDBOut().database('x')`)), false);
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|k8sAutoscale().resourceName('web').replicas(lambda: 2)`)), false);
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|swarmAutoscale().serviceName('web').replicas(lambda: 2)`)), false);
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|ec2Autoscale().groupName('web').replicas(lambda: 2)`)), false);
});

test('tasks that only pass points through stay on the main thread', async () => {
  assert.equal(workerWorthy(compile(`stream|from().measurement('cpu')|httpOut('out')`)), false);
  assert.equal(workerWorthy(compile(`stream|from().measurement('cpu').where(lambda: "host" == 'a')|where(lambda: "v" > 1)|log()|httpOut('out')`)), false);
  assert.equal(workerWorthy(compile(`stream|from().measurement('cpu')|window().period(10s).every(10s)|max('v')|httpOut('out')`)), true);
  const engine = new ParallelEngine({ logger: silent, workers: 2 });
  try {
    engine.startTask('passthrough', compile(`stream|from().measurement('cpu')|httpOut('out')`), [{ db: 'db', rp: 'rp' }]);
    assert.equal(engine.placement('passthrough'), 'main');
    engine.route(points('cpu,host=a v=1 1'));
    const workers = (engine as unknown as { workers: Array<{ dirty: boolean }> }).workers;
    assert.deepEqual(
      workers.map((worker) => worker.dirty),
      [false, false],
      'no points were handed to a worker',
    );
    assert.equal(engine.stats('passthrough')!.nodes.stream0!.collected, 1);
  } finally {
    await engine.close();
  }
});

const ORDERED = `stream|from().measurement('cpu').groupBy('host')|eval(lambda: "v" * 2.0).as('double')|httpOut('out')`;
const WINDOWED = `stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|count('v')|httpOut('out')`;

test('with two workers every task gets every point once, in order per group', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 2 });
  const reference = new TaskMaster({ logger: silent });
  try {
    const ids = ['t0', 't1', 't2', 't3'];
    for (const id of ids) {
      engine.startTask(id, compile(WINDOWED), [{ db: 'db', rp: 'rp' }]);
      reference.startTask(id, compile(WINDOWED), [{ db: 'db', rp: 'rp' }]);
    }
    assert.deepEqual(new Set(ids.map((id) => engine.placement(id))), new Set([0, 1]));
    // 3 hosts, 100 s of data in 20 writes; the other db/rp is routed nowhere.
    for (let batch = 0; batch < 20; batch++) {
      const lines: string[] = [];
      for (let s = batch * 5; s < batch * 5 + 5; s++) for (const host of ['a', 'b', 'c']) lines.push(`cpu,host=${host} v=${s} ${s}`);
      const written = points(lines.join('\n'));
      engine.route(written);
      reference.route(points(lines.join('\n')));
      engine.route(points(lines.join('\n'), 'other'));
    }
    await engine.settled();
    for (const id of ids) {
      assert.deepEqual(await engine.httpOutResult(id, 'out'), reference.httpOutResult(id, 'out'));
      const stats = engine.stats(id)!;
      assert.equal(stats.nodes.stream0!.collected, 300, `${id} saw every point once`);
      assert.equal(stats.nodes.window2!.emitted, reference.stats(id)!.nodes.window2!.emitted);
    }
  } finally {
    await engine.close();
  }
});

test('points of one group reach a worker task in write order', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 2 });
  try {
    engine.startTask('t', compile(`stream|from().measurement('cpu').groupBy('host')|derivative('v').unit(1s)|httpOut('out')`), [{ db: 'db', rp: 'rp' }]);
    assert.equal(typeof engine.placement('t'), 'number');
    // v grows by 2 per second; a reordered point would give a different (or negative) rate.
    for (let s = 0; s < 200; s++) engine.route(points(`cpu,host=a v=${s * 2} ${s}\ncpu,host=b v=${s * 3} ${s}`));
    await engine.settled();
    const result = (await engine.httpOutResult('t', 'out')) as { series: Array<{ tags: Record<string, string>; values: unknown[][] }> };
    const byHost = Object.fromEntries(result.series.map((s) => [s.tags.host, s.values[0]![1]]));
    assert.deepEqual(byHost, { a: 2, b: 3 });
    const stats = engine.stats('t')!;
    assert.equal(stats.nodes.derivative2!.emitted, 398);
    assert.equal(stats.nodes.derivative2!.counters.errors, 0);
  } finally {
    await engine.close();
  }
});

test('with a main-thread share the main thread takes that share of the worker-safe tasks, and gets them back when they stop', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 1, mainShare: 0.5 });
  const reference = new TaskMaster({ logger: silent });
  try {
    const ids = ['t0', 't1', 't2', 't3', 't4', 't5'];
    for (const id of ids) {
      engine.startTask(id, compile(WINDOWED), [{ db: 'db', rp: 'rp' }]);
      reference.startTask(id, compile(WINDOWED), [{ db: 'db', rp: 'rp' }]);
    }
    // The first goes to the worker; then main takes one whenever it holds under half the worker's.
    assert.deepEqual(
      ids.map((id) => engine.placement(id)),
      [0, 'main', 0, 0, 'main', 0],
    );
    for (let s = 0; s < 30; s++) {
      const lines = ['a', 'b'].map((host) => `cpu,host=${host} v=${s} ${s}`).join('\n');
      engine.route(points(lines));
      reference.route(points(lines));
    }
    await engine.settled();
    for (const id of ids) assert.deepEqual(await engine.httpOutResult(id, 'out'), reference.httpOutResult(id, 'out'), id);
    engine.stopTask('t1');
    engine.stopTask('t4');
    engine.startTask('t6', compile(WINDOWED), [{ db: 'db', rp: 'rp' }]);
    assert.equal(engine.placement('t6'), 'main', 'the main thread has room again');
  } finally {
    await engine.close();
  }
});

test('a write waits only while a worker is behind; settled() still gives every point, once', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 1 });
  try {
    engine.startTask('w', compile(WINDOWED), [{ db: 'db', rp: 'rp' }]);
    engine.route(points('cpu,host=a v=1 1'));
    assert.equal(engine.backpressure(), undefined, 'one small block: nothing to wait for');
    // About 6 MB of blocks in one turn: more than the worker's ring holds.
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) lines.push(`cpu,host=h${i % 50} v=${i} ${i}`);
    const batch = lines.join('\n');
    for (let round = 0; round < 150; round++) engine.route(points(batch));
    const waiting = engine.backpressure();
    assert.ok(waiting !== undefined, 'a worker far behind is waited for');
    await waiting;
    assert.equal(engine.backpressure(), undefined, 'caught up');
    await engine.settled();
    assert.equal(engine.stats('w')!.nodes.stream0!.collected, 1 + 150 * 2000);
  } finally {
    await engine.close();
  }
});

test('tasks that are not worker-safe run on the main thread; stop and restart keep counts exact', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 2 });
  try {
    engine.startTask('alerting', compile(`stream|from().measurement('cpu')|alert().crit(lambda: "v" > 1)`), [{ db: 'db', rp: 'rp' }]);
    assert.equal(engine.placement('alerting'), 'main');
    engine.startTask('w', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    engine.route(points('cpu,host=a v=1 1'));
    engine.startTask('w', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    engine.route(points('cpu,host=a v=2 2\ncpu,host=a v=3 3'));
    await engine.settled();
    assert.equal(engine.stats('w')!.nodes.stream0!.collected, 2, 'the restarted task counts from zero');
    assert.equal(engine.stats('alerting')!.nodes.stream0!.collected, 3);
    const vars = engine.statistics();
    const ingress = Object.values(vars).find((v) => (v as { name: string }).name === 'ingress') as { values: { points_received: number } };
    assert.equal(ingress.values.points_received, 3, 'ingress counted once, on the main thread');
    assert.ok(Object.keys(vars).some((k) => k.startsWith('nodes:') && k.includes('task=w')));
    engine.stopTask('w');
    assert.equal(engine.executing('w'), false);
    assert.equal(await engine.httpOutResult('w', 'out'), undefined);
  } finally {
    await engine.close();
  }
});

test('the blocks routed in one turn reach a worker in one message, before any later message', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 1 });
  try {
    engine.startTask('w', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    const thread = (engine as unknown as { workers: Array<{ thread: { postMessage(message: { t: string; blocks?: unknown[] }): void } }> }).workers[0]!.thread;
    const sent: string[] = [];
    const original = thread.postMessage.bind(thread);
    thread.postMessage = (message: { t: string; blocks?: unknown[] }, ...rest: unknown[]) => {
      sent.push(message.t === 'points' ? `points x${message.blocks!.length}` : message.t);
      (original as (...args: unknown[]) => void)(message, ...rest);
    };
    engine.route(points('cpu,host=a v=1 1'));
    engine.route(points('cpu,host=a v=2 2'));
    engine.route(points('cpu,host=a v=3 3'));
    assert.deepEqual(sent, [], 'nothing is posted within the turn');
    await Promise.resolve();
    assert.deepEqual(sent, ['points x3']);
    engine.route(points('cpu,host=a v=4 4'));
    await engine.settled();
    assert.deepEqual(sent, ['points x3', 'points x1', 'sync']);
    assert.equal(engine.stats('w')!.nodes.stream0!.collected, 4);
  } finally {
    await engine.close();
  }
});

test('when a worker thread dies its tasks start again on the main thread or another worker', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 1 });
  try {
    engine.startTask('w', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    assert.equal(engine.placement('w'), 0);
    engine.route(points('cpu,host=a v=1 1'));
    await engine.settled();
    const workers = (engine as unknown as { workers: Array<{ thread: { terminate(): Promise<number> } }> }).workers;
    await workers[0]!.thread.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(engine.placement('w'), 'main');
    engine.route(points('cpu,host=a v=2 2'));
    assert.equal(engine.settled(), undefined, 'nothing waits on a dead worker');
    assert.equal(engine.stats('w')!.nodes.stream0!.collected, 1);
  } finally {
    await engine.close();
  }
});

function ingressOf(engine: ParallelEngine): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of Object.values(engine.statistics()) as Array<{ name: string; tags: Record<string, string>; values: { points_received: number } }>) {
    if (entry.name === 'ingress') out[`${entry.tags.database}.${entry.tags.measurement}`] = entry.values.points_received;
  }
  return out;
}

test('a worker that alone reads a db/rp parses raw lines itself: same points, order, errors and ingress as parsing here', async () => {
  const engine = new ParallelEngine({ logger: silent, workers: 1 });
  const reference = new TaskMaster({ logger: silent });
  const options = { precision: 's', defaultTime: 0n, database: 'db', retentionPolicy: 'rp' };
  try {
    engine.startTask('w', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    reference.startTask('w', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    assert.equal(engine.placement('w'), 0);
    const answers: Array<Promise<string[]>> = [];
    for (let s = 0; s < 40; s++) {
      // Slices alternate between the worker (raw lines) and this thread (parsed, sent as blocks).
      const text = `cpu,host=a v=${s} ${s}\nmem,host=a v=1 ${s}\ncpu,host=b v=${s * 2} ${s}` + (s === 8 ? '\ncpu,host=a v= 8' : '');
      const parsed = parsePoints(text, options);
      reference.route(parsed.points);
      const offloaded = s % 2 === 0 ? engine.offload(Buffer.from(text), options) : undefined;
      if (offloaded !== undefined) answers.push(offloaded);
      else {
        if (s % 2 === 0) assert.fail('an idle worker alone reading db/rp takes the lines');
        engine.route(parsed.points);
      }
    }
    const errors = (await Promise.all(answers)).flat();
    assert.deepEqual(errors, parsePoints('cpu,host=a v= 8', options).errors, 'the bad line is reported as the parser here reports it');
    await engine.settled();
    assert.deepEqual(await engine.httpOutResult('w', 'out'), reference.httpOutResult('w', 'out'));
    assert.equal(engine.stats('w')!.nodes.stream0!.collected, reference.stats('w')!.nodes.stream0!.collected);
    assert.equal(engine.stats('w')!.nodes.stream0!.collected, 120);
    assert.deepEqual(ingressOf(engine), { 'db.cpu': 80, 'db.mem': 40 }, 'ingress counts the points parsed on the worker too');
  } finally {
    await engine.close();
  }
});

test('raw lines stay on the main thread when it reads the db/rp itself, when several workers do, or when the worker is behind', async () => {
  const options = { precision: 's', defaultTime: 0n, database: 'db', retentionPolicy: 'rp' };
  const lines = Buffer.from('cpu,host=a v=1 1');
  const one = new ParallelEngine({ logger: silent, workers: 1 });
  try {
    assert.equal(one.offload(lines, options), undefined, 'no task reads db/rp');
    one.startTask('w', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    assert.equal(one.offload(lines, { ...options, database: 'other' }), undefined, 'no task reads that db');
    const taken = one.offload(lines, options);
    assert.ok(taken !== undefined);
    assert.deepEqual(await taken, []);
    // Far behind: over a quarter of a megabyte of blocks queued for the worker.
    const batch = Array.from({ length: 2000 }, (_, i) => `cpu,host=h${i % 50} v=${i} ${i}`).join('\n');
    for (let round = 0; round < 20; round++) one.route(points(batch));
    assert.equal(one.offload(lines, options), undefined, 'a busy worker is not handed more parsing');
    await one.settled();
    one.startTask('alerting', compile(`stream|from().measurement('cpu')|alert().crit(lambda: "v" > 1)`), [{ db: 'db', rp: 'rp' }]);
    assert.equal(one.placement('alerting'), 'main');
    assert.equal(one.offload(lines, options), undefined, 'a main-thread task reads db/rp');
  } finally {
    await one.close();
  }
  const two = new ParallelEngine({ logger: silent, workers: 2 });
  try {
    two.startTask('a', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    two.startTask('b', compile(ORDERED), [{ db: 'db', rp: 'rp' }]);
    assert.notEqual(two.placement('a'), two.placement('b'));
    assert.equal(two.offload(lines, options), undefined, 'two workers read db/rp: parsed once, here');
  } finally {
    await two.close();
  }
});
