// The engine spread over worker threads: the point codec round-trips every field type, worker
// tasks see every point exactly once and in order, stats and httpOut come back from workers,
// and tasks that are not worker-safe stay on the main thread.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePoints } from '../../src/lineprotocol/parse.js';
import { encodePoints, PointDecoder } from '../../src/engine/parallel/point-codec.js';
import { ParallelEngine } from '../../src/engine/parallel/parallel-engine.js';
import { TaskMaster } from '../../src/engine/task-master.js';
import { workerSafe } from '../../src/engine/parallel/worker-safe.js';
import { compile, silent } from './harness.js';

function points(lines: string, db = 'db') {
  const parsed = parsePoints(lines, { precision: 's', defaultTime: 0n, database: db, retentionPolicy: 'rp' });
  assert.deepEqual(parsed.errors, []);
  return parsed.points;
}

test('the point codec round-trips names, tags and every field type', () => {
  const input = points([
    'cpu,host=a,region=eu f=1.5,i=-3i,u=18446744073709551615u,s="x y",b=true,c=false 1',
    'cpu,host=a,region=eu f=2 2',
    'mem,host=b v=1i 3',
    'cpu v=0 4',
  ].join('\n'));
  for (const shared of [false, true]) {
    const block = encodePoints(input, 0, input.length, shared);
    assert.equal(block.bytes instanceof SharedArrayBuffer, shared);
    const decoded = new PointDecoder().decode(block);
    assert.deepEqual(decoded, input);
    assert.equal(decoded[0]!.tags, decoded[1]!.tags, 'one tags object per series');
    assert.ok(Object.isFrozen(decoded[0]!.tags));
  }
  const part = encodePoints(input, 1, 3, false);
  assert.deepEqual(new PointDecoder().decode(part), input.slice(1, 3));
});

test('only stream tasks without alert/InfluxDB/UDF/loopback nodes are worker-safe', () => {
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|window().period(10s).every(10s)|mean('v')|httpOut('out')`)), true);
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|alert().crit(lambda: "v" > 1)`)), false);
  assert.equal(workerSafe(compile(`stream|from().measurement('cpu')|influxDBOut().database('x')`)), false);
});

const ORDERED = `stream|from().measurement('cpu').groupBy('host')|httpOut('out')`;
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
    const result = await engine.httpOutResult('t', 'out') as { series: Array<{ tags: Record<string, string>; values: unknown[][] }> };
    const byHost = Object.fromEntries(result.series.map((s) => [s.tags.host, s.values[0]![1]]));
    assert.deepEqual(byHost, { a: 2, b: 3 });
    const stats = engine.stats('t')!;
    assert.equal(stats.nodes.derivative2!.emitted, 398);
    assert.equal(stats.nodes.derivative2!.counters.errors, 0);
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
