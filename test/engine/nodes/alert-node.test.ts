// alert(): levels and resets, stateChangesOnly (with interval), flapping, noRecoveries, batch
// all(), inhibit, templates, the decorations it forwards, counters, restoring kept state.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertService, type HandlerFactory } from '../../../src/alert/alert-service.js';
import { TopicsApi } from '../../../src/alert/topics-api.js';
import type { AlertEvent } from '../../../src/alert/event.js';
import { levelName } from '../../../src/alert/levels.js';
import { MemoryStore } from '../../../src/storage/memory-store.js';
import { run as runTask, silent } from '../harness.js';

/** The topics API over a topic runtime (stateless: one per call is fine). */
const api = (runtime: AlertService): TopicsApi => new TopicsApi(runtime);

function services(store = new MemoryStore()) {
  const factory: HandlerFactory = { create: () => ({ handle: () => undefined }) };
  const alerts = new AlertService(store, factory, silent);
  alerts.open();
  const events: AlertEvent[] = [];
  const original = alerts.collect.bind(alerts);
  alerts.collect = (event, inhibited) => {
    original(event, inhibited);
    if (!event.topic.startsWith('main:')) return;
    events.push(event);
  };
  return { alerts, events, store, engine: { alerts, serverInfo: { hostname: 'h', clusterId: 'c', serverId: 's' } } };
}

/** Runs a script whose alert nodes get a (stubbed) handler, so they publish to their anonymous topic. */
function run(script: string, options: Parameters<typeof runTask>[1]) {
  return runTask(script.replace(/\|alert\(\)/g, "|alert().log('/dev/null')"), options);
}

const summary = (events: AlertEvent[]) =>
  events.map((e) => `${levelName(e.state.level)}<${levelName(e.previousLevel)}@${Number(e.state.time / 1_000_000_000n)}`);

test('levels, stateChangesOnly and the forwarded decorations', () => {
  const s = services();
  const t = run(
    `stream|from().measurement('m')|alert()
      .warn(lambda: "v" > 5).crit(lambda: "v" > 8)
      .stateChangesOnly()
      .levelTag('lvl').idField('aid').messageField('msg').durationField('dur')
      |httpOut('out')`,
    { services: s.engine },
  );
  t.write(['m v=1 0', 'm v=6 1', 'm v=7 2', 'm v=9 3', 'm v=2 4', 'm v=1 5'].join('\n'));
  assert.deepEqual(summary(s.events), ['WARNING<OK@1', 'CRITICAL<WARNING@3', 'OK<CRITICAL@4']);
  assert.equal(s.events[0]!.id, 'm:nil');
  assert.equal(s.events[2]!.state.duration, 3_000_000_000n);
  const result = t.result();
  const series = result.series![0]!;
  assert.deepEqual(series.tags, { lvl: 'OK' });
  const row = series.values[0]!;
  assert.equal(row[series.columns.indexOf('aid')], 'm:nil');
  assert.equal(row[series.columns.indexOf('msg')], 'm:nil is OK');
  assert.equal(row[series.columns.indexOf('dur')], 3_000_000_000n);
  const counters = t.stats().nodes['alert2']!.counters;
  assert.deepEqual([counters['alerts_triggered'], counters['warns_triggered'], counters['crits_triggered'], counters['oks_triggered']], [3, 1, 1, 1]);
});

test('stateChangesOnly with an interval repeats an unchanged level once the interval passed', () => {
  const s = services();
  run(`stream|from().measurement('m')|alert().crit(lambda: "v" > 8).stateChangesOnly(5s)`, { services: s.engine }).write(
    ['m v=9 0', 'm v=9 2', 'm v=9 5', 'm v=9 7', 'm v=9 10'].join('\n'),
  );
  assert.deepEqual(summary(s.events), ['CRITICAL<OK@0', 'CRITICAL<CRITICAL@5', 'CRITICAL<CRITICAL@10']);
});

test('flapping alerts are suppressed until they settle', () => {
  const s = services();
  const lines = [9, 1, 9, 1, 9, 1, 9, 1, 9, 9, 9, 9, 9, 9, 9, 9].map((v, i) => `m v=${v} ${i}`);
  run(`stream|from().measurement('m')|alert().crit(lambda: "v" > 8).history(6).flapping(0.25, 0.5)`, { services: s.engine }).write(lines.join('\n'));
  const times = s.events.map((e) => Number(e.state.time / 1_000_000_000n));
  assert.ok(times.length < lines.length, `fewer events than points: ${times.join(',')}`);
  assert.deepEqual(times.slice(0, 2), [0, 1], 'not flapping yet at the start');
  assert.ok(
    times.slice(2).every((time) => time > 8),
    `suppressed while flapping: ${times.join(',')}`,
  );
  assert.equal(times[times.length - 1], 15, 'events resume once the level settles');
});

