// HTTP-level tests of POST /kapacitor/v1/loglevel and GET /kapacitor/v1/storage/backup.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, LevelControl } from '../../src/logging/logger.js';
import { LmdbStore } from '../../src/storage/lmdb-store.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

const lines: string[] = [];
const levels = new LevelControl('INFO');
let server: TestServer;
before(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ file: 'STDERR', level: 'INFO' }, { destination: sink, levelControl: levels });
  server = await startTestServer({ logLevel: levels }, logger.child({ service: 'probe' }));
});
after(async () => {
  await server.close();
});

test('the log level changes at run time, for loggers made before the change too', async () => {
  const probe = createLogger(
    { file: 'STDERR', level: 'INFO' },
    {
      destination: new Writable({
        write(chunk, _e, done) {
          lines.push(String(chunk));
          done();
        },
      }),
      levelControl: levels,
    },
  ).child({ task: 't' });
  probe.debug('hidden');
  const reply = await request(server.url, 'POST', '/kapacitor/v1/loglevel', { json: { level: 'debug' } });
  assert.equal(reply.status, 204, reply.text);
  probe.debug('shown');
  const error = await request(server.url, 'POST', '/kapacitor/v1/loglevel', { json: { level: 'loud' } });
  assert.equal(error.status, 400);
  assert.match(error.json.error, /log level/);
  await request(server.url, 'POST', '/kapacitor/v1/loglevel', { json: { level: 'ERROR' } });
  probe.warn('dropped');
  assert.ok(lines.some((line) => line.includes('"shown"')));
  assert.ok(!lines.some((line) => line.includes('"hidden"') || line.includes('"dropped"')));
});

test('a backup is a database file holding the stored tasks', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'kept', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: "stream\n    |from()\n        .measurement('m')\n" },
  });
  assert.equal(created.status, 200, created.text);
  const response = await fetch(`${server.url}/kapacitor/v1/storage/backup`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/octet-stream');
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.ok(bytes.length > 0);
  const dir = mkdtempSync(join(tmpdir(), 'kapacitor-restore-'));
  try {
    const path = join(dir, 'kapacitor.db');
    writeFileSync(path, bytes);
    const restored = new LmdbStore(path);
    const keys = restored.list('tasks').map((entry) => entry.key);
    await restored.close();
    assert.ok(keys.includes('kept'), `restored keys: ${keys.join(',')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
