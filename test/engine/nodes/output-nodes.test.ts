// httpOut, httpPost (real local HTTP server), kapacitorLoopback, log, trickle, sideload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { TaskMaster } from '../../../src/engine/task-master.js';
import { run, sec, silent } from '../harness.js';

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('httpOut keeps the latest message per group, in first-seen order', () => {
  const t = run(`stream|from().measurement('m').groupBy('g')|httpOut('out')`);
  t.write('m,g=b v=1 1\nm,g=a v=2 2\nm,g=b v=3 3');
  assert.deepEqual(
    t.result().series!.map((s) => [s.tags, s.values]),
    [
      [{ g: 'b' }, [[sec(3), 3]]],
      [{ g: 'a' }, [[sec(2), 2]]],
    ],
  );
  assert.equal(t.master.httpOutResult('test', 'nope'), undefined);
});

test('httpPost posts JSON rows with headers, without holding up the pipeline; codeField records the status', async () => {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let status = 200;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = status++;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
  try {
    const t = run(`stream|from().measurement('m')|httpPost('${url}').header('k', 'v').codeField('code')|httpOut('out')`);
    t.write('m,h=a v=1i 1\nm,h=a v=2i 2');
    assert.deepEqual(t.result(), { series: null });
    await until(() => received.length === 2 && t.result().series !== null && t.values()[0]![0] === sec(2));
    assert.equal(received[0]!.headers.k, 'v');
    assert.deepEqual(JSON.parse(received[0]!.body), { series: [{ name: 'm', tags: { h: 'a' }, columns: ['time', 'v'], values: [[sec(1), 1]] }] });
    assert.deepEqual(t.values(), [[sec(2), 201n, 2n]]);
    await until(() => t.stats().nodes.http_post2!.counters.sent === 2);
    assert.equal(t.stats().nodes.http_post2!.counters.dropped, 0);
    t.stop();
  } finally {
    server.close();
  }
});

test('httpPost endpoints come from the configured [[httppost]] sections', async () => {
  const master = new TaskMaster({
    logger: silent,
    services: { httpPostEndpoint: (name) => (name === 'e' ? { url: 'http://127.0.0.1:1/none', headers: {} } : undefined) },
  });
  const t = run(`stream|from()|httpPost().endpoint('e')`, { master });
  t.write('m v=1 1');
  await until(() => t.stats().nodes.http_post2!.counters.errors === 1);
  t.stop();
});

test('httpPost headers: endpoint, then JSON Content-Type, then .header(); a row template sends no Content-Type; non-2xx counts an error (http_post.go postRow, doPost)', async () => {
  const received: Array<IncomingMessage['headers']> = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers);
      res.statusCode = 500;
      res.end('bad');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
  try {
    const endpoints: Record<string, { url: string; headers: Record<string, string>; rowTemplate?: string }> = {
      json: { url, headers: { 'content-type': 'text/csv', 'X-A': 'endpoint', 'X-B': 'endpoint' } },
      tmpl: { url, headers: {}, rowTemplate: '{{ .Name }}' },
    };
    const master = new TaskMaster({ logger: silent, services: { httpPostEndpoint: (name) => endpoints[name] } });
    const t = run(`stream|from().measurement('a')|httpPost().endpoint('json').header('x-b', 'node').codeField('code')|httpOut('out')`, { master, id: 'json' });
    t.write('a v=1 1');
    await until(() => received.length === 1 && t.result().series !== null);
    assert.deepEqual([received[0]!['content-type'], received[0]!['x-a'], received[0]!['x-b']], ['application/json', 'endpoint', 'node']);
    // The status goes into the code field and the non-2xx answer still counts as an error.
    assert.equal(t.values()[0]![1], 500n);
    assert.equal(t.stats().nodes.http_post2!.counters.errors, 1);
    const u = run(`stream|from().measurement('b')|httpPost().endpoint('tmpl')`, { master, id: 'tmpl' });
    u.write('b v=1 1');
    await until(() => received.length === 2);
    assert.equal(received[1]!['content-type'], undefined);
    t.stop();
    u.stop();
  } finally {
    server.close();
  }
});

test('kapacitorLoopback writes points back into the engine', async () => {
  const master = new TaskMaster({ logger: silent });
  run(
    `stream|from().measurement('m')|eval(lambda: "v" * 2.0).as('v')|kapacitorLoopback().database('db').retentionPolicy('rp').measurement('back').tag('from', 'loop')`,
    { master, id: 'loop' },
  );
  const out = run(`stream|from().measurement('back')|httpOut('out')`, { master, id: 'out' });
  out.write('m v=2 1');
  await until(() => out.result().series !== null);
  assert.deepEqual(out.result().series, [{ name: 'back', tags: { from: 'loop' }, columns: ['time', 'v'], values: [[sec(1), 4]] }]);
});

test('log logs every point at the chosen level and passes it on', () => {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  );
  const master = new TaskMaster({ logger });
  const t = run(`stream|from()|log().level('WARN').prefix('P')|httpOut('out')`, { master });
  t.write('m v=1i 1');
  const record = lines.map((l) => JSON.parse(l)).find((r) => r.prefix === 'P');
  assert.equal(record.level, 40);
  assert.deepEqual(record.point.values, [[sec(1), 1]]);
  assert.deepEqual(t.values(), [[sec(1), 1n]]);
});

test('trickle turns a batch back into points', () => {
  const t = run(`stream|from().measurement('m')|window().period(10s).every(10s)|trickle()|count('v')|httpOut('out')`);
  t.write('m v=1 0\nm v=2 0\nm v=3 1\nm v=0 10');
  // points 0,0 form one stream batch, reduced when the point at 1 arrives
  assert.deepEqual(t.values(), [[sec(0), 2n]]);
});

test('sideload adds fields and tags from JSON and YAML files found through the order templates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sideload-'));
  mkdirSync(join(dir, 'host'));
  writeFileSync(join(dir, 'host', 'a.json'), JSON.stringify({ weight: 3, team: 'red' }));
  writeFileSync(join(dir, 'host', 'b.yml'), 'weight: 4.5\n');
  writeFileSync(join(dir, 'all.yml'), 'team: blue\n');
  const t = run(
    `stream|from().measurement('m').groupBy('host')|sideload().source('file://${dir}').order('host/{{.host}}.json', 'host/{{.host}}.yml', 'all.yml').field('weight', 0.0).tag('team', 'none')|httpOut('out')`,
  );
  t.write('m,host=a v=1 1\nm,host=b v=1 1\nm,host=c v=1 1');
  assert.deepEqual(
    t.result().series!.map((s) => [s.tags, s.values[0]![2]]),
    [
      [{ host: 'a', team: 'red' }, 3],
      [{ host: 'b', team: 'blue' }, 4.5],
      [{ host: 'c', team: 'blue' }, 0],
    ],
  );
});
