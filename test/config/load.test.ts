import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, defaultConfig, loadConfig, loadConfigText } from '../../src/config/index.js';

function configError(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.message, message);
    return true;
  });
}

test('defaults match Kapacitor where they apply, with paths under ./data', () => {
  const config = loadConfig();
  assert.equal(config.hostname, 'localhost');
  assert.equal(config.dataDir, './data');
  assert.equal(config.skipConfigOverrides, false);
  assert.equal(config.http.bindAddress, '127.0.0.1:9092');
  assert.equal(config.http.logEnabled, true);
  assert.equal(config.http.shutdownTimeout, 10_000);
  assert.equal(config.http.httpsCertificate, '/etc/ssl/kapacitor.pem');
  assert.equal(config.logging.file, 'STDERR');
  assert.equal(config.logging.level, 'INFO');
  assert.equal(config.replay.dir, './data/replay');
  assert.equal(config.storage.boltdb, './data/kapacitor.db');
  assert.equal(config.task.snapshotInterval, 60_000);
  assert.equal(config.influxdb.length, 1);
  assert.deepEqual(config.influxdb[0]!.urls, ['http://localhost:8086']);
  assert.equal(config.influxdb[0]!.startupTimeout, 300_000);
  assert.deepEqual(config.influxdb[0]!.excludedSubscriptions, { _kapacitor: ['autogen'] });
  assert.equal(config.deadman.interval, 10_000);
  assert.equal(config.stats.timingSampleRate, 0.1);
  assert.equal(config.slack[0]!.username, 'kapacitor');
  assert.equal(config.httppost[0]!.endpoint, 'example');
  assert.equal(config.engine.groupIdleTimeout, 0);
  assert.equal(config.configOverride.enabled, true);
});

test('defaultConfig returns fresh objects', () => {
  const first = defaultConfig();
  first.influxdb[0]!.urls.push('http://other:8086');
  assert.deepEqual(defaultConfig().influxdb[0]!.urls, ['http://localhost:8086']);
});

test('a file overrides defaults; data_dir moves the default paths, explicit paths win', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapacitor-config-'));
  const path = join(dir, 'kapacitor.conf');
  writeFileSync(
    path,
    [
      'hostname = "kap1"',
      'data_dir = "/var/lib/kapacitor"',
      '[http]',
      '  bind-address = "127.0.0.1:9093"',
      '  shutdown-timeout = "1m30s"',
      '[replay]',
      '  dir = "/tmp/replays"',
      '[logging]',
      '  level = "debug"',
      '[stats]',
      '  timing-sample-rate = 1',
      '[engine]',
      '  group-idle-timeout = "5m"',
    ].join('\n'),
  );
  const config = loadConfig({ path });
  assert.equal(config.hostname, 'kap1');
  assert.equal(config.http.bindAddress, '127.0.0.1:9093');
  assert.equal(config.http.shutdownTimeout, 90_000);
  assert.equal(config.http.logEnabled, true);
  assert.equal(config.replay.dir, '/tmp/replays');
  assert.equal(config.storage.boltdb, '/var/lib/kapacitor/kapacitor.db');
  assert.equal(config.task.dir, '/var/lib/kapacitor/tasks');
  assert.equal(config.logging.level, 'debug');
  assert.equal(config.stats.timingSampleRate, 1);
  assert.equal(config.engine.groupIdleTimeout, 300_000);
});

test('array sections replace the default element; missing keys take element defaults', () => {
  const config = loadConfigText(
    [
      '[[influxdb]]',
      '  name = "a"',
      '  default = true',
      '  urls = ["http://a:8086"]',
      '  timeout = 0',
      '  [influxdb.subscriptions]',
      '    telegraf = ["autogen", "long"]',
      '[[influxdb]]',
      '  name = "b"',
      '  enabled = false',
      '[[httppost]]',
      '  endpoint = "hook"',
      '  url = "http://hook"',
      '  headers = { Authorization = "Bearer x" }',
      '  basic-auth = { username = "u", password = "p" }',
    ].join('\n'),
  );
  assert.deepEqual(
    config.influxdb.map((element) => element.name),
    ['a', 'b'],
  );
  assert.deepEqual(config.influxdb[0]!.subscriptions, { telegraf: ['autogen', 'long'] });
  assert.equal(config.influxdb[1]!.subscriptionMode, 'cluster');
  assert.deepEqual(config.influxdb[1]!.urls, ['http://localhost:8086']);
  assert.deepEqual(config.httppost[0]!.headers, { Authorization: 'Bearer x' });
  assert.deepEqual(config.httppost[0]!.basicAuth, { username: 'u', password: 'p' });
});

test('a single [slack] table is read as one workspace; [[slack]] gives several', () => {
  assert.equal(loadConfigText('[slack]\n  enabled = true\n  channel = "#alerts"\n').slack[0]!.channel, '#alerts');
  const config = loadConfigText('[[slack]]\n  workspace = "a"\n[[slack]]\n  workspace = "b"\n  default = true\n');
  assert.deepEqual(
    config.slack.map((element) => [element.workspace, element.default]),
    [
      ['a', false],
      ['b', true],
    ],
  );
});

