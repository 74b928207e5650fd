import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/index.js';

// Kapacitor's own example configurations, as shipped in etc/kapacitor/kapacitor.conf of 1.5.7 and
// of the newest release: they must load, and the only warnings are for what this server lacks.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function warningsOf(name: string): string[] {
  const warnings: string[] = [];
  const config = loadConfig({ path: fixture(name), warnings });
  assert.equal(config.http.bindAddress, ':9092');
  assert.equal(config.influxdb[0]!.name, 'localhost');
  return warnings.map((warning) => warning.replace(fixture(name), 'FILE'));
}

test('Kapacitor 1.5.7 kapacitor.conf loads; warnings name only what is still missing', () => {
  assert.deepEqual(warningsOf('kapacitor-1.5.7.conf'), EXPECTED_1_5_7);
});

test('Kapacitor 1.8.3 kapacitor.conf loads; warnings name only what is still missing', () => {
  assert.deepEqual(warningsOf('kapacitor-1.8.3.conf'), EXPECTED_1_8_3);
});

// `[static.labels]` is a slip in Kapacitor's file (it means [static-discovery.static.labels]);
// Kapacitor ignores it silently, we say so.
const EXPECTED_1_5_7: string[] = ['config: ignoring unknown section "static"; did you mean "stats"? (FILE:787)'];
// [auth] meta-* keys point Kapacitor Enterprise at its meta service for users; users live in our
// own store, so those keys do nothing here and are reported.
const EXPECTED_1_8_3: string[] = [
  'config: ignoring unknown key [auth] meta-addr (FILE:28)',
  'config: ignoring unknown key [auth] meta-use-tls (FILE:29)',
  'config: ignoring unknown key [auth] meta-ca (FILE:44)',
  'config: ignoring unknown key [auth] meta-cert (FILE:46)',
  'config: ignoring unknown key [auth] meta-key (FILE:47)',
  'config: ignoring unknown key [auth] meta-insecure-skip-verify (FILE:48)',
  'config: ignoring unknown section "static"; did you mean "stats"? (FILE:919)',
];
