// Runs every example under examples/ against a real server: defines its templates, tasks and
// topic handlers as the README says, writes its sample data, and compares what comes out
// (an httpOut, a topic's events, a log file, or what landed in InfluxDB) with its
// expected.json. Batch examples run against a real influxd (skipped, with the reason, when
// it is not installed). UPDATE_EXAMPLES=1 rewrites expected.json from the actual output.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { loadConfigText } from '../../src/config/index.js';
import { influxdSkipReason, startInfluxd, type Influxd } from '../support/influxd.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
/** Paths under this prefix in scripts and handler files are moved to the test's own folder. */
const TMP_PREFIX = '/tmp/kapacitor-examples/';

interface TaskDef { id: string; type: 'stream' | 'batch'; dbrps: Array<{ db: string; rp: string }>; tick?: string; template?: string; vars?: string }
interface Write { file: string; db: string; rp?: string; precision?: string; to?: 'kapacitor' | 'influxdb'; pauseMs?: number }
interface Manifest {
  influxdb?: boolean;
  udf?: { name: string; agent: string };
  templates?: Array<{ id: string; type: 'stream' | 'batch'; tick: string }>;
  tasks: TaskDef[];
  handlers?: string[];
  writes: Write[];
  replayBatch?: { task: string; start: string; stop: string };
  output: { httpOut?: { task: string; name: string }; topic?: string; log?: string; influxdb?: { db: string; query: string } };
  timeoutMs?: number;
}

const examples = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'example.json'))).sort();

test('there are a dozen examples', () => {
  assert.ok(examples.length >= 12, `only ${examples.length} examples`);
});

for (const name of examples) {
  const manifest = JSON.parse(readFileSync(join(EXAMPLES, name, 'example.json'), 'utf8')) as Manifest;
  test(`example ${name}`, { skip: manifest.influxdb ? influxdSkipReason : false, timeout: 90_000 }, async () => {
    await runExample(name, manifest);
  });
}

async function runExample(name: string, manifest: Manifest): Promise<void> {
  const dir = join(EXAMPLES, name);
  const scratch = mkdtempSync(join(tmpdir(), `example-${name}-`));
  const read = (file: string) => readFileSync(join(dir, file), 'utf8').replaceAll(TMP_PREFIX, `${scratch}/`);
  let influxd: Influxd | undefined;
  let server: TestServer | undefined;
  try {
    const config: string[] = [];
    if (manifest.influxdb) {
      influxd = await startInfluxd();
      assert.ok(influxd);
      config.push('[[influxdb]]', '  enabled = true', '  name = "default"', `  urls = ["${influxd.url}"]`, '  disable-subscriptions = true');
    } else {
      config.push('[[influxdb]]', '  enabled = false');
    }
    if (manifest.udf) {
      config.push('[udf]', '[udf.functions]', `  [udf.functions.${manifest.udf.name}]`,
        `    prog = ${JSON.stringify(process.execPath)}`, `    args = [${JSON.stringify(join(dir, manifest.udf.agent))}]`, '    timeout = "10s"');
    }
    const loaded = loadConfigText(config.join('\n'));
    server = await startTestServer({ config: () => loaded });
    const url = server.url;
    const ok = async (method: string, path: string, json: unknown) => {
      const reply = await request(url, method, path, { json });
      assert.ok(reply.status < 300, `${method} ${path}: ${reply.status} ${reply.text}`);
      return reply;
    };

    for (const template of manifest.templates ?? []) {
      await ok('POST', '/kapacitor/v1/templates', { id: template.id, type: template.type, script: read(template.tick) });
    }
    for (const task of manifest.tasks) {
      const body: Record<string, unknown> = { id: task.id, type: task.type, dbrps: task.dbrps, status: 'enabled' };
      if (task.tick) body.script = read(task.tick);
      if (task.template) body['template-id'] = task.template;
      if (task.vars) body.vars = JSON.parse(read(task.vars));
      await ok('POST', '/kapacitor/v1/tasks', body);
    }
    for (const file of manifest.handlers ?? []) {
      const spec = parseYaml(read(file)) as { topic: string; id: string; kind: string; match?: string; options?: unknown };
      await ok('POST', `/kapacitor/v1/alerts/topics/${spec.topic}/handlers`, { id: spec.id, kind: spec.kind, match: spec.match ?? '', options: spec.options ?? {} });
    }
    for (const write of manifest.writes) {
      const body = read(write.file).split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
      if (write.to === 'influxdb') {
        await influxd!.query(`CREATE DATABASE "${write.db}"`);
        await influxd!.write(write.db, body, write.precision ?? 'ns', write.rp);
      } else {
        const params = new URLSearchParams({ db: write.db, rp: write.rp ?? 'autogen', precision: write.precision ?? 'ns' });
        // One request per line, in order, as an agent reporting point by point would send them.
        for (const line of body) {
          const reply = await request(url, 'POST', `/write?${params.toString()}`, { body: line });
          assert.equal(reply.status, 204, reply.text);
        }
      }
      if (write.pauseMs) await new Promise((resolve) => setTimeout(resolve, write.pauseMs));
    }
    if (manifest.replayBatch) {
      const replay = await ok('POST', '/kapacitor/v1/replays/batch', { ...manifest.replayBatch, 'recording-time': true });
      await waitFor(async () => (await request(url, 'GET', `/kapacitor/v1/replays/${replay.json.id}`)).json.status, (status) => status === 'finished', 30_000);
    }

    const expectedPath = join(dir, 'expected.json');
    const actual = () => readOutput(url, manifest, scratch, influxd);
    if (process.env.UPDATE_EXAMPLES === '1') {
      await new Promise((resolve) => setTimeout(resolve, manifest.timeoutMs ?? 2000));
      writeFileSync(expectedPath, JSON.stringify(await actual(), null, 2) + '\n');
      return;
    }
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
    const last = await waitFor(actual, (value) => isDeepEqual(value, expected), manifest.timeoutMs ?? 10_000).catch(async () => actual());
    assert.deepEqual(last, expected);
  } finally {
    await server?.close();
    await influxd?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** What the example produced, in the shape of its expected.json. */
async function readOutput(url: string, manifest: Manifest, scratch: string, influxd: Influxd | undefined): Promise<unknown> {
  const { output } = manifest;
  if (output.httpOut) {
    return (await request(url, 'GET', `/kapacitor/v1/tasks/${output.httpOut.task}/${output.httpOut.name}`)).json;
  }
  if (output.topic) {
    const reply = await request(url, 'GET', `/kapacitor/v1/alerts/topics/${output.topic}/events`);
    const events = (reply.json?.events ?? []) as Array<{ id: string; state: { level: string; message: string } }>;
    return events.map((e) => ({ id: e.id, level: e.state.level, message: e.state.message })).sort((a, b) => a.id.localeCompare(b.id));
  }
  if (output.log) {
    const path = output.log.replace(TMP_PREFIX, `${scratch}/`);
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').map((line) => {
      const event = JSON.parse(line) as { id: string; level: string; message: string };
      return { id: event.id, level: event.level, message: event.message };
    });
  }
  if (output.influxdb) {
    return (await influxd!.query(output.influxdb.query, output.influxdb.db)).results;
  }
  throw new Error('example.json: no output to check');
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(fn: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
