// [[graphite]] over TCP and UDP: lines reach stream tasks of the section database in batches,
// with the section's templates; /debug/vars counts them.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { defaultConfig } from '../../../src/config/index.js';
import { request, type TestServer } from '../../support/test-server.js';
import { outSeries, outTask, row, startWithInputs } from './support.js';

let server: TestServer;
before(async () => {
  const base = defaultConfig().graphite[0]!;
  server = await startWithInputs({
    graphite: [
      {
        ...base,
        enabled: true,
        bindAddress: '127.0.0.1:0',
        database: 'gtcp',
        retentionPolicy: 'autogen',
        templates: ['.host.measurement.field*'],
        batchSize: 2,
        batchTimeout: 50,
      },
      { ...base, enabled: true, bindAddress: '127.0.0.1:0', protocol: 'udp', database: 'gudp', retentionPolicy: 'autogen', tags: ['dc=eu'], batchTimeout: 20 },
    ],
  });
});
after(async () => {
  await server.close();
});

test('TCP lines, split by the template, reach a stream task', async () => {
  await outTask(server, 'g_tcp', 'gtcp', 'autogen');
  const [tcp] = server.server.listenerAddresses('graphite');
  const socket = connect(tcp!.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('servers.web01.cpu.idle 91.5 1500000000\nservers.web01.cp');
  socket.end('u.user 8 1500000001\n');
  const series = await outSeries(server, 'g_tcp', (s) => s.length > 0 && s[0]!.values[0]![0] === '2017-07-14T02:40:01Z');
  assert.equal(series[0]!.name, 'cpu');
  assert.deepEqual(series[0]!.tags, { host: 'web01' });
  assert.deepEqual(row(series[0]!), { time: '2017-07-14T02:40:01Z', user: 8 });
});

test('UDP datagrams of several lines are read, with the configured tags; stats count them', async () => {
  await outTask(server, 'g_udp', 'gudp', 'autogen');
  const udp = server.server.listenerAddresses('graphite')[1]!;
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) =>
    socket.send('disk.used 10 1500000000\nnot a valid line here\ndisk.used 11 1500000002\n', udp.port, '127.0.0.1', (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    }),
  );
  const series = await outSeries(server, 'g_udp', (s) => s.length > 0 && s[0]!.values[0]![1] === 11);
  assert.equal(series[0]!.name, 'disk.used');
  assert.deepEqual(series[0]!.tags, { dc: 'eu' });
  const vars = (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json;
  const stats = Object.values(vars.kapacitor as Record<string, { name: string; tags: Record<string, string>; values: Record<string, number> }>).filter(
    (stat) => stat.name === 'graphite',
  );
  const udpStats = stats.find((stat) => stat.tags.proto === 'udp')!;
  assert.equal(udpStats.values.points_parse_fail, 1);
  assert.equal(udpStats.values.points_tx, 2);
  assert.equal(stats.find((stat) => stat.tags.proto === 'tcp')!.values.connections_handled, 1);
});