test('noRecoveries drops OK events and marks events not recoverable', () => {
  const s = services();
  run(`stream|from().measurement('m')|alert().warn(lambda: "v" > 5).noRecoveries()`, { services: s.engine }).write(
    ['m v=6 0', 'm v=1 1', 'm v=7 2'].join('\n'),
  );
  assert.deepEqual(summary(s.events), ['WARNING<OK@0', 'WARNING<WARNING@2']);
  assert.ok(s.events.every((e) => !e.recoverable));
});

test('id, message and details templates per group', () => {
  const s = services();
  run(
    `stream|from().measurement('cpu').groupBy('host')|alert()
      .id('{{ .TaskName }}/{{ .Name }}/{{ index .Tags "host" }}')
      .message('{{ .ID }}: {{ .Level }} at {{ index .Fields "v" | printf "%.1f" }} after {{ .Duration }}')
      .details('{{ .Message }} {{ "&" }} more')
      .crit(lambda: "v" > 8)`,
    { services: s.engine },
  ).write(['cpu,host=a v=9 0', 'cpu,host=b v=9.5 1', 'cpu,host=a v=1 3'].join('\n'));
  assert.deepEqual(
    s.events.map((e) => e.state.message),
    ['test/cpu/a: CRITICAL at 9.0 after 0s', 'test/cpu/b: CRITICAL at 9.5 after 0s', 'test/cpu/a: OK at 1.0 after 3s'],
  );
  assert.equal(s.events[0]!.state.details, 'test/cpu/a: CRITICAL at 9.0 after 0s &amp; more');
});

