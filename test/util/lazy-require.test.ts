// Dependencies read on first use: the getter loads once and hands back the same module, and a
// freshly started server process has not read the libraries only some configurations need.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lazyRequire } from '../../src/util/lazy-require.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('lazyRequire loads on the first call and returns the same module after', () => {
  const yaml = lazyRequire<typeof import('yaml')>('yaml');
  const first = yaml();
  assert.equal(first, yaml());
  assert.deepEqual(first.parse('a: 1'), { a: 1 });
  assert.throws(() => lazyRequire('no-such-package-here')(), /Cannot find module/);
});

test('a started server (no InfluxDB, no cluster) has read neither the SQL parser, YAML, NATS, the HTTP client nor the schema compilers', () => {
  const script = `
    import { createRequire } from 'node:module';
    const { startTestServer, request } = await import('./test/support/test-server.ts');
    const server = await startTestServer({ jobs: { enabled: true, bindHost: '127.0.0.1', bindPort: 0, contextPath: '', enableDynamicPort: false, portRange: 100, historyLimit: 10 } });
    const ping = await request(server.url, 'GET', '/kapacitor/v1/ping');
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    await server.close();
    console.log(JSON.stringify({ ping: ping.status, loaded }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const { ping, loaded } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ping: number; loaded: string[] };
  assert.equal(ping, 204);
  assert.ok(
    loaded.some((file) => file.includes('/node_modules/fastify/')),
    'the probe sees CommonJS packages',
  );
  for (const lazy of ['node-sql-parser', 'yaml', '@nats-io', 'undici', 'ajv']) {
    assert.deepEqual(
      loaded.filter((file) => file.includes(`/node_modules/${lazy}/`)),
      [],
      `${lazy} is read at start`,
    );
  }
});
