import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, serviceLogger, taskLogger } from '../../src/logging/logger.js';
import { LogTap } from '../../src/logging/log-tap.js';
import { pinoLevel } from '../../src/logging/levels.js';

function memory(): { stream: Writable & { write(line: string): boolean }; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

test('Kapacitor level names map to pino levels, any case', () => {
  assert.equal(pinoLevel('DEBUG'), 'debug');
  assert.equal(pinoLevel('info'), 'info');
  assert.equal(pinoLevel('Warn'), 'warn');
  assert.equal(pinoLevel('ERROR'), 'error');
  assert.equal(pinoLevel('OFF'), 'silent');
  assert.throws(() => pinoLevel('TRACE'), /unknown log level "TRACE"/);
});

test('records carry ts, lvl and msg, filtered by level', async () => {
  const out = memory();
  const logger = createLogger({ file: 'STDERR', level: 'WARN' }, { destination: out.stream });
  logger.info('hidden');
  logger.warn({ service: 'http' }, 'shown');
  await new Promise((resolve) => setImmediate(resolve));
  const lines = out.lines();
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.lvl, 'warn');
  assert.equal(lines[0]!.msg, 'shown');
  assert.equal(lines[0]!.service, 'http');
  assert.match(String(lines[0]!.ts), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('OFF logs nothing', async () => {
  const out = memory();
  createLogger({ file: 'STDERR', level: 'OFF' }, { destination: out.stream }).error('nothing');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(out.lines(), []);
});

test('child loggers add service and task fields', async () => {
  const out = memory();
  const logger = createLogger({ file: 'STDERR', level: 'DEBUG' }, { destination: out.stream });
  serviceLogger(logger, 'task_store').debug('loaded');
  taskLogger(logger, 'cpu_alert').info({ node: 'alert2' }, 'alert triggered');
  await new Promise((resolve) => setImmediate(resolve));
  const [first, second] = out.lines();
  assert.equal(first!.service, 'task_store');
  assert.deepEqual([second!.service, second!.task, second!.node], ['kapacitor', 'cpu_alert', 'alert2']);
});

test('a file destination is created and appended to', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapacitor-log-'));
  const file = join(dir, 'nested', 'kapacitor.log');
  const logger = createLogger({ file, level: 'INFO' });
  logger.info('to file');
  logger.flush();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const record = JSON.parse(readFileSync(file, 'utf8').trim()) as Record<string, unknown>;
  assert.equal(record.msg, 'to file');
});

test('the tap receives the logger lines matching a subscription filter', async () => {
  const out = memory();
  const tap = new LogTap();
  const logger = createLogger({ file: 'STDERR', level: 'INFO' }, { destination: out.stream, tap });
  const seen: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const unsubscribe = tap.subscribe({ task: 'cpu' }, (record, line) => {
    seen.push(record);
    raw.push(line);
  });
  taskLogger(logger, 'cpu').info('for cpu');
  taskLogger(logger, 'mem').info('for mem');
  logger.debug('below level');
  unsubscribe();
  taskLogger(logger, 'cpu').info('after unsubscribe');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    seen.map((record) => record.msg),
    ['for cpu'],
  );
  assert.equal(raw[0]!.endsWith('}'), true);
  assert.equal(out.lines().length, 3);
  assert.equal(tap.subscriberCount, 0);
});

test('logfmt format writes key=value lines as Kapacitor does; the tap still gets JSON records', async () => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const tap = new LogTap();
  const tapped: Array<Record<string, unknown>> = [];
  tap.subscribe({}, (record) => tapped.push(record));
  const logger = createLogger({ file: 'STDERR', level: 'INFO', format: 'logfmt' }, { destination: stream, tap });
  logger.info({ service: 'http', addr: '[::]:9092', note: 'a "quoted" word', empty: '' }, 'listening for HTTP requests');
  await new Promise((resolve) => setImmediate(resolve));
  const line = chunks.join('');
  assert.match(line, /^ts=\d{4}-\d\d-\d\dT\S+ lvl=info msg="listening for HTTP requests" service=http addr=\[::\]:9092 note="a \\"quoted\\" word" empty=""\n$/);
  assert.equal(tapped[0]!.msg, 'listening for HTTP requests');
});
