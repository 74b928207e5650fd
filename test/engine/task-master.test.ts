// TaskMaster: routing by database/retention policy, task lifecycle, statistics, start errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskMaster } from '../../src/engine/task-master.js';
import { compile, run, sec, silent } from './harness.js';

const PASS = `stream|from().measurement('cpu')|httpOut('out')`;

test('points reach only tasks subscribed to their db/rp', () => {
  const master = new TaskMaster({ logger: silent });
  const a = run(PASS, { master, id: 'a', dbrps: [{ db: 'db', rp: 'rp' }] });
  const b = run(PASS, { master, id: 'b', dbrps: [{ db: 'other', rp: 'rp' }] });
  a.write('cpu value=1 1');
  b.write('cpu value=2 2', { db: 'other' });
  assert.deepEqual(a.values(), [[sec(1), 1]]);
  assert.deepEqual(b.values(), [[sec(2), 2]]);
});

test('a stopped task no longer executes and serves no httpOut', () => {
  const t = run(PASS);
  t.write('cpu value=1 1');
  assert.equal(t.master.executing('test'), true);
  t.stop();
  assert.equal(t.master.executing('test'), false);
  assert.equal(t.master.httpOutResult('test', 'out'), undefined);
  t.master.route([]);
});

test('starting a running task again restarts it with the new pipeline', () => {
  const t = run(PASS);
  t.write('cpu value=1 1');
  t.master.startTask('test', compile(`stream|from().measurement('mem')|httpOut('out')`), [{ db: 'db', rp: 'rp' }]);
  assert.deepEqual(t.result(), { series: null });
  t.write('cpu value=1 2\nmem value=3 3');
  assert.deepEqual(t.values(), [[sec(3), 3]]);
});

test('stats count collected and emitted per node and processed per edge', () => {
  const t = run(`stream|from().measurement('cpu').where(lambda: "value" > 1)|httpOut('out')`);
  t.write('cpu value=1 1\ncpu value=2 2\nmem value=3 3');
  const stats = t.stats();
  assert.equal(stats.nodes.stream0!.collected, 3);
  assert.equal(stats.nodes.stream0!.processed.from1, 3);
  assert.equal(stats.nodes.from1!.collected, 3);
  assert.equal(stats.nodes.from1!.emitted, 1);
  assert.equal(stats.nodes.http_out2!.collected, 1);
  assert.equal(stats.nodes.http_out2!.counters.working_cardinality, 1);
  assert.equal(stats.nodes.from1!.counters.errors, 0);
});

test('a runtime error counts in errors and drops the point', () => {
  const t = run(`stream|from().measurement('cpu')|where(lambda: "missing" > 1)|httpOut('out')`);
  t.write('cpu value=1 1');
  assert.equal(t.stats().nodes.where2!.counters.errors, 1);
  assert.deepEqual(t.result(), { series: null });
});

test('a task that cannot start throws and is not executing', () => {
  const master = new TaskMaster({ logger: silent });
  assert.throws(() => master.startTask('bad', compile(`stream|from()|httpPost().endpoint('nope')`), []), /endpoint 'nope' does not exist/);
  assert.equal(master.executing('bad'), false);
});

test('statistics() lists every node of every executing task for /debug/vars', () => {
  const t = run(PASS);
  t.write('cpu value=1 1');
  const stats = t.master.statistics() as Record<string, { name: string; tags: Record<string, string>; values: Record<string, number> }>;
  const from = Object.values(stats).find((s) => s.name === 'nodes' && s.tags.node === 'from1');
  assert.equal(from?.values.collected, 1);
  assert.equal(from?.tags.task, 'test');
  assert.equal(from?.tags.kind, 'from');
  assert.equal(from?.tags.type, 'stream');
  assert.ok(Object.values(stats).some((s) => s.name === 'edges' && s.tags.parent === 'stream0'));
});

test('idle groups are dropped after the configured timeout (globally or per task), off by default', () => {
  const master = new TaskMaster({ logger: silent, groupIdleTimeoutMs: 1000 });
  const script = `stream|from().measurement('m').groupBy('g')|window().period(10s).every(10s)|httpOut('out')`;
  const t = run(script, { master });
  master.startTask('off', compile(script), [{ db: 'db', rp: 'rp' }], { groupIdleTimeoutMs: 0 });
  master.sweepIdleGroups(10_000);
  t.write('m,g=a v=1 0\nm,g=a v=1 10\nm,g=b v=1 0');
  assert.equal(t.result().series!.length, 1);
  master.sweepIdleGroups(10_600);
  assert.equal(t.stats().nodes.window2!.counters.working_cardinality, 2);
  t.write('m,g=a v=1 11');
  master.sweepIdleGroups(11_300);
  const window = t.stats().nodes.window2!;
  assert.equal(window.counters.working_cardinality, 1);
  assert.equal(window.counters.groups_expired, 1);
  assert.deepEqual(t.result(), { series: null });
  assert.equal(master.stats('off')!.nodes.window2!.counters.working_cardinality, 2);
});

