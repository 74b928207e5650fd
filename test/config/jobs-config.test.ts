// The [jobs] section: defaults, TOML values and KAPACITOR_JOBS_* environment overrides.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfigText } from '../../src/config/index.js';

test("[jobs] defaults match SeaTunnel's http settings", () => {
  const config = loadConfigText('');
  assert.equal(config.jobs.enabled, true);
  assert.equal(config.jobs.bindAddress, '127.0.0.1:8080');
  assert.equal(config.jobs.contextPath, '');
  assert.equal(config.jobs.enableDynamicPort, false);
  assert.equal(config.jobs.portRange, 100);
});

test('[jobs] from TOML, overridden by KAPACITOR_JOBS_* variables', () => {
  const toml = '[jobs]\n  bind-address = "127.0.0.1:9999"\n  context-path = "/seatunnel"\n  port-range = 5\n';
  const fromFile = loadConfigText(toml);
  assert.equal(fromFile.jobs.bindAddress, '127.0.0.1:9999');
  assert.equal(fromFile.jobs.contextPath, '/seatunnel');
  assert.equal(fromFile.jobs.portRange, 5);
  const fromEnv = loadConfigText(toml, {
    env: {
      KAPACITOR_JOBS_ENABLED: 'false',
      KAPACITOR_JOBS_BIND_ADDRESS: '127.0.0.1:8105',
      KAPACITOR_JOBS_CONTEXT_PATH: '/st',
      KAPACITOR_JOBS_ENABLE_DYNAMIC_PORT: 'true',
      KAPACITOR_JOBS_PORT_RANGE: '7',
    },
  });
  assert.deepEqual(
    [fromEnv.jobs.enabled, fromEnv.jobs.bindAddress, fromEnv.jobs.contextPath, fromEnv.jobs.enableDynamicPort, fromEnv.jobs.portRange],
    [false, '127.0.0.1:8105', '/st', true, 7],
  );
});
