// The recording service on its own: recording files dropped in the replay dir are picked up at
// open (as Kapacitor does), recordings left running by a crash are marked failed, and the write
// task master's stream fork records only the task's dbrps and measurements, and is closed when the
// recording ends.

import { TaskCompiler } from '../../../src/services/tasks/task-compiler.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { MemoryStore } from '../../../src/storage/memory-store.js';
import { RecordingService } from '../../../src/services/recording/recording-service.js';
import { decodeStreamRecording, encodeStreamRecording } from '../../../src/recording/recording-files.js';
import { RECORDINGS_BUCKET } from '../../../src/services/recording/recording-store.js';
import type { TaskRecord } from '../../../src/services/tasks/task-record.js';
import type { Point } from '../../../src/models/point.js';
import { TaskMaster } from '../../../src/engine/task-master.js';

const silent = pino({ level: 'silent' });
const S = 1_000_000_000n;

function task(id: string, script: string): TaskRecord {
  return {
    id,
    templateId: '',
    type: 'stream',
    dbrps: [{ db: 'db', rp: 'rp' }],
    script,
    vars: {},
    status: 'disabled',
    error: '',
    created: '',
    modified: '',
    lastEnabled: '',
  };
}

const point = (name: string, time: bigint, database = 'db'): Point => ({ name, tags: {}, fields: { v: 1 }, time, database, retentionPolicy: 'rp' });

test('open picks up dropped files and fails recordings left running', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-dir-'));
  try {
    writeFileSync(join(dir, 'dropped.srpl'), encodeStreamRecording([point('m', S)]));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const store = new MemoryStore();
    await store.put(RECORDINGS_BUCKET, 'crashed', {
      id: 'crashed',
      type: 'stream',
      dataPath: join(dir, 'crashed.srpl'),
      size: 0,
      date: '2020-01-01T00:00:00Z',
      error: '',
      status: 'running',
      progress: 0,
    });
    const service = new RecordingService(
      store,
      dir,
      { find: () => undefined, compiler: new TaskCompiler() },
      new TaskMaster({ logger: silent }),
      undefined,
      silent,
    );
    await service.open();
    const dropped = service.get('dropped');
    assert.deepEqual([dropped.type, dropped.status, dropped.progress], ['stream', 'finished', 1]);
    assert.ok(dropped.size > 0);
    const crashed = service.get('crashed');
    assert.deepEqual([crashed.status, crashed.error], ['failed', 'unexpected Kapacitor shutdown']);
    assert.equal(service.list({ pattern: '', fields: [], offset: '', limit: '' }).length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the stream fork records the task's dbrps and measurements until a point after stop", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-dir-'));
  try {
    const tasks = new Map([
      ['t', task('t', "stream\n    |from()\n        .measurement('keep')\n")],
      ['all', task('all', 'stream\n    |from()\n')],
    ]);
    const master = new TaskMaster({ logger: silent });
    const service = new RecordingService(new MemoryStore(), dir, { find: (id) => tasks.get(id), compiler: new TaskCompiler() }, master, undefined, silent);
    await service.open();
    await service.recordStream({ id: 'one', task: 't', stop: '1970-01-01T00:00:05Z' });
    await service.recordStream({ id: 'every', task: 'all', stop: '1970-01-01T00:00:05Z' });
    master.route([point('keep', 1n * S), point('other', 2n * S), point('keep', 3n * S, 'otherdb')]);
    master.route([point('keep', 5n * S), point('keep', 6n * S), point('keep', 4n * S)]);
    await waitFor(() => service.get('one').status === 'finished' && service.get('every').status === 'finished');
    assert.deepEqual(
      decodeStreamRecording(readFileSync(join(dir, 'one.srpl'))).map((p) => p.time),
      [1n * S, 5n * S],
    );
    assert.deepEqual(
      decodeStreamRecording(readFileSync(join(dir, 'every.srpl'))).map((p) => [p.name, p.time]),
      [
        ['keep', 1n * S],
        ['other', 2n * S],
        ['keep', 5n * S],
      ],
    );
    await assert.rejects(service.recordStream({ id: 'one', task: 't' }), /already exists/);
    await service.recordBatch({ id: 'notbatch', task: 't', start: '1970-01-01T00:00:00Z' });
    await waitFor(() => service.get('notbatch').status !== 'running');
    assert.deepEqual([service.get('notbatch').status, service.get('notbatch').error], ['failed', 'task is not a batch task']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
