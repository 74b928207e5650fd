import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { AlertService, type HandlerFactory } from '../../src/alert/alert-service.js';
import { TopicsApi } from '../../src/alert/topics-api.js';
import { alertDataJSON, newEvent, type AlertEvent } from '../../src/alert/event.js';
import type { AlertHandler } from '../../src/alert/handler.js';
import { CRITICAL, OK, WARNING, type Level } from '../../src/alert/levels.js';
import { MemoryStore } from '../../src/storage/memory-store.js';

/** The topics API over a topic runtime (stateless: one per call is fine). */
const api = (runtime: AlertService): TopicsApi => new TopicsApi(runtime);

const logger = pino({ level: 'silent' });

class Recorder implements HandlerFactory {
  readonly received: Array<{ kind: string; options: Record<string, unknown>; event: AlertEvent }> = [];
  failing = false;
  create(kind: string, options: Record<string, unknown>): AlertHandler {
    if (kind === 'bad') throw new Error('unsupported handler kind "bad"');
    return {
      handle: (event) => {
        if (this.failing) throw new Error('peer down');
        this.received.push({ kind, options, event });
      },
    };
  }
}

function event(topic: string, id: string, level: Level, seconds: number): AlertEvent {
  return newEvent({
    topic,
    id,
    state: { message: `${id} is ${level}`, details: '', time: BigInt(seconds) * 1_000_000_000n, duration: 0n, level },
    recoverable: true,
    series: [{ name: 'cpu', tags: { host: 'a' }, columns: ['time', 'value'], values: [['1970-01-01T00:00:01Z', 1]] }],
    taskName: 'task',
    name: 'cpu',
    group: '',
    tags: { host: 'a' },
    fields: { value: 1 },
    category: '',
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test('collect records state, previous level and fans out to matching handlers', async () => {
  const factory = new Recorder();
  const alerts = new AlertService(new MemoryStore(), factory, logger);
  alerts.open();
  await api(alerts).createHandler('ops', { id: 'all', kind: 'rec', options: { n: 1 } });
  await api(alerts).createHandler('ops', { id: 'changes', kind: 'rec', match: 'changed() == TRUE' });
  alerts.collect(event('ops', 'cpu', CRITICAL, 1));
  alerts.collect(event('ops', 'cpu', CRITICAL, 2));
  alerts.collect(event('ops', 'cpu', OK, 3));
  await settle();
  const all = factory.received.filter((r) => r.options['n'] === 1).map((r) => r.event.previousLevel);
  assert.deepEqual(all, [OK, CRITICAL, CRITICAL]);
  assert.equal(factory.received.length - all.length, 2, 'changed() handler saw the two changes');
  const topic = api(alerts).topic('ops');
  assert.equal(topic.collected, 3);
  assert.equal(topic.level(), OK);
  assert.equal(api(alerts).event('ops', 'cpu').level, OK);
  assert.match(
    alertDataJSON(factory.received[0]!.event),
    /^\{"id":"cpu","message":"cpu is 3","details":"","time":"1970-01-01T00:00:01Z","duration":0,"level":"CRITICAL","data":\{"series":\[\{"name":"cpu","tags":\{"host":"a"\},"columns":\["time","value"\],"values":\[\["1970-01-01T00:00:01Z",1\]\]\}\]\},"previousLevel":"OK","recoverable":true\}$/,
  );
});

test('state and handler specs survive reopening the store', async () => {
  const store = new MemoryStore();
  const first = new AlertService(store, new Recorder(), logger);
  first.open();
  await api(first).createHandler('ops', { id: 'h', kind: 'rec' });
  first.collect(event('ops', 'disk', WARNING, 5));
  await first.flush();
  const second = new AlertService(store, new Recorder(), logger);
  second.open();
  assert.equal(api(second).topic('ops').level(), WARNING);
  assert.equal(api(second).event('ops', 'disk').time, 5_000_000_000n);
  assert.deepEqual(
    api(second)
      .handlers('ops')
      .map((h) => h.id),
    ['h'],
  );
  await second.deleteTopic('ops');
  const third = new AlertService(store, new Recorder(), logger);
  third.open();
  assert.throws(() => api(third).topic('ops'), /does not exist/);
});

test('publish handlers forward events to other topics; failures never throw', async () => {
  const factory = new Recorder();
  const alerts = new AlertService(new MemoryStore(), factory, logger);
  alerts.open();
  await api(alerts).createHandler('src', { id: 'p', kind: 'publish', options: { topics: ['dst'] } });
  await api(alerts).createHandler('dst', { id: 'r', kind: 'rec' });
  factory.failing = true;
  alerts.collect(event('src', 'x', CRITICAL, 1));
  await settle();
  assert.equal(api(alerts).topic('dst').level(), CRITICAL);
  assert.equal(alerts.handlerStats()['rec']!.errors, 1);
});

test('handler spec validation', async () => {
  const alerts = new AlertService(new MemoryStore(), new Recorder(), logger);
  await assert.rejects(api(alerts).createHandler('t', { kind: 'rec' }), /must provide handler ID/);
  await assert.rejects(api(alerts).createHandler('t', { id: 'x' }), /must provide handler kind/);
  await assert.rejects(api(alerts).createHandler('t', { id: 'x', kind: 'bad' }), /unsupported handler kind/);
  await assert.rejects(api(alerts).createHandler('t', { id: 'x', kind: 'rec', match: 'level( ==' }), /invalid match/);
  await api(alerts).createHandler('t', { id: 'x', kind: 'rec' });
  await assert.rejects(api(alerts).createHandler('t', { id: 'x', kind: 'rec' }), /already exists/);
  const replaced = await api(alerts).replaceHandler('t', 'x', { id: 'y', kind: 'rec' });
  assert.equal(replaced.id, 'y');
  assert.deepEqual(
    api(alerts)
      .handlers('t')
      .map((h) => h.id),
    ['y'],
  );
});

test('services configured global receive every alert of alert nodes (or only changes)', async () => {
  const factory = new Recorder();
  const globals = [
    { key: 'slack:w', kind: 'slack', options: { workspace: 'w' }, stateChangesOnly: false },
    { key: 'email', kind: 'email', options: {}, stateChangesOnly: true },
  ];
  const alerts = new AlertService(new MemoryStore(), factory, logger, () => globals);
  alerts.open();
  alerts.collect(event('main:task:alert2', 'cpu', CRITICAL, 1));
  alerts.collect(event('main:task:alert2', 'cpu', CRITICAL, 2));
  alerts.collect(event('named', 'cpu', CRITICAL, 2));
  await settle();
  assert.deepEqual(
    factory.received.map((r) => r.kind),
    ['slack', 'email', 'slack'],
  );
  assert.deepEqual(factory.received[0]!.options, { workspace: 'w' });
});

test('a backlogged concurrent handler keeps the order of each alert id', async () => {
  const { HandlerQueue } = await import('../../src/alert/handler.js');
  const seen: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const queue = new HandlerQueue(
    'post',
    {
      concurrency: 4,
      handle: async (e) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
        seen.push(`${e.id}:${e.state.time}`);
        inFlight--;
      },
    },
    logger,
  );
  for (let i = 0; i < 600; i++) queue.push(event('t', `id${i % 5}`, CRITICAL, i));
  await queue.idle();
  assert.equal(seen.length, 600);
  assert.ok(maxInFlight > 1, 'backlog sent concurrently');
  for (let id = 0; id < 5; id++) {
    const times = seen.filter((s) => s.startsWith(`id${id}:`)).map((s) => BigInt(s.split(':')[1]!));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => (a < b ? -1 : 1)),
      `order of id${id}`,
    );
  }
});

