import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseBindAddress } from '../../src/config/index.js';
import { listenHost } from '../../src/config/bind-address.js';

test('bind addresses split like net.SplitHostPort', () => {
  assert.deepEqual(parseBindAddress(':9092'), { host: '', port: 9092 });
  assert.deepEqual(parseBindAddress('127.0.0.1:9092'), { host: '127.0.0.1', port: 9092 });
  assert.deepEqual(parseBindAddress('localhost:0'), { host: 'localhost', port: 0 });
  assert.deepEqual(parseBindAddress('[::1]:9092'), { host: '::1', port: 9092 });
  assert.deepEqual(parseBindAddress('[::]:80'), { host: '::', port: 80 });
});

test('malformed bind addresses are ConfigErrors naming the key', () => {
  for (const [address, why] of [
    ['9092', 'missing port'],
    ['::1:9092', 'too many colons'],
    ['host:port', 'invalid port "port"'],
    [':70000', 'invalid port "70000"'],
    ['[::1]9092', 'missing port'],
    ['[::1:9092', "missing ']'"],
  ]) {
    assert.throws(
      () => parseBindAddress(address!),
      (error: unknown) => error instanceof ConfigError && error.message === `config: [http] bind-address: ${why} in ${JSON.stringify(address)}`,
      address,
    );
  }
});

test('an empty host listens on every interface; the default config answers on loopback only', () => {
  assert.equal(listenHost(parseBindAddress(':9092')), '0.0.0.0');
  assert.equal(listenHost(parseBindAddress('127.0.0.1:9092')), '127.0.0.1');
  assert.equal(listenHost(parseBindAddress('[::1]:9092')), '::1');
});
