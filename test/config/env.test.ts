import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfigText } from '../../src/config/index.js';

test('KAPACITOR_* variables override the file, named as Kapacitor names them', () => {
  const config = loadConfigText('hostname = "file"\n[http]\n  log-enabled = true\n', {
    env: {
      KAPACITOR_HOSTNAME: 'env-host',
      KAPACITOR_HTTP_BIND_ADDRESS: '127.0.0.1:9999',
      KAPACITOR_HTTP_LOG_ENABLED: 'false',
      KAPACITOR_HTTP_SHUTDOWN_TIMEOUT: '2s',
      KAPACITOR_HTTP_MAX_BODY_SIZE: '0x100',
      KAPACITOR_LOGGING_LEVEL: 'WARN',
      KAPACITOR_CONFIG_OVERRIDE_ENABLED: 'f',
      KAPACITOR_STATS_TIMING_SAMPLE_RATE: '0.5',
      KAPACITOR_SKIP_CONFIG_OVERRIDES: 'true',
      KAPACITOR_DEFAULT_RETENTION_POLICY: '',
      UNRELATED: 'x',
    },
  });
  assert.equal(config.hostname, 'env-host');
  assert.equal(config.http.bindAddress, '127.0.0.1:9999');
  assert.equal(config.http.logEnabled, false);
  assert.equal(config.http.shutdownTimeout, 2000);
  assert.equal(config.http.maxBodySize, 256);
  assert.equal(config.logging.level, 'WARN');
  assert.equal(config.configOverride.enabled, false);
  assert.equal(config.stats.timingSampleRate, 0.5);
  assert.equal(config.skipConfigOverrides, true);
  assert.equal(config.defaultRetentionPolicy, '');
});

test('KAPACITOR_DATA_DIR moves the default paths', () => {
  const config = loadConfigText('', { env: { KAPACITOR_DATA_DIR: '/srv/kap/' } });
  assert.equal(config.dataDir, '/srv/kap/');
  assert.equal(config.storage.boltdb, '/srv/kap/kapacitor.db');
  assert.equal(config.replay.dir, '/srv/kap/replay');
});

test('array sections and lists are indexed with _N; the next index appends', () => {
  const config = loadConfigText('[[influxdb]]\n  name = "a"\n  urls = ["http://a1", "http://a2"]\n', {
    env: {
      KAPACITOR_INFLUXDB_0_URLS_0: 'http://x1',
      KAPACITOR_INFLUXDB_0_URLS_2: 'http://x3',
      KAPACITOR_INFLUXDB_0_ENABLED: 'false',
      KAPACITOR_INFLUXDB_1_NAME: 'b',
      KAPACITOR_INFLUXDB_1_URLS_0: 'http://b',
      KAPACITOR_SLACK_0_CHANNEL: '#ops',
      KAPACITOR_SLACK_0_ENABLED: 'true',
      KAPACITOR_HTTPPOST_0_BASIC_AUTH_USERNAME: 'user',
      KAPACITOR_SMTP_TO_0: 'oncall@example.com',
    },
  });
  assert.deepEqual(config.influxdb[0]!.urls, ['http://x1', 'http://a2', 'http://x3']);
  assert.equal(config.influxdb[0]!.enabled, false);
  assert.equal(config.influxdb.length, 2);
  assert.equal(config.influxdb[1]!.name, 'b');
  assert.deepEqual(config.influxdb[1]!.urls, ['http://b']);
  assert.equal(config.slack[0]!.channel, '#ops');
  assert.equal(config.slack[0]!.enabled, true);
  assert.deepEqual(config.httppost[0]!.basicAuth, { username: 'user', password: '' });
  assert.deepEqual(config.smtp.to, ['oncall@example.com']);
});

test('an unindexed variable of an array section applies to its first element', () => {
  const config = loadConfigText('', { env: { KAPACITOR_SLACK_URL: 'https://hooks.slack.com/x' } });
  assert.equal(config.slack[0]!.url, 'https://hooks.slack.com/x');
});

test('a bad value names the variable', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ KAPACITOR_HTTP_LOG_ENABLED: 'maybe' }, 'config: KAPACITOR_HTTP_LOG_ENABLED: expected a boolean (true or false), got "maybe"'],
    [{ KAPACITOR_HTTP_MAX_BODY_SIZE: '10MB' }, 'config: KAPACITOR_HTTP_MAX_BODY_SIZE: expected an integer, got "10MB"'],
    [{ KAPACITOR_INFLUXDB_0_TIMEOUT: '5' }, 'config: KAPACITOR_INFLUXDB_0_TIMEOUT: invalid duration "5": missing unit'],
    [{ KAPACITOR_LOGGING_LEVEL: 'chatty' }, 'config: KAPACITOR_LOGGING_LEVEL: expected one of DEBUG, INFO, WARN, ERROR, OFF, got "chatty"'],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => loadConfigText('', { env }),
      (error: unknown) => error instanceof ConfigError && error.message === message,
      message,
    );
  }
});