test('aggregate handlers publish one summary event per interval to their topic', async () => {
  const alerts = new AlertService(new MemoryStore(), new Recorder(), logger);
  alerts.open();
  await api(alerts).createHandler('noisy', { id: 'agg', kind: 'aggregate', options: { interval: '50ms', topic: 'summary' } });
  alerts.collect(event('noisy', 'a', WARNING, 1));
  alerts.collect(event('noisy', 'b', CRITICAL, 2));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const summary = api(alerts).events('summary', OK);
  assert.equal(summary.length, 1);
  assert.equal(summary[0]!.id, 'aggregate:noisy');
  assert.equal(summary[0]!.state.level, CRITICAL);
  assert.equal(summary[0]!.state.message, 'Received 2 events in the last 50ms.');
  await alerts.deleteTopic('noisy');
  await assert.rejects(api(alerts).createHandler('x', { id: 'agg', kind: 'aggregate', options: { topic: 'y' } }), /interval must be positive/);
});

test('with persist-topics off, event states are not kept but handler specs are', async () => {
  const store = new MemoryStore();
  const first = new AlertService(store, new Recorder(), logger, () => [], { persistTopics: false, bufferLength: 10 });
  first.open();
  await api(first).createHandler('ops', { id: 'h', kind: 'rec' });
  first.collect(event('ops', 'disk', WARNING, 5));
  await first.flush();
  const second = new AlertService(store, new Recorder(), logger);
  second.open();
  assert.deepEqual(api(second).events('ops', OK), []);
  assert.deepEqual(
    api(second)
      .handlers('ops')
      .map((h) => h.id),
    ['h'],
  );
});

