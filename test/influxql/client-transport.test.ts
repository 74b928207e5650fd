// The client's transport against local HTTP peers: answers read whole over keep-alive
// connections, failover to the next URL, and the request timeout.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, test } from 'node:test';
import { InfluxDBClient, InfluxDBError } from '../../src/influxql/client.js';

const servers: Server[] = [];
after(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

test('a query answer sent in chunks is read whole, over one kept-alive connection', async () => {
  const sockets = new Set<unknown>();
  const url = await listen(
    createServer((request, response) => {
      sockets.add(request.socket);
      response.writeHead(200, { 'content-type': 'application/json', 'x-influxdb-version': '1.8.10' });
      const text = JSON.stringify({ results: [{ statement_id: 0, series: [{ name: 'cpu', columns: ['time', 'v'], values: [[0, 'é'.repeat(50_000)]] }] }] });
      // Split inside a two-byte character: the text is decoded from the whole answer.
      const bytes = Buffer.from(text);
      response.write(bytes.subarray(0, 1001));
      setTimeout(() => response.end(bytes.subarray(1001)), 5);
    }),
  );
  const client = new InfluxDBClient({ urls: [url] });
  try {
    for (let i = 0; i < 3; i++) {
      const results = await client.query('SELECT v FROM cpu', { db: 'db' });
      assert.equal(results[0]!.series![0]!.values![0]![1], 'é'.repeat(50_000));
    }
    assert.equal(await client.ping(), '1.8.10');
    assert.equal(sockets.size, 1, 'the connection is reused');
  } finally {
    await client.close();
  }
});

test('a refused URL fails over to the next one; none reachable is an InfluxDBError', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const live = await listen(
    createServer((_request, response) => {
      response.writeHead(204, { 'x-influxdb-version': 'v' });
      response.end();
    }),
  );
  const client = new InfluxDBClient({ urls: [deadUrl, live] });
  try {
    assert.equal(await client.ping(), 'v');
  } finally {
    await client.close();
  }
  const none = new InfluxDBClient({ urls: [deadUrl] });
  await assert.rejects(none.ping(), (error: unknown) => error instanceof InfluxDBError && /^failed to reach InfluxDB: .*ECONNREFUSED/.test(error.message));
  await none.close();
});

test('a peer that does not answer within the timeout fails the request', async () => {
  const url = await listen(createServer(() => undefined));
  const client = new InfluxDBClient({ urls: [url], timeoutMs: 100 });
  try {
    const started = Date.now();
    await assert.rejects(client.query('SHOW DATABASES'), /failed to reach InfluxDB: no answer within 100ms/);
    assert.ok(Date.now() - started < 5_000);
  } finally {
    await client.close();
  }
});
