import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../src/config/index.js';
import { applyOverrides, OverrideError, type StoredOverride } from '../../src/config/overrides.js';
import { fromOverride } from '../../src/config/override-values.js';
import { decodeUpdateAction, planUpdate, UpdateError } from '../../src/config/override-update.js';
import { SECTIONS } from '../../src/config/sections.js';

const base = loadConfigText('[[influxdb]]\n  name = "a"\n  urls = ["http://a:8086"]\n[smtp]\n  host = "mail"\n');

function overrideError(overrides: StoredOverride[]): string {
  try {
    applyOverrides(base, overrides);
  } catch (error) {
    assert.ok(error instanceof OverrideError);
    return error.message;
  }
  assert.fail('expected an OverrideError');
}

test('set overrides convert values loosely and leave the base untouched', () => {
  const config = applyOverrides(base, [
    { id: 'smtp/', options: { port: '2525', 'idle-timeout': '1m', to: ['ops@example.com'], enabled: true }, create: false },
    { id: 'influxdb/a', options: { timeout: '5s', 'udp-buffer': 12.9, subscriptions: { db: ['rp'] } }, create: false },
  ]);
  assert.equal(config.smtp!.port, 2525);
  assert.equal(config.smtp!.idleTimeout, 60_000);
  assert.deepEqual(config.smtp!.to, ['ops@example.com']);
  assert.equal(config.smtp!.host, 'mail');
  assert.equal(config.influxdb![0]!.timeout, 5_000);
  assert.equal(config.influxdb![0]!.udpBuffer, 12);
  assert.deepEqual(config.influxdb![0]!.subscriptions, { db: ['rp'] });
  assert.equal(base.smtp.port, 25);
  assert.equal(base.influxdb[0]!.timeout, 0);
});

test('create overrides add an element filled with defaults', () => {
  const config = applyOverrides(base, [{ id: 'httppost/test', options: { endpoint: 'test', url: 'http://sink', headers: { A: 'b' } }, create: true }]);
  const added = config.httppost!.find((element) => element.endpoint === 'test')!;
  assert.equal(added.url, 'http://sink');
  assert.deepEqual(added.headers, { A: 'b' });
  assert.deepEqual(added.basicAuth, { username: '', password: '' });
  assert.equal(config.httppost!.length, 2);
});

test('sections missing from a partial base start from their defaults', () => {
  const config = applyOverrides({}, [{ id: 'slack/', options: { channel: '#ops' }, create: false }]);
  assert.equal(config.slack![0]!.channel, '#ops');
  assert.equal(config.slack![0]!.username, 'kapacitor');
  assert.equal(config.smtp, undefined);
});

test("override errors use Kapacitor's wording", () => {
  assert.equal(
    overrideError([{ id: 'smtp/', options: { port: 'bob' }, create: false }]),
    'failed to override configuration smtp/: cannot set option port: cannot convert string "bob" into int',
  );
  assert.equal(
    overrideError([{ id: 'smtp/', options: { nope: 1, also: 2 }, create: false }]),
    'failed to override configuration smtp/: unknown options [also nope] in section smtp',
  );
  assert.equal(overrideError([{ id: 'http/', options: {}, create: false }]), 'failed to override configuration http/: unknown section http');
  assert.equal(
    overrideError([{ id: 'influxdb/a', options: { name: 'b' }, create: false }]),
    'failed to override configuration influxdb/a: cannot override element key name',
  );
  assert.equal(
    overrideError([{ id: 'influxdb/missing', options: { urls: [] }, create: false }]),
    'failed to override configuration influxdb/missing: unknown options [urls] in section influxdb',
  );
  assert.equal(
    overrideError([{ id: 'smtp/', options: { host: 5 }, create: false }]),
    'failed to override configuration smtp/: cannot set option host: wrong kind float64, expected value of kind string: false',
  );
  assert.equal(
    overrideError([{ id: 'influxdb/a', options: { 'subscription-protocol': 'ftp' }, create: false }]),
    'failed to override configuration influxdb/a: failed validation: subscription-protocol: expected one of udp, http, https, got "ftp"',
  );
  assert.equal(
    overrideError([{ id: 'httppost/x', options: { endpoint: 3 }, create: true }]),
    'failed to override configuration httppost/: type of element key must be a string, got float64 ',
  );
});

test('value conversion follows the key kind', () => {
  const keys = SECTIONS.httppost.keys;
  assert.deepEqual(fromOverride(keys.basicAuth, { username: 'u' }), { username: 'u', password: '' });
  assert.throws(() => fromOverride(keys.basicAuth, { user: 'u' }), /invalid keys: user/);
  assert.throws(() => fromOverride(keys.headers, { A: 1 }), /failed to copy map value: wrong kind float64/);
  assert.throws(() => fromOverride(SECTIONS.smtp.keys.to, 'a'), /wrong kind string, expected value of kind slice/);
  assert.throws(() => fromOverride(SECTIONS.smtp.keys.enabled, 'true'), /wrong kind string, expected value of kind bool/);
  assert.throws(() => fromOverride(SECTIONS.smtp.keys.idleTimeout, 10), /cannot unmarshal float64 into int64/);
  assert.equal(fromOverride(SECTIONS.deadman.keys.threshold, '2.5'), 2.5);
});

