// [collectd] security-level and auth-file: signed and encrypted datagrams built here with
// node:crypto, read by the parser at each level, then sent over UDP to started servers (none,
// sign, encrypt) to see which points arrive and which drops are counted; a missing auth file
// fails the start of sign and encrypt.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../src/config/index.js';
import { AuthFile, parseAuthFile } from '../../../src/services/listeners/collectd/auth-file.js';
import { CollectdSecurityError, parsePacket, type SecurityLevel } from '../../../src/services/listeners/collectd/packet.js';
import { request, type TestServer } from '../../support/test-server.js';
import { encrypted, gaugePacket, part, signed } from './collectd-packets.js';
import { outSeries, outTask, row, startWithInputs } from './support.js';

const USERS = new Map([
  ['alice', 'w0nderl4nd'],
  ['bob', 'bu1|der'],
]);
/** null: no auth file to read. */
const security = (level: SecurityLevel, passwords: ReadonlyMap<string, string> | null = USERS) => ({ level, passwords: () => passwords ?? undefined });
const plugins = (packet: Buffer, level: SecurityLevel, passwords?: ReadonlyMap<string, string> | null) => {
  const parsed = parsePacket(packet, security(level, passwords));
  return { plugins: parsed.lists.map((list) => `${list.plugin}=${list.values[0]}`), insecure: parsed.insecure };
};

test('the auth file: "user: password" lines, trimmed; comments and lines without a colon skipped', () => {
  const table = parseAuthFile('alice: w0nderl4nd\n  bob:\tbu1|der  \r\n# carol: x\nnot a user line\ndave:pa:ss');
  assert.deepEqual(
    [...table],
    [
      ['alice', 'w0nderl4nd'],
      ['bob', 'bu1|der'],
      ['dave', 'pa:ss'],
    ],
  );
});

test('sign keeps signed and encrypted value lists and drops plain ones', () => {
  const plain = gaugePacket('plain', 1);
  assert.deepEqual(plugins(plain, 'sign'), { plugins: [], insecure: 1 });
  assert.deepEqual(plugins(signed(gaugePacket('sig', 2), 'alice', 'w0nderl4nd'), 'sign'), { plugins: ['sig=2'], insecure: 0 });
  assert.deepEqual(plugins(encrypted(gaugePacket('enc', 3), 'bob', 'bu1|der'), 'sign'), { plugins: ['enc=3'], insecure: 0 });
  // Plain parts before the signature are not covered by it.
  assert.deepEqual(plugins(Buffer.concat([plain, signed(gaugePacket('sig', 2), 'alice', 'w0nderl4nd')]), 'sign'), { plugins: ['sig=2'], insecure: 1 });
});

test('a wrong password, an unknown user or a tampered packet fails the datagram', () => {
  const good = signed(gaugePacket('sig', 2), 'alice', 'w0nderl4nd');
  assert.throws(() => parsePacket(signed(gaugePacket('sig', 2), 'alice', 'nope'), security('sign')), CollectdSecurityError);
  assert.throws(() => parsePacket(signed(gaugePacket('sig', 2), 'mallory', 'x'), security('sign')), /no such user: "mallory"/);
  const tampered = Buffer.from(good);
  tampered[tampered.length - 1]! ^= 1;
  assert.throws(() => parsePacket(tampered, security('sign')), /failed verification/);
  assert.throws(() => parsePacket(encrypted(gaugePacket('enc', 3), 'bob', 'wrong'), security('encrypt')), /checksum/);
  assert.throws(() => parsePacket(encrypted(gaugePacket('enc', 3), 'eve', 'x'), security('encrypt')), /no such user: "eve"/);
  assert.throws(() => parsePacket(part(0x0210, Buffer.from([0, 200, 1, 2])), security('encrypt')), /user name length/);
});

test('encrypt keeps only encrypted value lists', () => {
  assert.deepEqual(plugins(gaugePacket('plain', 1), 'encrypt'), { plugins: [], insecure: 1 });
  assert.deepEqual(plugins(signed(gaugePacket('sig', 2), 'alice', 'w0nderl4nd'), 'encrypt'), { plugins: [], insecure: 1 });
  assert.deepEqual(plugins(encrypted(gaugePacket('enc', 3), 'bob', 'bu1|der'), 'encrypt'), { plugins: ['enc=3'], insecure: 0 });
  // A signed packet inside an encrypted part stays encrypted.
  const nested = encrypted(signed(gaugePacket('both', 4), 'alice', 'w0nderl4nd'), 'bob', 'bu1|der');
  assert.deepEqual(plugins(nested, 'encrypt'), { plugins: ['both=4'], insecure: 0 });
});

test('none: without an auth file signatures are ignored and encrypted parts fail; with one both are checked', () => {
  const forged = signed(gaugePacket('sig', 2), 'alice', 'not-the-password');
  assert.deepEqual(plugins(forged, 'none', null), { plugins: ['sig=2'], insecure: 0 });
  assert.throws(() => parsePacket(encrypted(gaugePacket('enc', 3), 'bob', 'bu1|der'), security('none', null)), /no auth file/);
  assert.throws(() => parsePacket(forged, security('none')), /failed verification/);
  assert.deepEqual(plugins(encrypted(gaugePacket('enc', 3), 'bob', 'bu1|der'), 'none'), { plugins: ['enc=3'], insecure: 0 });
  assert.deepEqual(plugins(signed(gaugePacket('sig', 2), 'alice', 'w0nderl4nd'), 'none'), { plugins: ['sig=2'], insecure: 0 });
});

