// One alert id too long for a store key (from a tag value) in the same alert-state batch as
// other alerts' changes: after kill -9 right after the batch, every alert comes back with the
// state it had, the long one included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request } from '../support/test-server.js';

const SCRIPT = [
  'stream',
  '    |from()',
  "        .measurement('m')",
  "        .groupBy('id')",
  '    |alert()',
  '        .id(\'{{ index .Tags "id" }}\')',
  '        .crit(lambda: "v" > 10)',
  "        .topic('t')",
  '',
].join('\n');

const LONG_ID = 'L'.repeat(2500);

async function levels(url: string): Promise<Record<string, string>> {
  const reply = await request(url, 'GET', '/kapacitor/v1/alerts/topics/t/events');
  const found: Record<string, string> = {};
  for (const event of reply.json?.events ?? []) found[event.id.length > 100 ? 'long' : event.id] = event.state.level;
  return found;
}

test("a long alert id never drops other alerts' state, across kill -9", { timeout: 90_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-longid-'));
  const port = await freePort();
  try {
    const first = await spawnServer(dataDir, port);
    try {
      const task = await request(first.url, 'POST', '/kapacitor/v1/tasks', {
        json: { id: 'a', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: SCRIPT, status: 'enabled' },
      });
      assert.equal(task.status, 200, task.text);
      assert.equal((await request(first.url, 'POST', '/write?db=db&rp=rp', { body: 'm,id=a v=50 1000000000\nm,id=b v=50 1000000000\n' })).status, 204);
      await poll(
        () => levels(first.url),
        (found) => found.a === 'CRITICAL' && found.b === 'CRITICAL',
      );
      // One write, one batch: b recovers, c and the long id fire.
      const batch = `m,id=b v=1 2000000000\nm,id=c v=50 2000000000\nm,id=${LONG_ID} v=50 2000000000\n`;
      assert.equal((await request(first.url, 'POST', '/write?db=db&rp=rp', { body: batch })).status, 204);
      await poll(
        () => levels(first.url),
        (found) => found.b === 'OK' && found.c === 'CRITICAL' && found.long === 'CRITICAL',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await killHard(first);
    }
    const second = await spawnServer(dataDir, port);
    try {
      assert.deepEqual(await levels(second.url), { a: 'CRITICAL', b: 'OK', c: 'CRITICAL', long: 'CRITICAL' });
    } finally {
      await killHard(second);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
