import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSections, loadConfigText } from '../../src/config/index.js';

test('config API lists the overridable sections with TOML option names', () => {
  const sections = configSections(loadConfigText('[smtp]\n  password = "secret"\n  idle-timeout = "45s"\n'));
  assert.deepEqual(Object.keys(sections).sort(), [
    'alerta',
    'bigpanda',
    'discord',
    'dns',
    'ec2',
    'file-discovery',
    'hipchat',
    'httppost',
    'influxdb',
    'kafka',
    'kubernetes',
    'mqtt',
    'opsgenie',
    'opsgenie2',
    'pagerduty',
    'pagerduty2',
    'pushover',
    'scraper',
    'sensu',
    'servicenow',
    'slack',
    'smtp',
    'snmptrap',
    'static-discovery',
    'swarm',
    'talk',
    'teams',
    'telegram',
    'victorops',
    'zenoss',
  ]);
  const smtp = sections.smtp![0]!;
  assert.equal(smtp.element, undefined);
  assert.equal(smtp.options['idle-timeout'], '45s');
  assert.equal(smtp.options.password, true);
  assert.deepEqual(smtp.redacted, ['password']);
  assert.equal(smtp.options.host, 'localhost');
  assert.equal(sections.sensu![0]!.redacted, undefined, 'no redacted list without secrets');
});

test('array sections name their elements; unset secrets show false', () => {
  const sections = configSections(loadConfigText('[[influxdb]]\n  name = "a"\n[[influxdb]]\n  name = "b"\n'));
  assert.deepEqual(
    sections.influxdb!.map((element) => element.element),
    ['a', 'b'],
  );
  assert.equal(sections.influxdb![0]!.options.password, false);
  assert.equal(sections.influxdb![0]!.options['startup-timeout'], '5m0s');
  assert.equal(sections.httppost![0]!.element, 'example');
  assert.equal(sections.httppost![0]!.options['basic-auth'], false);
});
