// [collectd]: hand-built network-protocol packets, types.db naming the values, split and join
// of multi-value types, and datagrams through a started server into a stream task.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../src/config/index.js';
import { CollectdPacketError, hrToNanos, parsePacket } from '../../../src/services/listeners/collectd/packet.js';
import { valueListPoints } from '../../../src/services/listeners/collectd/points.js';
import { parseTypesDB } from '../../../src/services/listeners/collectd/typesdb.js';
import type { Point } from '../../../src/models/point.js';
import { request, type TestServer } from '../../support/test-server.js';
import { outSeries, outTask, row, startWithInputs } from './support.js';
import { part, str, u64, values } from './collectd-packets.js';

const TYPES_DB = `# comment
load			shortterm:GAUGE:0:5000, midterm:GAUGE:0:5000, longterm:GAUGE:0:5000
if_octets		rx:DERIVE:0:U, tx:DERIVE:0:U
cpu			value:DERIVE:0:U
`;

/** host web01, load (3 gauges) at 1500000000.5 s (high resolution), then interface eth0 if_octets at 1500000001 s. */
function samplePacket(): Buffer {
  return Buffer.concat([
    str(0, 'web01'),
    u64(8, (1_500_000_000n << 30n) + (1n << 29n)),
    str(2, 'load'),
    str(4, 'load'),
    values(['gauge', 0.5], ['gauge', 0.25], ['gauge', 0.125]),
    u64(1, 1_500_000_001n),
    str(2, 'interface'),
    str(3, 'eth0'),
    str(4, 'if_octets'),
    part(0x0200, Buffer.alloc(36)),
    values(['derive', 1000n], ['derive', -2n]),
  ]);
}

test('types.db lines name the data sources of each type', () => {
  const types = parseTypesDB(TYPES_DB);
  assert.deepEqual(types.get('load'), ['shortterm', 'midterm', 'longterm']);
  assert.deepEqual(types.get('if_octets'), ['rx', 'tx']);
  assert.equal(types.size, 3);
});

test('a packet yields one value list per values part, inheriting host, plugin and time', () => {
  const lists = parsePacket(samplePacket()).lists;
  assert.equal(lists.length, 2);
  assert.deepEqual(lists[0], {
    host: 'web01',
    plugin: 'load',
    pluginInstance: '',
    type: 'load',
    typeInstance: '',
    time: 1_500_000_000_500_000_000n,
    values: [0.5, 0.25, 0.125],
  });
  assert.deepEqual(lists[1], {
    host: 'web01',
    plugin: 'interface',
    pluginInstance: 'eth0',
    type: 'if_octets',
    typeInstance: '',
    time: 1_500_000_001_000_000_000n,
    values: [1000, -2],
  });
  assert.equal(hrToNanos(1n << 30n), 1_000_000_000n);
  assert.throws(() => parsePacket(Buffer.from([0, 0, 0, 9, 1])), CollectdPacketError);
  assert.throws(() => parsePacket(part(0x0210, Buffer.alloc(8))), /encrypted/);
});

test('split makes one point per value (plugin_dsname); join one point per value list', () => {
  const types = parseTypesDB(TYPES_DB);
  const [load, iface] = parsePacket(samplePacket()).lists;
  const split: Point[] = [];
  valueListPoints(load!, types, { database: 'collectd', retentionPolicy: '', join: false }, split);
  valueListPoints(iface!, types, { database: 'collectd', retentionPolicy: '', join: false }, split);
  assert.deepEqual(
    split.map((p) => [p.name, p.fields.value]),
    [
      ['load_shortterm', 0.5],
      ['load_midterm', 0.25],
      ['load_longterm', 0.125],
      ['interface_rx', 1000],
      ['interface_tx', -2],
    ],
  );
  assert.deepEqual(split[3]!.tags, { host: 'web01', instance: 'eth0', type: 'if_octets' });
  const joined: Point[] = [];
  valueListPoints(load!, types, { database: 'collectd', retentionPolicy: '', join: true }, joined);
  assert.deepEqual(
    joined.map((p) => [p.name, p.fields]),
    [['load', { shortterm: 0.5, midterm: 0.25, longterm: 0.125 }]],
  );
  const unknown: Point[] = [];
  valueListPoints({ ...load!, type: 'nope' }, types, { database: 'collectd', retentionPolicy: '', join: false }, unknown);
  assert.deepEqual(
    unknown.map((p) => p.name),
    ['load_0', 'load_1', 'load_2'],
  );
  const nan: Point[] = [];
  assert.equal(valueListPoints({ ...load!, values: [NaN] }, types, { database: 'collectd', retentionPolicy: '', join: false }, nan), 1);
  assert.equal(nan.length, 0);
});

let dir: string;
let server: TestServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collectd-'));
  writeFileSync(join(dir, 'types.db'), TYPES_DB);
  const collectd = {
    ...defaultConfig().collectd,
    enabled: true,
    bindAddress: '127.0.0.1:0',
    database: 'cd',
    retentionPolicy: 'autogen',
    typesdb: join(dir, 'types.db'),
    authFile: join(dir, 'no-auth-file'),
    batchTimeout: 20,
  };
  server = await startWithInputs({ collectd });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('datagrams reach a stream task; a malformed one is counted', async () => {
  await outTask(server, 'cd_rx', 'cd', 'autogen', 'interface_rx');
  const port = server.server.listenerAddresses('collectd')[0]!.port;
  const socket = createSocket('udp4');
  for (const packet of [Buffer.from([1, 2, 3]), samplePacket()]) {
    await new Promise<void>((resolve, reject) => socket.send(packet, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  }
  socket.close();
  const series = await outSeries(server, 'cd_rx');
  assert.deepEqual(series[0]!.tags, { host: 'web01', instance: 'eth0', type: 'if_octets' });
  assert.deepEqual(row(series[0]!), { time: '2017-07-14T02:40:01Z', value: 1000 });
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  const stat = Object.values(vars.kapacitor as Record<string, { name: string; values: Record<string, number> }>).find((s) => s.name === 'collectd')!;
  assert.equal(stat.values.points_parse_fail, 1);
  assert.equal(stat.values.points_rx, 5);
});

test('a missing types.db fails the start, naming the section', async () => {
  const collectd = { ...defaultConfig().collectd, enabled: true, bindAddress: '127.0.0.1:0', typesdb: join(dir, 'missing.db') };
  await assert.rejects(startWithInputs({ collectd }), /\[collectd\] typesdb: .*no such file/);
});
