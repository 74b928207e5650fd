// Everything a user can create survives kill -9: a template and a task defined from it, a
// finished stream recording, a replay, an alert topic with its events and a topic handler, and a
// config override — same content after a hard kill and restart, enabled tasks executing again
// (with their alert state restored), and the recording still replayable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request, type Reply } from '../support/test-server.js';

const TEMPLATE = [
  'var measurement string',
  'var threshold = 80.0',
  'stream',
  '    |from()',
  '        .measurement(measurement)',
  '    |alert()',
  "        .id('cpu-alert')",
  '        .crit(lambda: "value" > threshold)',
  "        .topic('cpu')",
  '',
].join('\n');

const RECORDED_TASK = "stream\n    |from()\n        .measurement('mem')\n    |httpOut('out')\n";
const DBRPS = [{ db: 'db', rp: 'rp' }];

async function ok(reply: Promise<Reply>, status = 200): Promise<any> {
  const answer = await reply;
  assert.equal(answer.status, status, answer.text);
  return answer.json;
}

/** A task without the fields that change while it runs. */
function stableTask(task: any): any {
  const { stats: _stats, executing: _executing, dot: _dot, ...rest } = task;
  return rest;
}

/** A topic without its in-memory count of collected events (restarts at 0, as in Kapacitor). */
function stableTopic(topic: any): any {
  const { collected: _collected, ...rest } = topic;
  return rest;
}

async function replayFinished(url: string, id: string): Promise<any> {
  return poll(
    async () => (await request(url, 'GET', `/kapacitor/v1/replays/${id}`)).json,
    (replay) => replay?.status !== 'running',
    10000,
  );
}

/** The GET answers that must be the same before and after the restart. */
async function snapshot(url: string): Promise<Record<string, unknown>> {
  const get = async (path: string) => ok(request(url, 'GET', path));
  return {
    template: await get('/kapacitor/v1/templates/cpu_tpl'),
    templateTask: stableTask(await get('/kapacitor/v1/tasks/cpu_alert')),
    recordedTask: stableTask(await get('/kapacitor/v1/tasks/mem_out')),
    recording: await get('/kapacitor/v1/recordings/mem_rec'),
    recordings: await get('/kapacitor/v1/recordings'),
    replay: await get('/kapacitor/v1/replays/mem_replay'),
    topic: stableTopic(await get('/kapacitor/v1/alerts/topics/cpu')),
    topics: (await get('/kapacitor/v1/alerts/topics')).topics.map(stableTopic),
    events: await get('/kapacitor/v1/alerts/topics/cpu/events'),
    handlers: await get('/kapacitor/v1/alerts/topics/cpu/handlers'),
    handler: await get('/kapacitor/v1/alerts/topics/cpu/handlers/log_cpu'),
    smtp: await get('/kapacitor/v1/config/smtp'),
    config: await get('/kapacitor/v1/config'),
  };
}

