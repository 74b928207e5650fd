// Alert state survives kill -9: a CRITICAL alert seen through the topics API is still
// CRITICAL after a hard kill and restart, and the restarted task continues it (its recovery
// has previousLevel CRITICAL and a duration counted from the first trigger).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request } from '../support/test-server.js';
import { startHttpSink, waitFor } from './peers.js';

test('acknowledged alert state is kept across kill -9', { timeout: 60000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-alert-restart-'));
  const port = await freePort();
  const sink = await startHttpSink();
  const script = `stream
    |from()
        .measurement('disk')
        .groupBy('host')
    |alert()
        .id('disk/{{ index .Tags "host" }}')
        .crit(lambda: "used" > 90)
        .topic('disks')
        .post('${sink.url}')
`;
  try {
    const first = await spawnServer(dataDir, port);
    const created = await request(first.url, 'POST', '/kapacitor/v1/tasks', {
      json: { id: 'disks', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' },
    });
    assert.equal(created.status, 200, created.text);
    const lines = Array.from({ length: 50 }, (_, i) => `disk,host=h${i} used=95 100`);
    await request(first.url, 'POST', '/write?db=db&rp=rp&precision=s', { body: lines.join('\n') });
    const seen = await poll(
      () => request(first.url, 'GET', '/kapacitor/v1/alerts/topics/disks/events?min-level=CRITICAL'),
      (r) => r.json?.events?.length === 50,
    );
    assert.equal(seen.json.events.length, 50);
    await killHard(first);

    const second = await spawnServer(dataDir, port);
    try {
      const topic = await request(second.url, 'GET', '/kapacitor/v1/alerts/topics/disks');
      assert.equal(topic.json.level, 'CRITICAL');
      const events = await request(second.url, 'GET', '/kapacitor/v1/alerts/topics/disks/events?min-level=CRITICAL');
      assert.equal(events.json.events.length, 50);
      const before = sink.requests.length;
      await request(second.url, 'POST', '/write?db=db&rp=rp&precision=s', { body: 'disk,host=h7 used=10 130' });
      await waitFor(() => sink.requests.length > before, 'recovery event');
      const recovery = JSON.parse(sink.requests[sink.requests.length - 1]!.body);
      assert.equal(recovery.id, 'disk/h7');
      assert.equal(recovery.level, 'OK');
      assert.equal(recovery.previousLevel, 'CRITICAL');
      assert.equal(recovery.duration, 30e9);
    } finally {
      await killHard(second);
    }
  } finally {
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
