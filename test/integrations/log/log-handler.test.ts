import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { alertDataJSON, newEvent, type AlertEvent } from '../../../src/alert/event.js';
import { CRITICAL, WARNING } from '../../../src/alert/levels.js';
import { LogHandler } from '../../../src/integrations/log/handler.js';

const dir = mkdtempSync(join(tmpdir(), 'log-handler-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function event(id: string, seconds: number, details: string): AlertEvent {
  return newEvent({
    topic: 'main:task:alert2',
    id,
    state: { message: `${id} <is> & high`, details, time: BigInt(seconds) * 1_000_000_000n, duration: 0n, level: seconds % 2 === 0 ? CRITICAL : WARNING },
    recoverable: true,
    series: [{ name: 'cpu', tags: { host: id }, columns: ['time', 'value'], values: [['1970-01-01T00:00:01Z', seconds]] }],
    taskName: 'task',
    name: 'cpu',
    group: `host=${id}`,
    tags: { host: id },
    fields: { value: seconds },
    category: '',
  });
}

test('a batch larger than one chunk is appended whole, one line per event in order, with the file mode asked for', async () => {
  const path = join(dir, 'batch.log');
  const handler = new LogHandler({ path, mode: 0o640 });
  try {
    await handler.handle(event('first', 1, 'single'));
    // About 3 KB per event: the batch spans several chunks.
    const events = Array.from({ length: 200 }, (_, i) => event(`host${i}`, i, 'x&'.repeat(1500)));
    await handler.handleBatch(events);
    const lines = readFileSync(path, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'the file ends with a newline');
    assert.equal(lines.length, 201);
    assert.equal(JSON.parse(lines[0]!).id, 'first');
    assert.deepEqual(
      lines.slice(1).map((line) => JSON.parse(line).id),
      events.map((e) => e.id),
    );
    assert.equal(lines[200], alertDataJSON(events[199]!), 'each line is the alert data JSON');
    assert.equal(statSync(path).mode & 0o777, 0o640);
  } finally {
    await handler.close();
  }
});

test('a batch leaves no text on its events, and uses text another handler already made', async () => {
  const path = join(dir, 'cache.log');
  const handler = new LogHandler({ path });
  try {
    const made = event('made', 2, 'd');
    const text = alertDataJSON(made);
    const fresh = event('fresh', 3, 'd');
    await handler.handleBatch([made, fresh]);
    assert.equal(fresh.dataJSON, undefined);
    assert.equal(readFileSync(path, 'utf8'), `${text}\n${alertDataJSON(fresh)}\n`);
  } finally {
    await handler.close();
  }
});