test('unknown keys and sections are ignored with warnings naming the line', () => {
  const warnings: string[] = [];
  const config = loadConfigText('[kubernetes]\n  enabled = false\n[http]\n  bogus = 1\n  log-enabled = false\n[bogus-section]\n  a = 1\n', { warnings });
  assert.equal(config.http.logEnabled, false);
  assert.deepEqual(warnings, ['config: ignoring unknown key [http] bogus (line 4)', 'config: ignoring unknown section "bogus-section" (line 6)']);
});

test('bad values name the key and line', () => {
  configError(
    () => loadConfigText('hostname = "x"\n\n[http]\n  log-enabled = true\n\n\n  bind-address = 12\n'),
    'config: [http] bind-address: expected a string, got 12 (line 7)',
  );
  configError(() => loadConfigText('[http]\n  log-enabled = "yes"\n'), 'config: [http] log-enabled: expected a boolean (true or false), got "yes" (line 2)');
  configError(() => loadConfigText('[http]\n  max-body-size = 1.5\n'), 'config: [http] max-body-size: expected an integer, got 1.5 (line 2)');
  configError(
    () => loadConfigText('[http]\n  shutdown-timeout = "10x"\n'),
    'config: [http] shutdown-timeout: invalid duration "10x": unknown unit "x" (line 2)',
  );
  configError(
    () => loadConfigText('[[influxdb]]\n  name = "a"\n[[influxdb]]\n  urls = ["http://b", 3]\n'),
    'config: [[influxdb]][1] urls[1]: expected a string, got 3 (line 4)',
  );
  configError(
    () => loadConfigText('[logging]\n  level = "LOUD"\n'),
    'config: [logging] level: expected one of DEBUG, INFO, WARN, ERROR, OFF, got "LOUD" (line 2)',
  );
  configError(() => loadConfigText('hostname = true\n'), 'config: hostname: expected a string, got true (line 1)');
  configError(() => loadConfigText('http = 5\n'), 'config: [http]: expected a table, got 5 (line 1)');
  configError(
    () => loadConfigText('[[httppost]]\n  basic-auth = { username = 1 }\n'),
    'config: [[httppost]][0] basic-auth.username: expected a string, got 1 (line 2)',
  );
});

test('TOML syntax errors give line and column', () => {
  configError(
    () => loadConfigText('[http]\n  bind-address = \n', { origin: '/etc/kapacitor.conf' }),
    'config: /etc/kapacitor.conf: invalid value (line 2, column 18)',
  );
});

test('a missing file is a ConfigError', () => {
  configError(() => loadConfig({ path: '/nonexistent/kapacitor.conf' }), 'config: open /nonexistent/kapacitor.conf: no such file or directory');
});

test('misspelt keys and sections name the file, the line and the nearest known name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapacitor-config-'));
  const path = join(dir, 'kapacitor.conf');
  writeFileSync(path, 'hostnme = "h"\n[http]\n  bind-adress = ":9092"\n[[influxdbb]]\n  name = "x"\n');
  const warnings: string[] = [];
  loadConfig({ path, warnings });
  assert.deepEqual(warnings, [
    `config: ignoring unknown key "hostnme"; did you mean "hostname"? (${path}:1)`,
    `config: ignoring unknown key [http] bind-adress; did you mean "bind-address"? (${path}:3)`,
    `config: ignoring unknown section "influxdbb"; did you mean "influxdb"? (${path}:4)`,
  ]);
});

test('known Kapacitor sections this server lacks are reported only when enabled', () => {
  const warnings: string[] = [];
  loadConfigText('[[gce]]\n  enabled = false\n[[consul]]\n  id = "a"\n  enabled = true\n', { warnings });
  assert.deepEqual(warnings, ['config: [consul] is not supported by this server (Consul scraper discovery); the section is ignored (line 3)']);
});

test('strict mode refuses a file with unknown keys, listing every one', () => {
  configError(
    () => loadConfigText('[http]\n  bind-adress = ":1"\n[logging]\n  levl = "x"\n', { strict: true }),
    'config: strict configuration refused:\n' +
      '  config: ignoring unknown key [http] bind-adress; did you mean "bind-address"? (line 2)\n' +
      '  config: ignoring unknown key [logging] levl; did you mean "level"? (line 4)',
  );
  assert.equal(loadConfigText('[http]\n  bind-address = ":1"\n', { strict: true }).http.bindAddress, ':1');
});

test('[logging] format is logfmt by default and json on request; [tls] and [reporting] are read', () => {
  assert.equal(loadConfigText('').logging.format, 'logfmt');
  assert.equal(loadConfigText('[logging]\n  format = "json"\n').logging.format, 'json');
  configError(() => loadConfigText('[logging]\n  format = "xml"\n'), 'config: [logging] format: expected one of logfmt, json, got "xml" (line 2)');
  const config = loadConfigText('[tls]\n  min-version = "tls1.2"\n[reporting]\n  enabled = false\n');
  assert.equal(config.tls.minVersion, 'tls1.2');
  assert.equal(config.reporting.enabled, false);
});
