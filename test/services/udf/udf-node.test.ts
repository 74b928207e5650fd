// The UDF node in a running task with a real agent process: options reach the agent typed,
// points and batches come back as the agent answers them (same time, tags, group), and a
// failing agent ends the task with the node's error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { parsePoints } from '../../../src/lineprotocol/parse.js';
import { TaskMaster } from '../../../src/engine/task-master.js';
import { buildPipeline, type UdfInfo } from '../../../src/pipeline/build.js';
import { fetchInfo } from '../../../src/udf/agent.js';
import { parse } from '../../../src/tick/parser.js';
import { agentConfig } from './fixtures/agent-config.js';

type Result = { series: Array<{ name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }> | null };

async function start(script: string, mode = '') {
  const config = agentConfig(mode);
  const info: UdfInfo = await fetchInfo(config);
  const failures: string[] = [];
  const master = new TaskMaster({
    logger: pino({ level: 'silent' }),
    services: { udfFunction: () => config },
    onTaskFailed: (id, message) => failures.push(`${id}: ${message}`),
  });
  master.startTask('t', buildPipeline(parse(script), { udfs: { customFunc: info } }), [{ db: 'db', rp: 'rp' }]);
  return {
    master,
    failures,
    write(lines: string) {
      const parsed = parsePoints(lines, { precision: 's', defaultTime: 0n, database: 'db', retentionPolicy: 'rp' });
      master.route(parsed.points);
    },
    async result(done: (r: Result) => boolean): Promise<Result> {
      const deadline = Date.now() + 5000;
      for (;;) {
        const r = master.httpOutResult('t', 'out') as Result;
        if (done(r) || Date.now() > deadline) return r;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

const OPTIONS = ".opt1('count')\n        .opt2(FALSE, 1, 1.5, '1.0', 1s)\n";

test('stream points come back with customField and the options arrive typed', async (t) => {
  const task = await start(
    `stream\n    |from()\n        .measurement('cpu')\n        .groupBy('host')\n    @customFunc()\n        ${OPTIONS}    |httpOut('out')\n`,
    'echo',
  );
  t.after(() => task.master.stopTask('t'));
  task.write('cpu,host=a value=3,n=7i,s="x",b=true 10\ncpu,host=b value=4 11\n');
  const r = await task.result((r) => (r.series?.length ?? 0) === 2);
  const a = r.series!.find((s) => s.tags?.host === 'a')!;
  const row = Object.fromEntries(a.columns.map((c, i) => [c, a.values[0]![i]]));
  assert.equal(row.time, '1970-01-01T00:00:10Z');
  assert.equal(row.customField, 42);
  assert.equal(row.in_value, 3);
  assert.equal(row.in_n, 7n);
  assert.equal(row.in_s, 'x');
  assert.equal(row.in_b, 'true');
  assert.equal(row.opt1_0_STRING, 'count');
  assert.equal(row.opt2_0_BOOL, 'false');
  assert.equal(row.opt2_1_INT, 1n);
  assert.equal(row.opt2_2_DOUBLE, 1.5);
  assert.equal(row.opt2_3_STRING, '1.0');
  assert.equal(row.opt2_4_DURATION, 1_000_000_000n);
  assert.ok(r.series!.some((s) => s.tags?.host === 'b'));
});

test('batches go out as begin / points / end and come back as one batch', async (t) => {
  const task = await start(
    `stream\n    |from()\n        .measurement('cpu')\n    |window()\n        .period(10s)\n        .every(10s)\n    @customFunc()\n    |httpOut('out')\n`,
    'batch',
  );
  t.after(() => task.master.stopTask('t'));
  task.write('cpu value=1 0\ncpu value=2 5\ncpu value=3 10\n');
  const r = await task.result((r) => (r.series?.[0]?.values.length ?? 0) === 2);
  assert.deepEqual(r.series, [
    {
      name: 'cpu',
      columns: ['time', 'customField'],
      values: [
        ['1970-01-01T00:00:00Z', 42],
        ['1970-01-01T00:00:05Z', 42],
      ],
    },
  ]);
});

test("an agent that fails ends the task with the node's error, not the process", async (t) => {
  // udf/server.go: an init failure is "failed to initialize processes <error>", an error
  // response is the agent's text; node.go prefixes the node name; task_store stops the task.
  const expected: Record<string, string | RegExp> = {
    'init-fail': 't: customFunc2: failed to initialize processes bad options',
    'error-on-point': 't: customFunc2: boom',
    // the exit, or a write to the closed pipe, whichever is seen first
    'exit-on-point': /^t: customFunc2: (udf process exited: exit status 3|.*EPIPE.*)$/,
  };
  for (const mode of Object.keys(expected)) {
    const task = await start(`stream\n    |from()\n        .measurement('cpu')\n    @customFunc()\n    |httpOut('out')\n`, mode);
    t.after(() => task.master.stopTask('t'));
    task.write('cpu value=1 1\n');
    const deadline = Date.now() + 15000;
    while (task.master.executing('t') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (task.master.executing('t')) task.write('cpu value=1 2\n');
    }
    assert.equal(task.master.executing('t'), false, mode);
    assert.equal(task.failures.length, 1, mode);
    const want = expected[mode]!;
    if (typeof want === 'string') assert.equal(task.failures[0], want, mode);
    else assert.match(task.failures[0]!, want, mode);
  }
});

test('a silent agent times out on keepalive', async (t) => {
  const config = { ...agentConfig('silent'), timeoutMs: 200 };
  // Info under the default timeout (a loaded machine starts the agent slowly); the task under 200ms.
  const info = await fetchInfo(agentConfig('silent'));
  const failures: string[] = [];
  const master = new TaskMaster({
    logger: pino({ level: 'silent' }),
    services: { udfFunction: () => config },
    onTaskFailed: (_id, message) => failures.push(message),
  });
  master.startTask('t', buildPipeline(parse("stream\n    |from()\n    @customFunc()\n    |httpOut('out')\n"), { udfs: { customFunc: info } }), [
    { db: 'db', rp: 'rp' },
  ]);
  t.after(() => master.stopTask('t'));
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(master.executing('t'), false);
  assert.equal(failures.length, 1);
  assert.match(failures[0]!, /^customFunc2: keepalive timedout, last keepalive received was: /);
});

test('a task naming an unconfigured function does not start', () => {
  const master = new TaskMaster({ logger: pino({ level: 'silent' }), services: { udfFunction: () => undefined } });
  const pipeline = buildPipeline(parse('stream\n    |from()\n    @customFunc()\n'), {
    udfs: { customFunc: { wants: 'stream', provides: 'stream', options: {} } },
  });
  assert.throws(() => master.startTask('t', pipeline, [{ db: 'db', rp: 'rp' }]), /no UDF named "customFunc" is configured/);
});