test('default details are the template data as HTML-escaped JSON', () => {
  const s = services();
  run(`stream|from().measurement('cpu')|alert().crit(lambda: "v" > 8)`, { services: s.engine }).write('cpu v=9 0');
  const details = s.events[0]!.state.details.replace(/&#34;/g, '"');
  const parsed = JSON.parse(details);
  assert.deepEqual(Object.keys(parsed), ['Name', 'TaskName', 'Group', 'Tags', 'ServerInfo', 'ID', 'Fields', 'Level', 'Time', 'Duration', 'Message']);
  assert.deepEqual(parsed.ServerInfo, { Hostname: 'h', ClusterID: 'c', ServerID: 's' });
  assert.equal(parsed.Time, '1970-01-01T00:00:00Z');
});

test('batch alerts: the highest level, or with all() only a level every point reaches', () => {
  const s = services();
  run(`stream|from().measurement('m')|window().period(3s).every(3s)|alert().warn(lambda: "v" > 5).crit(lambda: "v" > 8)`, { services: s.engine }).write(
    ['m v=1 0', 'm v=9 1', 'm v=6 2', 'm v=1 3'].join('\n'),
  );
  assert.deepEqual(summary(s.events), ['CRITICAL<OK@1']);
  assert.equal(s.events[0]!.series[0]!.values.length, 3);
  const all = services();
  run(`stream|from().measurement('m')|window().period(3s).every(3s)|alert().warn(lambda: "v" > 5).crit(lambda: "v" > 8).all()`, { services: all.engine }).write(
    ['m v=6 0', 'm v=9 1', 'm v=7 2', 'm v=1 3'].join('\n'),
  );
  assert.deepEqual(
    summary(all.events).map((x) => x.split('@')[0]),
    ['WARNING<OK'],
  );
});

test('inhibit keeps an inhibited category away from handlers while the inhibitor is not OK', () => {
  const s = services();
  run(`stream|from().measurement('host_down').groupBy('host')|alert().category('node').inhibit('service', 'host').crit(lambda: "down" == TRUE)`, {
    services: s.engine,
    id: 'inhibitor',
    master: undefined,
  }).write('host_down,host=a down=true 0');
  const service = run(`stream|from().measurement('svc').groupBy('host')|alert().category('service').crit(lambda: "v" > 8)`, { services: s.engine, id: 'svc' });
  service.write(['svc,host=a v=9 1', 'svc,host=b v=9 1'].join('\n'));
  assert.equal(service.stats().nodes['alert2']!.counters['alerts_inhibited'], 1);
});

test('an inhibited event only counts alerts_inhibited and reaches no topic; a recovery kept back by noRecoveries still lifts the inhibition (alert.go handleEvent, triggered)', () => {
  const s = services();
  const inhibitor = run(
    `stream|from().measurement('host_down').groupBy('host')|alert().category('node').inhibit('service', 'host').noRecoveries().crit(lambda: "down" == TRUE)`,
    { services: s.engine, id: 'inhibitor' },
  );
  inhibitor.write('host_down,host=a down=true 0');
  const service = run(`stream|from().measurement('svc').groupBy('host')|alert().category('service').crit(lambda: "v" > 8)`, { services: s.engine, id: 'svc' });
  service.write('svc,host=a v=9 1');
  const counters = () => service.stats().nodes['alert2']!.counters;
  assert.deepEqual([counters()['alerts_inhibited'], counters()['alerts_triggered'], counters()['crits_triggered']], [1, 0, 0]);
  assert.equal(s.events.filter((e) => e.topic === 'main:svc:alert2').length, 0);
  // host a recovers: no recovery event is sent, but the inhibition ends.
  inhibitor.write('host_down,host=a down=false 2');
  assert.equal(inhibitor.stats().nodes['alert2']!.counters['oks_triggered'], 0);
  service.write('svc,host=a v=10 3');
  assert.deepEqual([counters()['alerts_inhibited'], counters()['alerts_triggered'], counters()['crits_triggered']], [1, 1, 1]);
});

test('a restarted task continues the level kept in its topic', async () => {
  const store = new MemoryStore();
  const first = services(store);
  const t = run(`stream|from().measurement('m')|alert().crit(lambda: "v" > 8)`, { services: first.engine });
  t.write('m v=9 10');
  t.stop();
  await first.alerts.flush();
  const second = services(store);
  run(`stream|from().measurement('m')|alert().crit(lambda: "v" > 8)`, { services: second.engine }).write(['m v=9 12', 'm v=1 15'].join('\n'));
  assert.deepEqual(summary(second.events), ['CRITICAL<CRITICAL@12', 'OK<CRITICAL@15']);
  assert.equal(second.events[1]!.state.duration, 5_000_000_000n);
});

test('after a restart the duration counts from the kept event, not from when the alert began (alert.go restoreEventState)', async () => {
  const store = new MemoryStore();
  const first = services(store);
  const t = run(`stream|from().measurement('m')|alert().crit(lambda: "v" > 8)`, { services: first.engine });
  t.write(['m v=9 10', 'm v=9 11'].join('\n'));
  t.stop();
  await first.alerts.flush();
  const second = services(store);
  run(`stream|from().measurement('m')|alert().crit(lambda: "v" > 8)`, { services: second.engine }).write(['m v=9 12', 'm v=1 15'].join('\n'));
  assert.deepEqual(
    second.events.map((e) => e.state.duration),
    [1_000_000_000n, 4_000_000_000n],
  );
});

test('a restored non-OK level sets its inhibitors again, also when no event is sent (alert.go restoreEventState, triggered)', async () => {
  const store = new MemoryStore();
  const script = `stream|from().measurement('host_down').groupBy('host')|alert().category('node').inhibit('service', 'host').stateChangesOnly().crit(lambda: "down" == TRUE)`;
  const first = services(store);
  const before = run(script, { services: first.engine, id: 'inhibitor' });
  before.write('host_down,host=a down=true 0');
  before.stop();
  await first.alerts.flush();
  const second = services(store);
  const inhibitor = run(script, { services: second.engine, id: 'inhibitor' });
  inhibitor.write('host_down,host=a down=true 5');
  assert.equal(inhibitor.stats().nodes['alert2']!.counters['alerts_triggered'], 0, 'no state change, no event');
  const service = run(`stream|from().measurement('svc').groupBy('host')|alert().category('service').crit(lambda: "v" > 8)`, {
    services: second.engine,
    id: 'svc',
  });
  service.write(['svc,host=a v=9 6', 'svc,host=b v=9 6'].join('\n'));
  assert.deepEqual([service.stats().nodes['alert2']!.counters['alerts_inhibited'], service.stats().nodes['alert2']!.counters['alerts_triggered']], [1, 1]);
});

test('an alert node without handlers publishes only to its named topic', () => {
  const s = services();
  runTask(`stream|from().measurement('m')|alert().crit(lambda: "v" > 8).topic('named')`, { services: s.engine }).write('m v=9 0');
  assert.equal(s.events.length, 0, 'no anonymous topic');
  assert.equal(s.alerts.eventState('named', 'm:nil')?.level, 3);
  assert.throws(() => api(s.alerts).topic('main:test:alert2'), /does not exist/);
});