test('templates, tasks, recordings, replays, topics, handlers and config overrides survive kill -9', { timeout: 90000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-durability-'));
  const port = await freePort();
  try {
    const first = await spawnServer(dataDir, port);
    let before: Record<string, unknown>;
    try {
      const url = first.url;
      await ok(request(url, 'POST', '/kapacitor/v1/templates', { json: { id: 'cpu_tpl', type: 'stream', script: TEMPLATE } }));
      await ok(
        request(url, 'POST', '/kapacitor/v1/tasks', {
          json: {
            id: 'cpu_alert',
            'template-id': 'cpu_tpl',
            dbrps: DBRPS,
            status: 'enabled',
            vars: { measurement: { type: 'string', value: 'cpu' }, threshold: { type: 'float', value: 90 } },
          },
        }),
      );
      await ok(
        request(url, 'POST', '/kapacitor/v1/alerts/topics/cpu/handlers', {
          json: { id: 'log_cpu', kind: 'log', options: { path: join(dataDir, 'alerts.log') } },
        }),
      );
      await ok(
        request(url, 'POST', '/kapacitor/v1/tasks', { json: { id: 'mem_out', type: 'stream', dbrps: DBRPS, script: RECORDED_TASK, status: 'enabled' } }),
      );
      await ok(request(url, 'POST', '/kapacitor/v1/config/smtp/', { json: { set: { enabled: true, host: 'mail.example.com', port: 2525 } } }), 204);
      await ok(request(url, 'POST', '/kapacitor/v1/config/httppost', { json: { add: { endpoint: 'ops', url: 'http://ops.example.com/alert' } } }), 204);
      await ok(request(url, 'POST', '/kapacitor/v1/config/httppost/example', { json: { set: { url: 'http://example.com/changed' } } }), 204);

      // The alert fires (95 > 90, the template default 80 is overridden by the task's vars).
      await ok(request(url, 'POST', '/write?db=db&rp=rp', { body: 'cpu value=50 1000000000\ncpu value=95 2000000000\n' }), 204);
      await poll(
        async () => (await request(url, 'GET', '/kapacitor/v1/alerts/topics/cpu')).json,
        (topic) => topic?.level === 'CRITICAL',
      );

      // A stream recording, finished by a point after its stop time.
      const recording = await ok(
        request(url, 'POST', '/kapacitor/v1/recordings/stream', { json: { id: 'mem_rec', task: 'mem_out', stop: '1970-01-01T00:00:05Z' } }),
        201,
      );
      assert.equal(recording.status, 'running');
      await ok(
        request(url, 'POST', '/write?db=db&rp=rp', { body: 'mem used=1 1000000000\nmem used=2 2000000000\nmem used=3 3000000000\nmem used=9 9000000000\n' }),
        204,
      );
      const finished = await poll(
        async () => (await request(url, 'GET', '/kapacitor/v1/recordings/mem_rec')).json,
        (r) => r?.status !== 'running',
      );
      assert.equal(finished.status, 'finished', JSON.stringify(finished));
      assert.ok(finished.size > 0);

      await ok(
        request(url, 'POST', '/kapacitor/v1/replays', {
          json: { id: 'mem_replay', task: 'mem_out', recording: 'mem_rec', clock: 'fast', 'recording-time': true },
        }),
        201,
      );
      const replay = await replayFinished(url, 'mem_replay');
      assert.equal(replay.status, 'finished', JSON.stringify(replay));

      before = await snapshot(url);
      assert.equal((before.events as any).events.length, 1);
      assert.equal((before.events as any).events[0].state.level, 'CRITICAL');
      assert.equal((before.smtp as any).elements[0].options.host, 'mail.example.com');
      const httppost = (before.config as any).sections.httppost.elements.map((e: any) => [e.options.endpoint, e.options.url]);
      assert.deepEqual(httppost, [
        ['example', 'http://example.com/changed'],
        ['ops', 'http://ops.example.com/alert'],
      ]);
    } finally {
      await killHard(first);
    }

    const second = await spawnServer(dataDir, port);
    try {
      const url = second.url;
      const after = await snapshot(url);
      for (const key of Object.keys(before)) assert.deepEqual(after[key], before[key], key);

      for (const id of ['cpu_alert', 'mem_out']) {
        const task = await ok(request(url, 'GET', `/kapacitor/v1/tasks/${id}`));
        assert.equal(task.executing, true, `${id} executing`);
      }
      // The alert task runs again and remembers it was critical: a low value recovers it.
      await ok(request(url, 'POST', '/write?db=db&rp=rp', { body: 'cpu value=10 3000000000\n' }), 204);
      const recovered = await poll(
        async () => (await request(url, 'GET', '/kapacitor/v1/alerts/topics/cpu/events')).json,
        (e) => e?.events?.[0]?.state.level === 'OK',
      );
      assert.equal(recovered.events.length, 1);
      // ...and the topic handler still handles the topic's events.
      const alertLog = join(dataDir, 'alerts.log');
      const logged = await poll(
        async () =>
          existsSync(alertLog)
            ? readFileSync(alertLog, 'utf8')
                .trim()
                .split('\n')
                .map((line) => JSON.parse(line).level)
            : [],
        (levels) => levels.length >= 2,
      );
      assert.deepEqual(logged, ['CRITICAL', 'OK']);
      await ok(request(url, 'POST', '/write?db=db&rp=rp', { body: 'mem used=4 10000000000\n' }), 204);
      const out = await poll(
        async () => request(url, 'GET', '/kapacitor/v1/tasks/mem_out/out'),
        (reply) => reply.json?.series?.length > 0,
      );
      assert.deepEqual(out.json.series[0].values, [['1970-01-01T00:00:10Z', 4]]);

      // The recording file is still replayable.
      await ok(
        request(url, 'POST', '/kapacitor/v1/replays', {
          json: { id: 'mem_replay_again', task: 'mem_out', recording: 'mem_rec', clock: 'fast', 'recording-time': true },
        }),
        201,
      );
      const again = await replayFinished(url, 'mem_replay_again');
      assert.equal(again.status, 'finished', JSON.stringify(again));
      assert.equal(again.error, '');
      const counts = (replay: any) =>
        Object.fromEntries(Object.entries(replay.stats['node-stats']).map(([node, stats]: [string, any]) => [node, [stats.collected, stats.emitted]]));
      assert.deepEqual(counts(again), counts(before.replay), 'the replay after the restart processes the same points');
      assert.equal(counts(again).from1?.[0], 3, JSON.stringify(again.stats));
    } finally {
      await killHard(second);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
