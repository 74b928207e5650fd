// [[udp]]: line protocol datagrams reach stream tasks of the section's database and retention
// policy, are counted in the ingress statistics, and a datagram with a bad line is dropped whole.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { defaultConfig } from '../../../src/config/index.js';
import { poll, request, type TestServer } from '../../support/test-server.js';
import { outSeries, outTask, row, startWithInputs } from './support.js';

let server: TestServer;
let port: number;
before(async () => {
  const udp = { ...defaultConfig().udp[0]!, enabled: true, bindAddress: '127.0.0.1:0', database: 'udpdb', retentionPolicy: 'autogen', precision: 's' };
  server = await startWithInputs({ udp: [udp] });
  port = server.server.listenerAddresses('udp')[0]!.port;
});
after(async () => {
  await server.close();
});

function send(text: string): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) =>
    socket.send(text, port, '127.0.0.1', (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    }),
  );
}

test('the listener binds a free port when given port 0', () => {
  assert.ok(port > 0);
});

test('datagrams reach a stream task of the section database, with the section precision', async () => {
  await outTask(server, 'udp_cpu', 'udpdb', 'autogen', 'cpu');
  await send('cpu,host=a value=1 100\ncpu,host=a value=2 101\n');
  const series = await outSeries(server, 'udp_cpu');
  assert.equal(series[0]!.name, 'cpu');
  assert.deepEqual(series[0]!.tags, { host: 'a' });
  assert.deepEqual(row(series[0]!), { time: '1970-01-01T00:01:41Z', value: 2 });
});

test('a datagram with a bad line is dropped whole and counted; ingress counts the rest', async () => {
  await outTask(server, 'udp_mem', 'udpdb', 'autogen', 'mem');
  await send('mem value=1 200\nmem value= 201\n');
  await send('mem value=7 300\n');
  const series = await outSeries(server, 'udp_mem');
  assert.deepEqual(row(series[0]!), { time: '1970-01-01T00:05:00Z', value: 7 });
  const vars = await poll(
    async () => (await request(server.url, 'GET', '/kapacitor/v1/debug/vars')).json,
    (json) => Object.values(json.kapacitor as Record<string, { name: string }>).some((stat) => stat.name === 'udp'),
  );
  const stats = Object.values(vars.kapacitor as Record<string, { name: string; tags: Record<string, string>; values: Record<string, number> }>);
  const udp = stats.find((stat) => stat.name === 'udp')!;
  assert.equal(udp.tags.bind, `127.0.0.1:${port}`);
  assert.equal(udp.values.points_parse_fail, 1);
  assert.ok(udp.values.points_rx! >= 3);
  const ingress = stats.find((stat) => stat.name === 'ingress' && stat.tags.database === 'udpdb' && stat.tags.measurement === 'mem')!;
  assert.equal(ingress.values.points_received, 1);
});
