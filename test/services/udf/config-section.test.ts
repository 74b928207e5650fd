// The [udf] section in the configuration: [udf.functions.NAME] tables load as given, print
// back through `kapacitord config` rendering, and are refused when not a table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, defaultConfig, loadConfigText, renderConfig } from '../../../src/config/index.js';
import { parseUdfFunctions } from '../../../src/udf/config.js';

const TEXT = `
[udf]
[udf.functions]
  [udf.functions.movingAvg]
    prog = "/usr/bin/python3"
    args = ["-u", "/opt/udf/moving_avg.py"]
    timeout = "10s"
    [udf.functions.movingAvg.env]
      PYTHONPATH = "/opt/udf/agent/py"
  [udf.functions.sock]
    socket = "/var/run/udf.sock"
    timeout = "5s"
`;

test('[udf.functions.NAME] tables load and parse into function configurations', () => {
  const config = loadConfigText(TEXT);
  const functions = parseUdfFunctions(config.udf.functions);
  assert.deepEqual(functions, [
    {
      name: 'movingAvg',
      prog: '/usr/bin/python3',
      args: ['-u', '/opt/udf/moving_avg.py'],
      env: { PYTHONPATH: '/opt/udf/agent/py' },
      socket: '',
      timeoutMs: 10_000,
    },
    { name: 'sock', prog: '', args: [], env: {}, socket: '/var/run/udf.sock', timeoutMs: 5_000 },
  ]);
});

test('the section renders and loads back unchanged', () => {
  const config = loadConfigText(TEXT);
  assert.deepEqual(loadConfigText(renderConfig(config)), config);
  assert.deepEqual(defaultConfig().udf, { functions: {} });
});

test('functions must be a table', () => {
  assert.throws(
    () => loadConfigText('[udf]\nfunctions = 3\n'),
    (e) => e instanceof ConfigError && /expected a table/.test(e.message),
  );
});
