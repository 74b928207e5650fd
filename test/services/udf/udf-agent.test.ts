// UdfAgent and the UDF service against a real agent process (the fixture speaks the protocol
// with its own protobuf code): Info at startup, point round trips, and failures reported once
// (exit, error response, missing program) without throwing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { UdfAgent, fetchInfo } from '../../../src/udf/agent.js';
import { parseUdfFunctions, type UdfFunctionConfig } from '../../../src/udf/config.js';
import { emptyPoint, type UdfResponse } from '../../../src/udf/messages.js';
import { UdfService } from '../../../src/services/udf/service.js';
import { AGENT, agentConfig } from './fixtures/agent-config.js';

test('Info lists the options and edge types the agent declares', async () => {
  assert.deepEqual(await fetchInfo(agentConfig()), {
    wants: 'stream',
    provides: 'stream',
    options: { opt1: ['STRING'], opt2: ['BOOL', 'INT', 'DOUBLE', 'STRING', 'DURATION'] },
  });
  const batch = await fetchInfo(agentConfig('batch'));
  assert.equal(batch.wants, 'batch');
  assert.equal(batch.provides, 'batch');
});

test('a point goes out and the answer comes back', async () => {
  const responses: UdfResponse[] = [];
  const got = new Promise<void>((resolve, reject) => {
    const agent = new UdfAgent(agentConfig(), {
      response: (r) => {
        responses.push(r);
        if (r.kind === 'point') {
          agent.close();
          resolve();
        }
      },
      failure: reject,
    });
    agent.send({ kind: 'init', options: [] });
    const point = emptyPoint();
    Object.assign(point, { time: 1_000_000_000_123n, name: 'cpu', group: 'host=a', dimensions: ['host'], tags: { host: 'a' }, fieldsDouble: { value: 3 } });
    agent.send({ kind: 'point', point });
  });
  await got;
  assert.deepEqual(responses[0], { kind: 'init', success: true, error: '' });
  const answer = responses[1]!;
  assert.equal(answer.kind, 'point');
  if (answer.kind !== 'point') return;
  assert.equal(answer.point.time, 1_000_000_000_123n);
  assert.deepEqual(answer.point.tags, { host: 'a' });
  assert.deepEqual(answer.point.dimensions, ['host']);
  assert.deepEqual(answer.point.fieldsDouble, { customField: 42 });
});

test('failures are reported once and never thrown', async () => {
  const failureOf = (config: UdfFunctionConfig) =>
    new Promise<string>((resolve) => {
      const agent = new UdfAgent(config, { response: () => {}, failure: (e) => resolve(e.message) });
      agent.send({ kind: 'init', options: [] });
      agent.send({ kind: 'point', point: emptyPoint() });
    });
  assert.match(await failureOf(agentConfig('exit-on-point')), /udf process exited: exit status 3/);
  assert.match(await failureOf(agentConfig('', { prog: '/nonexistent/agent' })), /failed to start \/nonexistent\/agent/);
  await assert.rejects(fetchInfo(agentConfig('', { args: ['-e', 'setInterval(() => {}, 1000)'], timeoutMs: 200 })), /timeout waiting for info response/);
});

test('the service loads Info for each function and skips the broken ones', async () => {
  const service = new UdfService([agentConfig(), { ...agentConfig(), name: 'broken', prog: '/nonexistent/agent' }], pino({ level: 'silent' }));
  await service.open();
  assert.deepEqual(Object.keys(service.list()), ['customFunc']);
  assert.equal(service.functionConfig('broken')?.prog, '/nonexistent/agent');
});

test("[udf.functions.NAME] tables parse with Kapacitor's keys", () => {
  const [f] = parseUdfFunctions({ myFunc: { prog: '/usr/bin/python3', args: ['-u', 'x.py'], timeout: '2s', env: { A: 'b' } } });
  assert.deepEqual(f, { name: 'myFunc', prog: '/usr/bin/python3', args: ['-u', 'x.py'], env: { A: 'b' }, socket: '', timeoutMs: 2000 });
  assert.equal(parseUdfFunctions({ s: { socket: '/tmp/s.sock' } })[0]!.timeoutMs, 10_000);
  assert.throws(() => parseUdfFunctions({ bad: {} }), /must specify one of prog or socket/);
  assert.throws(() => parseUdfFunctions({ bad: { prog: 'x', timeout: 5 } }), /\[udf.functions.bad\] timeout/);
});

test('a socket agent speaks the same protocol', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'udf-sock-'));
  const path = join(dir, 'agent.sock');
  // Each connection is served by its own agent process, its stdin/stdout piped to the socket.
  const server = createServer((socket) => {
    const child = spawn(process.execPath, [AGENT], { stdio: ['pipe', 'pipe', 'inherit'] });
    socket.pipe(child.stdin);
    child.stdout.pipe(socket);
    socket.on('close', () => child.kill());
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const info = await fetchInfo(agentConfig('', { prog: '', args: [], socket: path }));
  assert.deepEqual(info.options.opt1, ['STRING']);
  await assert.rejects(fetchInfo(agentConfig('', { prog: '', args: [], socket: join(dir, 'missing.sock') })), /udf socket .*missing\.sock/);
});
