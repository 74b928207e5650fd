import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { givenSemiSpaceMb, spawnWithWorkerSemiSpace, WORKER_SEMI_SPACE_MB } from '../../src/util/worker-semi-space.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('worker semi-space', () => {
  it('reads the size Node was given, in either spelling, the command line over NODE_OPTIONS', () => {
    assert.equal(givenSemiSpaceMb(['--max-semi-space-size=4'], undefined), 4);
    assert.equal(givenSemiSpaceMb(['--max_semi_space_size=8'], undefined), 8);
    assert.equal(givenSemiSpaceMb([], '--max-old-space-size=512 --max-semi-space-size 2'), 2);
    assert.equal(givenSemiSpaceMb(['--max-semi-space-size=32'], '--max-semi-space-size=2'), 32);
    assert.equal(givenSemiSpaceMb(['--max-old-space-size=512'], '--enable-source-maps'), undefined);
  });

  it('raises a smaller size while spawning and puts it back once, when told', () => {
    const flags: string[] = [];
    let spawned = 0;
    const restore = spawnWithWorkerSemiSpace(
      () => spawned++,
      ['--max-semi-space-size=4'],
      undefined,
      (flag) => flags.push(flag),
    );
    assert.equal(spawned, 1);
    assert.deepEqual(flags, [`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`]);
    restore();
    restore();
    assert.deepEqual(flags, [`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`, '--max-semi-space-size=4']);
  });

  it('leaves a size at or above the workers’ and Node’s default alone', () => {
    const flags: string[] = [];
    for (const argv of [[`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`], ['--max-semi-space-size=64'], []]) {
      let spawned = false;
      spawnWithWorkerSemiSpace(
        () => (spawned = true),
        argv,
        undefined,
        (flag) => flags.push(flag),
      )();
      assert.equal(spawned, true);
    }
    assert.deepEqual(flags, []);
  });

  it('puts the size back when spawning throws', () => {
    const flags: string[] = [];
    assert.throws(
      () =>
        spawnWithWorkerSemiSpace(
          () => {
            throw new Error('no thread');
          },
          ['--max-semi-space-size=4'],
          undefined,
          (flag) => flags.push(flag),
        ),
      /no thread/,
    );
    assert.equal(flags.at(-1), '--max-semi-space-size=4');
  });

  it('gives a worker a larger young generation than a main thread started small, which keeps its own', () => {
    // Each thread allocates short-lived objects until its new space has grown as far as it may,
    // then reports the new space's size (two semi-spaces).
    const churn = `(v8) => { let keep = []; for (let i = 0; i < 4e6; i++) { keep.push({ i }); if (keep.length > 2e5) keep = []; }
      return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576; }`;
    const script = `
      import v8 from 'node:v8';
      import { Worker } from 'node:worker_threads';
      import { spawnWithWorkerSemiSpace } from './src/util/worker-semi-space.ts';
      const churn = ${churn};
      const code = "Promise.all([import('node:v8'), import('node:worker_threads')]).then(([v8, threads]) => threads.parentPort.postMessage((" + churn.toString() + ")(v8)))";
      let worker;
      const restore = spawnWithWorkerSemiSpace(() => {
        worker = new Worker(code, { eval: true });
      });
      worker.once('online', restore);
      worker.once('message', (workerMb) => {
        console.log(JSON.stringify({ workerMb, mainMb: churn(v8) }));
        void worker.terminate();
      });
    `;
    const child = spawnSync(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    const { workerMb, mainMb } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { workerMb: number; mainMb: number };
    assert.ok(workerMb > 8, `worker new space ${workerMb} MB`);
    assert.ok(mainMb <= 8, `main new space ${mainMb} MB`);
  });
});
