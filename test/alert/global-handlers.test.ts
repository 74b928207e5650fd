import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globalHandlers } from '../../src/alert/global-handlers.js';
import { defaultConfig } from '../../src/config/index.js';

test('global handlers come from enabled sections with global = true', () => {
  const config = defaultConfig();
  assert.deepEqual(globalHandlers(config), []);
  config.smtp.enabled = true;
  config.smtp.global = true;
  config.smtp.stateChangesOnly = true;
  config.pagerduty2.global = true;
  config.slack = [{ ...config.slack[0]!, enabled: true, global: true, workspace: 'ops' }];
  assert.deepEqual(globalHandlers(config), [
    { key: 'email', kind: 'email', options: {}, stateChangesOnly: true },
    { key: 'slack:ops', kind: 'slack', options: { workspace: 'ops' }, stateChangesOnly: false },
  ]);
});