test('a full handler queue drops and counts events instead of waiting', async () => {
  const { HandlerQueue } = await import('../../src/alert/handler.js');
  let release: () => void = () => undefined;
  const blocked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const queue = new HandlerQueue('slow', { handle: () => blocked }, logger, 3);
  for (let i = 0; i < 10; i++) queue.push(event('t', 'x', CRITICAL, i));
  await settle();
  assert.equal(queue.stats.dropped, 7, 'three queued, the rest dropped');
  release();
  await queue.idle();
  assert.equal(queue.stats.sent, 3);
});

test('a handler queue keeps no reference to the events it handed over, while more wait', async () => {
  const { HandlerQueue } = await import('../../src/alert/handler.js');
  const releases: Array<() => void> = [];
  const batches: AlertEvent[][] = [];
  const queue = new HandlerQueue(
    'batching',
    {
      handle: () => undefined,
      handleBatch: (events) => {
        batches.push(events);
        return new Promise<void>((resolve) => releases.push(resolve));
      },
    },
    logger,
  );
  const pending = () => (queue as unknown as { pending: Array<AlertEvent | undefined> }).pending;
  const first = [event('t', 'a', CRITICAL, 1), event('t', 'b', CRITICAL, 2)];
  for (const e of first) queue.push(e);
  await settle();
  assert.deepEqual(batches, [first]);
  queue.push(event('t', 'c', CRITICAL, 3));
  for (const e of first) assert.ok(!pending().includes(e), `${e.id} is no longer held by the queue`);
  releases.shift()!();
  await settle();
  assert.deepEqual(
    batches[1]!.map((e) => e.id),
    ['c'],
  );
  releases.shift()!();
  await queue.idle();
  assert.equal(queue.stats.sent, 3);
});

test('alert data JSON escapes HTML characters in strings as encoding/json does (alert.Data)', () => {
  const e = newEvent({
    topic: 't',
    id: 'a&b',
    state: { message: 'v > 10 & <x>', details: '<p>', time: 1_000_000_000n, duration: 0n, level: CRITICAL },
    recoverable: true,
    series: [{ name: 'm<', tags: { h: '>' }, columns: ['time', 's'], values: [['1970-01-01T00:00:01Z', 'a&b\u2028']] }],
    taskName: 'task',
    name: 'm<',
    group: '',
    tags: { h: '>' },
    fields: { s: 'a&b' },
    category: '',
  });
  assert.equal(
    alertDataJSON(e),
    '{"id":"a\\u0026b","message":"v \\u003e 10 \\u0026 \\u003cx\\u003e","details":"\\u003cp\\u003e",' +
      '"time":"1970-01-01T00:00:01Z","duration":0,"level":"CRITICAL","data":{"series":[{"name":"m\\u003c","tags":{"h":"\\u003e"},' +
      '"columns":["time","s"],"values":[["1970-01-01T00:00:01Z","a\\u0026b\\u2028"]]}]},"previousLevel":"OK","recoverable":true}',
  );
});