let dir: string;
const servers: Partial<Record<SecurityLevel, TestServer>> = {};

function collectdConfig(level: SecurityLevel, authFile: string) {
  return {
    ...defaultConfig().collectd,
    enabled: true,
    bindAddress: '127.0.0.1:0',
    database: 'cd',
    retentionPolicy: 'autogen',
    typesdb: join(dir, 'types.db'),
    securityLevel: level,
    authFile,
    batchTimeout: 20,
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collectd-security-'));
  writeFileSync(join(dir, 'types.db'), 'gauge value:GAUGE:U:U\n');
  writeFileSync(join(dir, 'auth_file'), 'alice: w0nderl4nd\nbob: bu1|der\n');
  servers.none = await startWithInputs({ collectd: collectdConfig('none', join(dir, 'missing_auth_file')) });
  servers.sign = await startWithInputs({ collectd: collectdConfig('sign', join(dir, 'auth_file')) });
  servers.encrypt = await startWithInputs({ collectd: collectdConfig('encrypt', join(dir, 'auth_file')) });
});
after(async () => {
  for (const server of Object.values(servers)) await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send(server: TestServer, packets: Buffer[]): Promise<void> {
  const port = server.server.listenerAddresses('collectd')[0]!.port;
  const socket = createSocket('udp4');
  for (const packet of packets) {
    await new Promise<void>((resolve, reject) => socket.send(packet, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  }
  socket.close();
}

async function collectdStats(server: TestServer): Promise<Record<string, number>> {
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  return Object.values(vars.kapacitor as Record<string, { name: string; values: Record<string, number> }>).find((s) => s.name === 'collectd')!.values;
}

/** Sends the packets, then a last one that must arrive (measurement done_value), and answers the stats. */
async function deliver(server: TestServer, task: string, packets: Buffer[], last: Buffer): Promise<Record<string, number>> {
  await outTask(server, task, 'cd', 'autogen', 'done_value');
  await send(server, [...packets, last]);
  const series = await outSeries(server, task);
  assert.equal(row(series[0]!).value, 9);
  return collectdStats(server);
}

test('sign over UDP: only verified packets arrive; plain, wrong-password and unknown-user ones are counted', async () => {
  const stats = await deliver(
    servers.sign!,
    'sign_out',
    [
      gaugePacket('plain', 1),
      signed(gaugePacket('sig', 2), 'alice', 'w0nderl4nd'),
      signed(gaugePacket('badpw', 3), 'alice', 'guess'),
      signed(gaugePacket('nouser', 4), 'mallory', 'w0nderl4nd'),
      encrypted(gaugePacket('enc', 5), 'bob', 'bu1|der'),
    ],
    signed(gaugePacket('done', 9), 'bob', 'bu1|der'),
  );
  assert.equal(stats.points_rx, 3, 'sig, enc and done');
  assert.equal(stats.insecure_dropped, 1, 'plain');
  assert.equal(stats.auth_fail, 2, 'wrong password and unknown user');
  assert.equal(stats.points_parse_fail, 2);
});

test('encrypt over UDP: only encrypted packets arrive', async () => {
  const stats = await deliver(
    servers.encrypt!,
    'encrypt_out',
    [
      gaugePacket('plain', 1),
      signed(gaugePacket('sig', 2), 'alice', 'w0nderl4nd'),
      encrypted(gaugePacket('enc', 5), 'bob', 'bu1|der'),
      encrypted(gaugePacket('badpw', 6), 'bob', 'guess'),
    ],
    encrypted(gaugePacket('done', 9), 'alice', 'w0nderl4nd'),
  );
  assert.equal(stats.points_rx, 2, 'enc and done');
  assert.equal(stats.insecure_dropped, 2, 'plain and signed');
  assert.equal(stats.auth_fail, 1, 'wrong password');
});

test('none over UDP without an auth file: plain and signed packets arrive, encrypted ones are dropped', async () => {
  const stats = await deliver(
    servers.none!,
    'none_out',
    [gaugePacket('plain', 1), signed(gaugePacket('sig', 2), 'alice', 'anything'), encrypted(gaugePacket('enc', 5), 'bob', 'bu1|der')],
    gaugePacket('done', 9),
  );
  assert.equal(stats.points_rx, 3, 'plain, sig and done');
  assert.equal(stats.auth_fail, 1, 'encrypted');
  assert.equal(stats.insecure_dropped, 0);
});

test('the auth file is read again when it changes', () => {
  const path = join(dir, 'changing_auth_file');
  writeFileSync(path, 'alice: one\n');
  const file = new AuthFile(path);
  assert.equal(file.load().get('alice'), 'one');
  writeFileSync(path, 'alice: two\n');
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
  assert.equal(file.passwords()?.get('alice'), 'two');
  rmSync(path);
  assert.equal(file.passwords(), undefined);
});

test('sign or encrypt without a readable auth file fails the start, naming the file', async () => {
  await assert.rejects(startWithInputs({ collectd: collectdConfig('sign', join(dir, 'nope')) }), /\[collectd\] auth-file ".*nope": .*no such file/);
  await assert.rejects(startWithInputs({ collectd: collectdConfig('encrypt', '') }), /\[collectd\] security-level encrypt needs an auth-file/);
});