function planError(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UpdateError);
    return { status: error.status, message: error.message };
  }
  assert.fail('expected an UpdateError');
}

test('update bodies are decoded as Kapacitor decodes them', () => {
  const action = decodeUpdateAction('smtp', '', true, '{"set":{"host":"x"},"delete":["port"],"other":1}');
  assert.deepEqual(action.set, { host: 'x' });
  assert.deepEqual(action.delete, ['port']);
  assert.deepEqual(
    planError(() => decodeUpdateAction('smtp', '', true, '{"set":[1]}')),
    { status: 400, message: 'failed to decode JSON:json: cannot unmarshal array into Go struct field updateAction.set of type map[string]interface {}' },
  );
  assert.deepEqual(
    planError(() => decodeUpdateAction('smtp', '', true, '')),
    { status: 400, message: 'failed to decode JSON:EOF' },
  );
  assert.equal(
    planError(() => decodeUpdateAction('smtp', '', true, '{"remove":[1]}')).message,
    'failed to decode JSON:json: cannot unmarshal number into Go struct field updateAction.remove of type string',
  );
});

test('planUpdate merges set/delete into the stored override of the element', () => {
  const stored: StoredOverride[] = [{ id: 'smtp/', options: { host: 'a', port: 1 }, create: false }];
  const plan = planUpdate(decodeUpdateAction('smtp', '', true, '{"set":{"host":"b"},"delete":["port"]}'), stored, base);
  assert.deepEqual(plan.put, { id: 'smtp/', options: { host: 'b' }, create: false });
  assert.deepEqual(plan.overrides, [plan.put]);
  const added = planUpdate(decodeUpdateAction('httppost', '', false, '{"add":{"endpoint":"t","url":"u"}}'), stored, base);
  assert.deepEqual(added.put, { id: 'httppost/t', options: { endpoint: 't', url: 'u' }, create: true });
  assert.equal(added.overrides.length, 2);
  const removed = planUpdate(decodeUpdateAction('httppost', '', false, '{"remove":["t","missing"]}'), added.overrides, base);
  assert.deepEqual(removed.deleteIds, ['httppost/t', 'httppost/missing']);
  assert.deepEqual(removed.overrides, stored);
});

test('planUpdate refuses what Kapacitor refuses', () => {
  const plan = (section: string, element: string, hasElement: boolean, body: string, stored: StoredOverride[] = []) =>
    planError(() => planUpdate(decodeUpdateAction(section, element, hasElement, body), stored, base));
  assert.deepEqual(plan('smtp', '', false, '{"set":{"host":"x"}}'), {
    status: 400,
    message: "failed to apply update: invalid update action: element not specified, are you missing a trailing '/'?",
  });
  assert.equal(plan('smtp', '', true, '{"add":{"host":"x"}}').message, 'failed to apply update: section "smtp" is not a list, cannot add new element');
  assert.equal(plan('nope', '', false, '{"add":{"a":1}}').message, 'failed to apply update: unknown section "nope"');
  assert.equal(plan('httppost', '', false, '{"add":{"url":"x"}}').message, 'failed to apply update: missing key "endpoint" in "add" map');
  assert.equal(plan('httppost', '', false, '{"add":{"endpoint":1}}').message, 'failed to apply update: expected "endpoint" key to be a string, got float64');
  assert.equal(
    plan('httppost', 'x', true, '{"add":{"endpoint":"y"}}').message,
    'failed to apply update: invalid update action: must not provide an element name when adding an a new override',
  );
  assert.equal(
    plan('httppost', 'x', true, '{"remove":["y"]}').message,
    'failed to apply update: invalid update action: must not provide element when removing an override',
  );
  assert.equal(
    plan('smtp', '', true, '{"set":{"a":1},"remove":["y"]}').message,
    'failed to apply update: invalid update action: cannot provide both set/delete and add/remove actions in the same update',
  );
  assert.equal(plan('', '', true, '{"set":{"a":1}}').message, 'failed to apply update: invalid update action: must provide section name');
  assert.equal(plan('sm tp', '', true, '{"set":{"a":1}}').message, 'failed to apply update: invalid update action: invalid section name "sm tp"');
  assert.equal(
    plan('httppost', '', false, '{"add":{"endpoint":"t"}}', [{ id: 'httppost/t', options: { endpoint: 't' }, create: true }]).message,
    'failed to apply update: cannot add new override, override already exists for httppost/t',
  );
  assert.equal(
    plan('influxdb', '', false, '{"add":{"name":"a"}}').message,
    'failed to apply update: cannot add new element, element already exists for influxdb/a',
  );
});
