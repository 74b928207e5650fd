// [[influxdb]] token, http-shared-secret and compression as the client sends them, against a
// local HTTP peer that records each request.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { InfluxDBClient, sharedSecretToken } from '../../src/influxql/client.js';

interface Seen {
  headers: IncomingMessage['headers'];
  body: Buffer;
  url: string;
}
const seen: Seen[] = [];
const peer = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    seen.push({ headers: request.headers, body: Buffer.concat(chunks), url: request.url ?? '' });
    response.writeHead(204);
    response.end();
  });
});
let url = '';
before(async () => {
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(peer.address() as { port: number }).port}`;
});
after(() => new Promise<void>((resolve) => peer.close(() => resolve())));

test('token is sent as "Authorization: Token", ahead of a username', async () => {
  const client = new InfluxDBClient({ urls: [url], username: 'u', password: 'p', token: 'tok' });
  await client.write('cpu v=1', { database: 'db' });
  assert.equal(seen.at(-1)!.headers.authorization, 'Token tok');
  await client.close();
});

test('http-shared-secret sends an HS512 JWT with username and expiry as a Bearer token', async () => {
  const client = new InfluxDBClient({ urls: [url], username: 'kap', sharedSecret: 's3cret' });
  await client.write('cpu v=1', { database: 'db' });
  const [header, payload, signature] = String(seen.at(-1)!.headers.authorization)
    .replace(/^Bearer /, '')
    .split('.');
  assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), { alg: 'HS512', typ: 'JWT' });
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  assert.equal(claims.username, 'kap');
  assert.ok(claims.exp > Date.now() / 1000);
  assert.equal(signature, createHmac('sha512', 's3cret').update(`${header}.${payload}`).digest('base64url'));
  assert.equal(sharedSecretToken('a', 'b', 0).split('.')[1], Buffer.from('{"exp":600,"username":"a"}').toString('base64url'));
  await client.close();
});

test('compression = "gzip" gzips write bodies; none sends them plain', async () => {
  const gzip = new InfluxDBClient({ urls: [url], compression: 'gzip' });
  await gzip.write('cpu v=1 1', { database: 'db' });
  assert.equal(seen.at(-1)!.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(seen.at(-1)!.body).toString(), 'cpu v=1 1');
  const plain = new InfluxDBClient({ urls: [url], compression: 'none' });
  await plain.write('cpu v=2 1', { database: 'db' });
  assert.equal(seen.at(-1)!.headers['content-encoding'], undefined);
  assert.equal(seen.at(-1)!.body.toString(), 'cpu v=2 1');
  await gzip.close();
  await plain.close();
});
