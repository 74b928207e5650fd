// [opentsdb]: telnet put lines and HTTP /api/put JSON on the same port (and over TLS) reach
// stream tasks of the section database; malformed lines are counted.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { request as httpsRequest } from 'node:https';
import { gzipSync } from 'node:zlib';
import { defaultConfig } from '../../../src/config/index.js';
import { request, type TestServer } from '../../support/test-server.js';
import { outSeries, outTask, row, startWithInputs } from './support.js';

let server: TestServer;
let base: string;
before(async () => {
  const opentsdb = {
    ...defaultConfig().opentsdb,
    enabled: true,
    bindAddress: '127.0.0.1:0',
    database: 'tsdb',
    retentionPolicy: 'autogen',
    batchTimeout: 20,
    logPointErrors: false,
  };
  server = await startWithInputs({ opentsdb });
  base = `http://127.0.0.1:${server.server.listenerAddresses('opentsdb')[0]!.port}`;
});
after(async () => {
  await server.close();
});

test('telnet put lines become points; version is answered; bad lines are counted', async () => {
  await outTask(server, 't_telnet', 'tsdb', 'autogen', 'sys.cpu.user');
  const socket = connect(server.server.listenerAddresses('opentsdb')[0]!.port, '127.0.0.1');
  const answer = new Promise<string>((resolve) => socket.once('data', (data) => resolve(data.toString())));
  socket.write('version\r\n');
  assert.equal(await answer, 'InfluxDB TSDB proxy');
  socket.end(
    'put sys.cpu.user 1356998400 42.5 host=webserver01 cpu=0 bad\nget x\nput sys.cpu.user 12345 1\nput sys.cpu.user 1356998400500 43 host=webserver01 cpu=0\n',
  );
  const series = await outSeries(server, 't_telnet', (s) => s.length > 0 && s[0]!.values[0]![1] === 43);
  assert.deepEqual(series[0]!.tags, { cpu: '0', host: 'webserver01' });
  assert.deepEqual(row(series[0]!), { time: '2013-01-01T00:00:00.5Z', value: 43 });
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  const stat = Object.values(vars.kapacitor as Record<string, { name: string; values: Record<string, number> }>).find((s) => s.name === 'opentsdb')!;
  assert.equal(stat.values.tl_bad_line, 1);
  assert.equal(stat.values.tl_bad_time, 1);
  assert.equal(stat.values.tl_bad_tag, 1);
});

test('HTTP /api/put takes one data point or an array, gzip too', async () => {
  await outTask(server, 't_http', 'tsdb', 'autogen', 'sys.mem');
  const one = await request(base, 'POST', '/api/put', { json: { metric: 'sys.mem', timestamp: 1356998400, value: 1, tags: { host: 'a' } } });
  assert.equal(one.status, 204, one.text);
  const series = await outSeries(server, 't_http');
  assert.deepEqual(row(series[0]!), { time: '2013-01-01T00:00:00Z', value: 1 });
  const many = await request(base, 'POST', '/api/put', {
    body: gzipSync(
      JSON.stringify([
        { metric: 'sys.mem', timestamp: 1356998401000, value: 2, tags: { host: 'a' } },
        { metric: 'sys.mem', timestamp: 1356998402, value: 3, tags: { host: 'a' } },
      ]),
    ),
    headers: { 'Content-Encoding': 'gzip' },
  });
  assert.equal(many.status, 204, many.text);
  const after = await outSeries(server, 't_http', (s) => s[0]!.values[0]![1] === 3);
  assert.deepEqual(row(after[0]!), { time: '2013-01-01T00:00:02Z', value: 3 });
});

test('HTTP answers as the OpenTSDB service does for other requests', async () => {
  assert.equal((await request(base, 'POST', '/api/put', { body: 'x' })).text, 'expected JSON array or hash\n');
  assert.equal((await request(base, 'POST', '/api/put', { body: '[{"metric":' })).status, 400);
  assert.equal((await request(base, 'GET', '/api/put')).status, 405);
  assert.equal((await request(base, 'POST', '/api/metadata/put', { body: '[]' })).status, 204);
  assert.equal((await request(base, 'GET', '/other')).status, 404);
});

test('with tls-enabled, telnet lines and HTTP puts arrive over TLS', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opentsdb-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    writeFileSync(join(dir, 'both.pem'), Buffer.concat([readFileSync(join(dir, 'cert.pem')), readFileSync(join(dir, 'key.pem'))]));
    const opentsdb = {
      ...defaultConfig().opentsdb,
      enabled: true,
      bindAddress: '127.0.0.1:0',
      database: 'tls',
      retentionPolicy: 'autogen',
      tlsEnabled: true,
      certificate: join(dir, 'both.pem'),
      batchTimeout: 20,
    };
    const tlsServer = await startWithInputs({ opentsdb });
    try {
      await outTask(tlsServer, 't_tls', 'tls', 'autogen');
      const socket = tlsConnect({ port: tlsServer.server.listenerAddresses('opentsdb')[0]!.port, host: '127.0.0.1', rejectUnauthorized: false });
      await new Promise((resolve) => socket.once('secureConnect', resolve));
      socket.end('put secure.metric 1356998400 7 host=a\n');
      const series = await outSeries(tlsServer, 't_tls');
      assert.equal(series[0]!.name, 'secure.metric');
      const status = await new Promise<number>((resolve, reject) => {
        const put = httpsRequest(
          { host: '127.0.0.1', port: tlsServer.server.listenerAddresses('opentsdb')[0]!.port, path: '/api/put', method: 'POST', rejectUnauthorized: false },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        put.on('error', reject);
        put.end(JSON.stringify({ metric: 'secure.http', timestamp: 1356998400, value: 8 }));
      });
      assert.equal(status, 204);
      assert.equal((await outSeries(tlsServer, 't_tls', (s) => s[0]!.name === 'secure.http'))[0]!.values[0]![1], 8);
    } finally {
      await tlsServer.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
