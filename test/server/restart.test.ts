// Tasks survive kill -9: define three tasks, enable two, kill the process hard, start it
// again on the same data directory: same tasks, same status, the enabled ones executing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { request } from '../support/test-server.js';

const script = (m: string) => `stream\n    |from()\n        .measurement('${m}')\n    |httpOut('out')\n`;

test('tasks, their status and execution survive kill -9', { timeout: 60000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-restart-'));
  const port = await freePort();
  try {
    const first = await spawnServer(dataDir, port);
    const statuses: Record<string, string> = { alpha: 'enabled', beta: 'disabled', gamma: 'enabled' };
    for (const [id, status] of Object.entries(statuses)) {
      const reply = await request(first.url, 'POST', '/kapacitor/v1/tasks', {
        json: { id, type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: script(id), status },
      });
      assert.equal(reply.status, 200, reply.text);
    }
    const before = (await request(first.url, 'GET', '/kapacitor/v1/tasks?fields=status&fields=script&fields=dbrps&fields=created')).json;
    await killHard(first);

    const second = await spawnServer(dataDir, port);
    try {
      const after = (await request(second.url, 'GET', '/kapacitor/v1/tasks?fields=status&fields=script&fields=dbrps&fields=created')).json;
      assert.deepEqual(after, before);
      for (const [id, status] of Object.entries(statuses)) {
        const task = (await request(second.url, 'GET', `/kapacitor/v1/tasks/${id}`)).json;
        assert.equal(task.executing, status === 'enabled', `${id} executing`);
      }
      await request(second.url, 'POST', '/write?db=db&rp=rp', { body: 'alpha value=1 1000000000\n' });
      const out = await request(second.url, 'GET', '/kapacitor/v1/tasks/alpha/out');
      assert.equal(out.status, 200);
    } finally {
      await killHard(second);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
