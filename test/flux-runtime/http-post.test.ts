// http.post runs a script on a run thread: the caller's event loop keeps turning while a slow
// receiver holds the request, map() gets the status code, from() reads and to() writes still
// go through the caller's data source, and failures keep their position.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileScript, runScript } from '../../src/flux-runtime/run.js';
import type { FluxDataSource } from '../../src/flux-runtime/context.js';
import { FluxTime, type FluxRecord } from '../../src/flux-runtime/values.js';
import { FluxError } from '../../src/flux/errors.js';
import type { Point } from '../../src/models/point.js';

const T0 = 1_600_000_020_000_000_000n;
const S = 1_000_000_000n;

interface Receiver {
  server: Server;
  url: string;
  bodies: Array<{ body: string; type?: string }>;
  holding: number;
}

/** Answers 202 each POST after delayMs; `holding` counts requests it is sitting on. */
function slowReceiver(delayMs: number): Promise<Receiver> {
  const receiver = { bodies: [], holding: 0 } as unknown as Receiver;
  receiver.server = createServer((req, res) => {
    let body = '';
    receiver.holding++;
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      receiver.bodies.push({ body, type: req.headers['content-type'] });
      setTimeout(() => {
        receiver.holding--;
        res.statusCode = 202;
        res.end();
      }, delayMs);
    });
  });
  return new Promise((resolve) =>
    receiver.server.listen(0, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
      resolve(receiver);
    }),
  );
}

const source = (written: Point[]): FluxDataSource => ({
  async read(spec) {
    const keyValues: FluxRecord = { _start: new FluxTime(spec.start!), _stop: new FluxTime(spec.stop!), _field: 'usage', _measurement: 'cpu', host: 'a' };
    return [
      {
        key: ['_start', '_stop', '_field', '_measurement', 'host'],
        keyValues,
        rows: [0, 1].map((i) => ({ ...keyValues, _time: new FluxTime(T0 + BigInt(i) * S), _value: i + 0.5 })),
      },
    ];
  },
  async write(_bucket, points) {
    written.push(...points);
  },
});

test('http.post in map() waits on a run thread: the event loop stays responsive for a 2 s post', async () => {
  const receiver = await slowReceiver(1000);
  try {
    const script = compileScript(`import "http"
import "json"
from(bucket: "db") |> range(start: 2020-09-13T12:27:00Z, stop: 2020-09-13T12:28:00Z)
  |> map(fn: (r) => ({r with status: http.post(url: "${receiver.url}", headers: {"Content-Type": "application/json"}, data: json.encode(v: {host: r.host, v: r._value}))}))
  |> to(bucket: "out", fieldFn: (r) => ({status: r.status, _value: r._value}))
`);
    const written: Point[] = [];
    const logs: string[] = [];
    let worstGap = 0;
    let last = performance.now();
    // the loop's worst gap while the receiver holds a request
    const ticker = setInterval(() => {
      const now = performance.now();
      if (receiver.holding > 0) worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 20);
    const started = performance.now();
    const result = await runScript(script, { now: T0, source: source(written), log: (m) => logs.push(m) });
    clearInterval(ticker);
    const took = performance.now() - started;
    assert.ok(took >= 2000, `two posts of 1 s each took ${took} ms`);
    assert.ok(worstGap < 200, `event loop stalled ${worstGap} ms`);
    assert.deepEqual(receiver.bodies, [
      { body: '{"host":"a","v":0.5}', type: 'application/json' },
      { body: '{"host":"a","v":1.5}', type: 'application/json' },
    ]);
    assert.equal(result.pointsWritten, 2);
    assert.deepEqual(
      written.map((p) => p.fields),
      [
        { status: 202n, _value: 0.5 },
        { status: 202n, _value: 1.5 },
      ],
    );
    assert.equal(logs.filter((l) => l === `http.post ${receiver.url}: 202`).length, 2);
    const rows = result.results.flatMap((r) => r.tables.flatMap((t) => t.rows));
    assert.ok(
      rows.every((r) => r._time instanceof FluxTime),
      'times come back as Flux times',
    );
  } finally {
    receiver.server.close();
  }
});

test('a refused http.post fails the run with the position of the call', async () => {
  const receiver = await slowReceiver(0);
  const url = receiver.url;
  await new Promise((resolve) => receiver.server.close(resolve));
  const script = compileScript(`import "http"\nimport "json"\nx = http.post(url: "${url}", data: json.encode(v: "x"))\n`);
  await assert.rejects(runScript(script, { now: T0, source: source([]) }), (error: Error) => {
    assert.ok(error instanceof FluxError, String(error));
    assert.match(error.message, /^error @3:5-3:\d+: http\.post to .* failed: .*ECONNREFUSED/);
    return true;
  });
});
