import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigOverrideService, loadConfigText, OVERRIDES_BUCKET, UpdateError } from '../../src/config/index.js';
import { MemoryStore } from '../../src/storage/memory-store.js';

const FILE = '[[httppost]]\n  endpoint = "file"\n  url = "http://file"\n[smtp]\n  host = "mail"\n';

async function refusal(run: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof UpdateError);
    return { status: error.status, message: error.message };
  }
  assert.fail('expected an UpdateError');
}

test('an update changes the running configuration at once and is stored', async () => {
  const store = new MemoryStore();
  const service = new ConfigOverrideService(store, loadConfigText(FILE));
  const before = service.current();
  await service.update('httppost', '', false, '{"add":{"endpoint":"test","url":"http://sink"}}');
  await service.update('smtp', '', true, '{"set":{"port":2525,"password":"pw"}}');
  assert.deepEqual(
    service.current().httppost!.map((element) => element.endpoint),
    ['file', 'test'],
  );
  assert.equal(service.current().smtp!.port, 2525);
  assert.equal(before.smtp!.port, 25, 'earlier snapshots are never mutated');
  assert.equal(service.current().slack, before.slack, 'unchanged sections keep their object');
  assert.notEqual(service.current().httppost, before.httppost);
  assert.deepEqual(
    store.list(OVERRIDES_BUCKET).map((entry) => entry.key),
    ['httppost/test', 'smtp/'],
  );
  const smtp = service.sections().smtp![0]!;
  assert.equal(smtp.options.password, true);
  assert.deepEqual(smtp.redacted, ['password']);
});

test('stored overrides are applied again by a new service on the same store', async () => {
  const store = new MemoryStore();
  const first = new ConfigOverrideService(store, loadConfigText(FILE));
  await first.update('httppost', '', false, '{"add":{"endpoint":"test","url":"http://sink"}}');
  await first.update('httppost', 'file', true, '{"set":{"url":"http://changed"}}');
  const second = new ConfigOverrideService(store, loadConfigText(FILE));
  assert.deepEqual(
    second.current().httppost!.map((element) => [element.endpoint, element.url]),
    [
      ['file', 'http://changed'],
      ['test', 'http://sink'],
    ],
  );
  await second.update('httppost', '', false, '{"remove":["test"]}');
  const third = new ConfigOverrideService(store, loadConfigText(FILE));
  assert.deepEqual(
    third.current().httppost!.map((element) => element.endpoint),
    ['file'],
  );
});

test('skip-config-overrides starts from the file configuration', async () => {
  const store = new MemoryStore();
  await new ConfigOverrideService(store, loadConfigText(FILE)).update('smtp', '', true, '{"set":{"host":"other"}}');
  const skipped = new ConfigOverrideService(store, loadConfigText(`skip-config-overrides = true\n${FILE}`));
  assert.equal(skipped.current().smtp!.host, 'mail');
});

test('a stored override that no longer applies is skipped at boot', async () => {
  const store = new MemoryStore();
  await store.put(OVERRIDES_BUCKET, 'smtp/', { options: { gone: 1 }, create: false });
  await store.put(OVERRIDES_BUCKET, 'slack/', { options: { channel: '#ops' }, create: false });
  const service = new ConfigOverrideService(store, loadConfigText(FILE));
  assert.equal(service.current().slack![0]!.channel, '#ops');
  await service.update('smtp', '', true, '{"set":{"port":26}}');
  assert.equal(service.current().smtp!.port, 26);
});

test('a listener that refuses the new section fails the update with 500 and nothing changes', async () => {
  const store = new MemoryStore();
  const service = new ConfigOverrideService(store, loadConfigText(FILE));
  service.onUpdate('smtp', (config) => {
    if (config.smtp!.port === 1) throw new Error('port 1 is not allowed');
  });
  assert.deepEqual(await refusal(service.update('smtp', '', true, '{"set":{"port":1}}')), {
    status: 500,
    message: 'failed to update configuration smtp/: port 1 is not allowed',
  });
  assert.equal(service.current().smtp!.port, 25);
  assert.deepEqual(store.list(OVERRIDES_BUCKET), []);
});

test('invalid updates are refused with 400 and not stored; a disabled service answers 403', async () => {
  const store = new MemoryStore();
  const service = new ConfigOverrideService(store, loadConfigText(FILE));
  assert.equal((await refusal(service.update('smtp', '', true, '{"set":{"port":"x"}}'))).status, 400);
  assert.deepEqual(store.list(OVERRIDES_BUCKET), []);
  await service.update('smtp', '', true, '{"set":{"port":"7"}}');
  assert.equal(service.current().smtp!.port, 7);
  const disabled = new ConfigOverrideService(new MemoryStore(), loadConfigText('[config-override]\n  enabled = false\n'));
  assert.deepEqual(await refusal(disabled.update('smtp', '', true, '{"set":{"port":7}}')), { status: 403, message: 'config override service is not enabled' });
  assert.equal(disabled.enabled(), false);
});
