import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAPACITORD } from '../support/source-bin.js';
import { freePort, spawnServer } from '../support/spawn-server.js';
import { poll } from '../support/test-server.js';

test('kapacitord prints config warnings with file and line, then a logfmt start-up summary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapacitord-start-'));
  const configPath = join(dir, 'kapacitor.conf');
  writeFileSync(configPath, '[http]\n  bind-adress = ":1"\n[[influxdb]]\n  enabled = false\n');
  const server = await spawnServer(dir, await freePort(), ['-config', configPath, '-log-level', 'info']);
  try {
    const output = await poll(
      async () => server.output(),
      (text) => text.includes('msg="enabled services"'),
      10000,
    );
    assert.match(
      output,
      new RegExp(
        `lvl=warn msg="config: ignoring unknown key \\[http\\] bind-adress; did you mean \\\\"bind-address\\\\"\\? \\(${configPath}:2\\)" service=config`,
      ),
    );
    assert.match(output, /lvl=info msg="Kapacitor starting" service=run version=1\.5\.7/);
    assert.match(output, new RegExp(`msg="loaded configuration" service=run path=${configPath}`));
    assert.match(output, new RegExp(`msg="data directory" service=run dir=${dir}`));
    assert.match(output, /msg="enabled services" service=run services=http,task_store,replay,alert,\S*stats/);
  } finally {
    server.child.kill('SIGTERM');
  }
});

test('kapacitord -strict-config refuses unknown keys and exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapacitord-strict-'));
  const configPath = join(dir, 'kapacitor.conf');
  writeFileSync(configPath, '[http]\n  bind-adress = ":1"\n');
  const result = spawnSync(process.execPath, [...KAPACITORD, '-config', configPath, '-strict-config'], {
    encoding: 'utf8',
    env: { ...process.env, KAPACITOR_DATA_DIR: dir },
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /config: strict configuration refused:\n {2}config: ignoring unknown key \[http\] bind-adress/);
});
