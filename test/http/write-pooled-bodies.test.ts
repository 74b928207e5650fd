// Writes read into reused body buffers: many large writes at once, round after round, each
// reach the task whole, with their own lines, whatever other write shared the buffer before.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

const WRITERS = 12;
const LINES = 3000;

/** A body of its own per writer and round: about 150 KB, so it arrives in several chunks. */
function body(writer: number, round: number): string {
  let text = '';
  for (let i = 1; i <= LINES; i++) text += `pooled,writer=w${writer} value=${i}i,round=${round}i,check="w${writer}-r${round}-${i}" ${round * 10_000 + i}\n`;
  return text;
}

/** A stream task over the written points, grouped by writer, ending in the given nodes. */
async function createTask(id: string, tail: string): Promise<void> {
  const script = `stream\n    |from()\n        .measurement('pooled')\n        .groupBy('writer')\n    ${tail}\n`;
  const reply = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id, type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], status: 'enabled', script },
  });
  assert.equal(reply.status, 200, reply.text);
}

test('concurrent large writes over reused buffers each arrive whole', async () => {
  await createTask('pooled', `|window()\n        .period(1000000000s)\n        .every(1000000000s)\n    |count('check')\n    |httpOut('count')`);
  await createTask('pooled-last', `|httpOut('last')`);
  const rounds = 4;
  for (let round = 1; round <= rounds; round++) {
    const replies = await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) => request(server.url, 'POST', '/write?db=db&rp=rp', { body: body(writer, round) })),
    );
    for (const reply of replies) assert.equal(reply.status, 204, reply.text);
  }
  // every writer's last line arrived as written
  const last = await poll(
    async () =>
      (await request(server.url, 'GET', '/kapacitor/v1/tasks/pooled-last/last')).json as { series?: Array<{ tags: { writer: string }; values: unknown[][] }> },
    (j) => (j.series?.length ?? 0) === WRITERS,
  );
  for (const series of last.series!) {
    const writer = series.tags.writer;
    assert.deepEqual(series.values[0]!.slice(1), [`${writer}-r${rounds}-${LINES}`, rounds, LINES]);
  }
  // and no line was lost or doubled: a point far in the future closes every writer's window
  const closing = Array.from({ length: WRITERS }, (_, writer) => `pooled,writer=w${writer} value=0i,round=0i,check="end" 9000000000000000000`).join('\n');
  assert.equal((await request(server.url, 'POST', '/write?db=db&rp=rp', { body: closing })).status, 204);
  const counts = await poll(
    async () => (await request(server.url, 'GET', '/kapacitor/v1/tasks/pooled/count')).json as { series?: Array<{ values: unknown[][] }> },
    (j) => (j.series?.length ?? 0) === WRITERS,
  );
  for (const series of counts.series!) assert.equal(series.values[0]![1], rounds * LINES);
});
