import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'smol-toml';
import { defaultConfig, loadConfigText, renderConfig, renderDefaultConfig, SECTIONS } from '../../src/config/index.js';

test('the default config round-trips through loadConfig without warnings', () => {
  const warnings: string[] = [];
  assert.deepEqual(loadConfigText(renderDefaultConfig(), { warnings }), defaultConfig());
  assert.deepEqual(warnings, []);
});

test('the default config prints every section with comments and Go durations', () => {
  const text = renderDefaultConfig();
  const doc = parse(text) as Record<string, unknown>;
  for (const name of [
    'http',
    'config-override',
    'logging',
    'load',
    'replay',
    'storage',
    'task',
    'alert',
    'deadman',
    'smtp',
    'pagerduty2',
    'stats',
    'engine',
    'cluster',
    'fluxtask',
    'jobs',
    'auth',
    'tls',
    'reporting',
  ]) {
    assert.equal(typeof doc[name], 'object', name);
  }
  for (const name of ['influxdb', 'slack', 'httppost', 'kubernetes', 'swarm', 'ec2']) assert.ok(Array.isArray(doc[name]), name);
  assert.equal(Object.keys(SECTIONS).length, 52);
  assert.match(text, /^# The hostname/);
  assert.match(text, /\n\[http\]\n( {2}#.*\n)* {2}bind-address = "127.0.0.1:9092"\n/);
  assert.match(text, /\n {2}snapshot-interval = "1m0s"\n/);
  assert.match(text, /\n {2}startup-timeout = "5m0s"\n/);
  assert.match(text, /\n {2}threshold = 0\.0\n/);
  assert.match(text, /\n {2}excluded-subscriptions = \{ _kapacitor = \["autogen"\] \}\n/);
  assert.match(text, /\n\[\[influxdb\]\]\n/);
  assert.match(text, /\n {2}group-idle-timeout = "0s"\n/);
});

test('a changed config round-trips, including awkward strings and sub-millisecond durations', () => {
  const config = defaultConfig('/data dir');
  config.hostname = 'host "quoted" \\ tab\t\u007f';
  config.http.shutdownTimeout = 1.5;
  config.influxdb.push({ ...config.influxdb[0]!, name: 'second', subscriptions: { 'db.with.dots': ['rp'] } });
  config.httppost[0]!.headers = { 'X-Key': 'v' };
  assert.deepEqual(loadConfigText(renderConfig(config)), config);
});
