// End-to-end: the kapacitor client's administration commands against a real server — level
// (changes what the server, and a kapacitord process, logs), backup (a snapshot a new server restores from), and config
// set/reset (overrides of a section and of one element, and the server's refusals).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, LevelControl } from '../../src/logging/logger.js';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request, startTestServer, type TestServer } from '../support/test-server.js';
import { runCli } from './cli-harness.js';

const logged: string[] = [];
const levels = new LevelControl('INFO');
const logger = createLogger(
  { file: '', level: 'INFO' },
  {
    levelControl: levels,
    destination: {
      write: (line: string) => {
        logged.push(line);
      },
    },
  },
);
let server: TestServer;
let scratch: string;

before(async () => {
  server = await startTestServer({ logLevel: levels }, logger);
  scratch = mkdtempSync(join(tmpdir(), 'kapacitor-admin-'));
});
after(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(['-url', server.url, ...argv]);

/** The options of a config section's element (the first one when element is absent). */
async function options(section: string, element = ''): Promise<Record<string, unknown>> {
  const reply = await request(server.url, 'GET', `/kapacitor/v1/config/${section}/${element}`);
  assert.equal(reply.status, 200, reply.text);
  return reply.json.options;
}

test('level changes what the server logs, in any case, and refuses an unknown level', async () => {
  // Lines of a probe logger (a child of the server's logger); the server's own lines are left out.
  const probe = logger.child({ probe: true });
  const probed = () => logged.filter((line) => line.includes('"probe":true')).map((line) => JSON.parse(line).msg);
  probe.debug('hidden at info');
  assert.deepEqual(probed(), []);

  assert.deepEqual(await cli('level', 'debug'), { code: 0, stdout: '', stderr: '' });
  probe.debug('shown at debug');
  assert.deepEqual(probed(), ['shown at debug']);

  assert.deepEqual(await cli('level', 'ERROR'), { code: 0, stdout: '', stderr: '' });
  probe.warn('hidden at error');
  probe.error('shown at error');
  assert.deepEqual(probed(), ['shown at debug', 'shown at error']);

  const bad = await cli('level', 'loud');
  assert.equal(bad.code, 3);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^unknown log level "loud".*\n$/);
  probe.warn('hidden: a refused level leaves the level as it was');
  assert.deepEqual(probed(), ['shown at debug', 'shown at error']);

  assert.deepEqual(await cli('level', 'info'), { code: 0, stdout: '', stderr: '' });
  probe.info('shown at info');
  assert.deepEqual(probed(), ['shown at debug', 'shown at error', 'shown at info']);
});

test('level changes the log level of a kapacitord process', { timeout: 30000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-level-'));
  const kapacitord = await spawnServer(dataDir, await freePort());
  try {
    const accessLines = () =>
      kapacitord
        .output()
        .split('\n')
        .filter((line) => line.includes('uri=/kapacitor/v1/tasks '));
    await request(kapacitord.url, 'GET', '/kapacitor/v1/tasks');
    assert.deepEqual(accessLines(), [], 'no info lines at the WARN level it starts with');
    assert.deepEqual(await runCli(['-url', kapacitord.url, 'level', 'info']), { code: 0, stdout: '', stderr: '' });
    await request(kapacitord.url, 'GET', '/kapacitor/v1/tasks');
    await poll(
      async () => accessLines().length,
      (n) => n === 1,
    );
  } finally {
    await killHard(kapacitord);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('backup writes a snapshot a new server restores from', async () => {
  const script = "stream\n    |from()\n        .measurement('cpu')\n    |httpOut('out')\n";
  const defined = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'backed_up', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'disabled' },
  });
  assert.equal(defined.status, 200, defined.text);

  const target = join(scratch, 'kapacitor.bak');
  assert.deepEqual(await cli('backup', target), { code: 0, stdout: '', stderr: '' });
  assert.ok(statSync(target).size > 0);

  const restored = await startTestServer({ dataDir: join(scratch, 'restored'), storagePath: target });
  try {
    const task = await request(restored.url, 'GET', '/kapacitor/v1/tasks/backed_up');
    assert.equal(task.status, 200, task.text);
    assert.equal(task.json.script, script);
    assert.equal(task.json.status, 'disabled');
  } finally {
    await restored.close();
  }

  const missingDir = join(scratch, 'no', 'such', 'dir', 'file.bak');
  assert.deepEqual(await cli('backup', missingDir), {
    code: 3,
    stdout: '',
    stderr: `failed to create backup file: open ${missingDir}: no such file or directory\n`,
  });
  assert.equal(existsSync(missingDir), false);
});

test('config set and reset override a section and an element of the running server', async () => {
  assert.deepEqual(await cli('config', 'set', 'smtp', 'enabled=true', 'host=mail.example.com', 'port=587', 'to=["ops@example.com"]'), {
    code: 0,
    stdout: '',
    stderr: '',
  });
  let smtp = await options('smtp');
  assert.equal(smtp.enabled, true);
  assert.equal(smtp.host, 'mail.example.com');
  assert.equal(smtp.port, 587);
  assert.deepEqual(smtp.to, ['ops@example.com']);
  const shown = await cli('config', 'smtp');
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(JSON.parse(shown.stdout).elements[0].options.host, 'mail.example.com');

  assert.deepEqual(await cli('config', 'reset', 'smtp', 'host', 'port'), { code: 0, stdout: '', stderr: '' });
  smtp = await options('smtp');
  assert.equal(smtp.host, 'localhost');
  assert.equal(smtp.port, 25);
  assert.equal(smtp.enabled, true, 'options not reset keep their override');

  assert.deepEqual(await cli('config', 'set', 'httppost/example', 'url=http://alerts.example.com/hook'), { code: 0, stdout: '', stderr: '' });
  assert.equal((await options('httppost', 'example')).url, 'http://alerts.example.com/hook');
  assert.deepEqual(await cli('config', 'reset', 'httppost/example', 'url'), { code: 0, stdout: '', stderr: '' });
  assert.equal((await options('httppost', 'example')).url, 'http://example.com');

  const unknownOption = await cli('config', 'set', 'smtp', 'nosuch=1');
  assert.equal(unknownOption.code, 3);
  assert.match(unknownOption.stderr, /unknown options \[nosuch\] in section smtp\n$/);
  const unknownSection = await cli('config', 'set', 'nosuchsection', 'a=1');
  assert.equal(unknownSection.code, 3);
  assert.notEqual(unknownSection.stderr, '');
  assert.deepEqual(await cli('config', 'set', 'smtp', 'enabled'), { code: 3, stdout: '', stderr: 'bad option "enabled", expected <option>=<value>\n' });
  assert.equal((await options('smtp')).enabled, true, 'refused updates change nothing');
  assert.deepEqual(await cli('config', 'reset', 'smtp', 'enabled'), { code: 0, stdout: '', stderr: '' });
  assert.equal((await options('smtp')).enabled, false);
});