test('tasks selecting one tag value get only matching points but count every point as collected', () => {
  const master = new TaskMaster({ logger: silent });
  const tasks = ['a', 'b', 'c'].map((host) =>
    run(`stream|from().measurement('cpu').where(lambda: "host" == '${host}' AND "dc" == 'x')|httpOut('out')`, { master, id: host }),
  );
  const other = run(`stream|from().measurement('cpu').where(lambda: "value" > 1)|httpOut('out')`, { master, id: 'other' });
  tasks[0]!.write(
    [
      'cpu,host=a,dc=x value=1 1',
      'cpu,host=b,dc=x value=2 2',
      'cpu,host=a,dc=y value=3 3',
      'cpu,host=d,dc=x value=4 4',
      'cpu,dc=x value=5 5', // no host tag: the lambda decides (an error)
      'cpu,host=z,dc=x host="c" 6', // a field shadows the tag: the lambda decides
    ].join('\n'),
  );
  for (const [i, expected] of [
    [0, [[sec(1), 1]]],
    [1, [[sec(2), 2]]],
  ] as const) {
    assert.deepEqual(tasks[i]!.values(), expected);
  }
  for (const t of [...tasks, other]) {
    const stats = t.stats();
    assert.equal(stats.nodes.stream0!.collected, 6, t.id);
    assert.equal(stats.nodes.stream0!.processed.from1, 6, t.id);
    assert.equal(stats.nodes.from1!.collected, 6, t.id);
  }
  assert.equal(tasks[0]!.stats().nodes.from1!.emitted, 1);
  assert.equal(tasks[2]!.stats().nodes.from1!.emitted, 0);
  // the points without a host tag or with a host field reached every indexed task's lambda,
  // which counted an error for each, as it does without the index
  for (const t of tasks) assert.equal(t.stats().nodes.from1!.counters.errors, 2, t.id);
  assert.equal(other.stats().nodes.from1!.emitted, 4);
});

test('a stream fork gets the points of its dbrps and measurements until closed, in every write path', () => {
  const master = new TaskMaster({ logger: silent });
  const got: string[] = [];
  const all: string[] = [];
  const fork = master.forkStream(
    'rec',
    [
      { db: 'db', rp: 'rp' },
      { db: 'db', rp: 'rp' },
    ],
    ['cpu'],
    (p) => got.push(`${p.name}@${p.time}`),
  );
  const every = master.forkStream('all', [{ db: 'other', rp: 'rp' }], undefined, (p) => all.push(`${p.name}@${p.time}`));
  const t = run(PASS, { master });
  t.write('cpu value=1 1\nmem value=2 2\ncpu value=3 3');
  t.write('cpu value=4 4\nmem value=5 5', { db: 'other' });
  assert.deepEqual(got, ['cpu@1000000000', 'cpu@3000000000']);
  assert.deepEqual(all, ['cpu@4000000000', 'mem@5000000000']);
  assert.deepEqual(t.values(), [[sec(3), 3]]);
  // cluster mode: the forks only, the tasks read elsewhere
  master.routeForks([{ name: 'cpu', tags: {}, fields: { value: 6 }, time: 6n, database: 'db', retentionPolicy: 'rp' }]);
  assert.deepEqual(got.at(-1), 'cpu@6');
  assert.deepEqual(t.values(), [[sec(3), 3]]);
  fork.close();
  fork.close();
  every.close();
  t.write('cpu value=7 7');
  assert.equal(got.length, 3);
  assert.equal(all.length, 2);
});

test('a forked task master shares the services but has its own tasks and inputs', async () => {
  const master = new TaskMaster({ logger: silent });
  const main = run(PASS, { master, id: 'same' });
  const fork = master.fork('replay');
  assert.equal(fork.services.loopback, master.services.loopback);
  fork.startTask('same', compile(PASS), [{ db: 'db', rp: 'rp' }]);
  assert.equal(fork.isStreamTask('same'), true);
  main.write('cpu value=1 1');
  fork.route([{ name: 'cpu', tags: {}, fields: { value: 2 }, time: 2_000_000_000n, database: 'db', retentionPolicy: 'rp' }]);
  assert.deepEqual(main.values(), [[sec(1), 1]]);
  assert.deepEqual(fork.stats('same')!.nodes.stream0!.collected, 1);
  assert.throws(() => fork.batchCollectors('same'), /cannot replay batch data into a stream task/);
  await fork.drain('same');
  fork.stopAll();
  assert.equal(fork.executing('same'), false);
  assert.equal(master.executing('same'), true);
  assert.equal(master.fork('b', { batchScheduling: false }).services.batchScheduling, false);
});
