// Alert handlers that speak other protocols, each against a real peer on 127.0.0.1: email to
// an SMTP sink, sensu over TCP, mqtt through Debian's mosquitto, SNMP traps to a UDP
// receiver, exec running a real program. Kafka needs a broker: only its failure is tested.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { HandlerRegistry } from '../../../src/integrations/handler-registry.js';
import { CRITICAL, OK } from '../../../src/alert/levels.js';
import { freePort } from '../../support/spawn-server.js';
import { startTcpSink, waitFor } from '../../alert/peers.js';
import { startSmtpSink } from './smtp-sink.js';
import { contextWith, sampleEvent } from './support.js';

test('email handler sends the message as subject and the details as body', async () => {
  const smtp = await startSmtpSink();
  try {
    const context = contextWith({
      smtp: {
        enabled: true,
        host: '127.0.0.1',
        port: smtp.port,
        username: '',
        password: '',
        noVerify: true,
        global: false,
        stateChangesOnly: false,
        from: 'kapacitor@example.com',
        to: ['default@example.com'],
        idleTimeout: 30_000,
      },
    });
    const registry = new HandlerRegistry(context);
    const explicit = registry.create('email', { to: ['ops@example.com', 'dev@example.com'] });
    await explicit.handle(sampleEvent(CRITICAL));
    await explicit.close?.();
    const fallback = registry.create('email', {});
    await fallback.handle(sampleEvent(OK));
    await fallback.close?.();
    assert.equal(smtp.messages.length, 2);
    assert.deepEqual(smtp.messages[0]!.to, ['ops@example.com', 'dev@example.com']);
    assert.equal(smtp.messages[0]!.from, 'kapacitor@example.com');
    assert.match(smtp.messages[0]!.data, /Subject: cpu:host=a is level 3/);
    assert.match(smtp.messages[0]!.data, /some details/);
    assert.deepEqual(smtp.messages[1]!.to, ['default@example.com']);
  } finally {
    await smtp.close();
  }
});

test('sensu handler writes a check result to the client socket', async () => {
  const tcp = await startTcpSink();
  try {
    const handler = new HandlerRegistry(contextWith({ sensu: { enabled: true, addr: tcp.address, source: 'Kapacitor', handlers: ['h1'] } })).create('sensu', {
      metadata: { team: 'ops' },
    });
    await handler.handle(sampleEvent(CRITICAL, 'cpu alert/1'));
    await waitFor(() => tcp.messages.length === 1, 'sensu check');
    assert.deepEqual(JSON.parse(tcp.messages[0]!), {
      name: 'cpu_alert_1',
      source: 'Kapacitor',
      output: 'cpu alert/1 is level 3',
      status: 2,
      handlers: ['h1'],
      team: 'ops',
    });
  } finally {
    await tcp.close();
  }
});

test('exec handler fails with the exit status of a failing program', async () => {
  const handler = new HandlerRegistry(contextWith({})).create('exec', { prog: process.execPath, args: ['-e', 'process.exit(3)'] });
  await assert.rejects(Promise.resolve(handler.handle(sampleEvent(CRITICAL))), /exit status 3/);
});

test('snmptrap handler sends a trap with its data list', async () => {
  const socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (message) => received.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  try {
    const port = socket.address().port;
    const handler = new HandlerRegistry(contextWith({ snmptrap: { enabled: true, addr: `127.0.0.1:${port}`, community: 'public-test', retries: 0 } })).create(
      'snmptrap',
      { 'trap-oid': '1.3.6.1.4.1.1', 'data-list': [{ oid: '1.3.6.1.4.1.1.2', type: 's', value: '{{ .Message }}' }] },
    );
    await handler.handle(sampleEvent(CRITICAL));
    await waitFor(() => received.length > 0, 'trap datagram');
    const text = received[0]!.toString('latin1');
    assert.ok(text.includes('public-test'), 'community in the trap');
    assert.ok(text.includes('cpu:host=a is level 3'), 'templated value in the trap');
  } finally {
    socket.close();
  }
});

test('kafka handler reports an unconfigured cluster; a real broker is not available here', async (t) => {
  const handler = new HandlerRegistry(contextWith({ kafka: [] })).create('kafka', { cluster: 'c1', topic: 'alerts' });
  await assert.rejects(Promise.resolve(handler.handle(sampleEvent(CRITICAL))), /cluster "c1" is not configured/);
  assert.throws(() => new HandlerRegistry(contextWith({})).create('kafka', { cluster: 'c1' }), /topic must be provided/);
  t.diagnostic('publishing to a real Kafka broker is not tested: no broker is installed on this machine');
});

const MOSQUITTO = ['/usr/sbin/mosquitto', 'mosquitto'].find((candidate) => spawnSync(candidate, ['-h']).error === undefined);

test(
  'mqtt handler publishes the message to a mosquitto broker',
  { skip: MOSQUITTO === undefined ? 'mosquitto is not installed (apt-get install mosquitto)' : false },
  async () => {
    const port = await freePort();
    const broker = spawn(MOSQUITTO!, ['-p', String(port)], { stdio: 'ignore' });
    try {
      const url = `mqtt://127.0.0.1:${port}`;
      let subscriber: mqtt.MqttClient | undefined;
      const deadline = Date.now() + 5000;
      while (subscriber === undefined) {
        try {
          subscriber = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 1000 });
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      const messages: Array<{ topic: string; text: string; retain: boolean }> = [];
      subscriber.on('message', (topic, payload, packet) => messages.push({ topic, text: payload.toString(), retain: packet.retain }));
      await subscriber.subscribeAsync('alerts/#');
      const context = contextWith({
        mqtt: [
          {
            enabled: true,
            name: 'local',
            default: true,
            url: `tcp://127.0.0.1:${port}`,
            clientId: '',
            username: '',
            password: '',
            sslCa: '',
            sslCert: '',
            sslKey: '',
            insecureSkipVerify: false,
          },
        ],
      });
      const handler = new HandlerRegistry(context).create('mqtt', { topic: 'alerts/cpu', qos: 1 });
      await handler.handle(sampleEvent(CRITICAL));
      await waitFor(() => messages.length === 1, 'mqtt message');
      assert.deepEqual(messages[0], { topic: 'alerts/cpu', text: 'cpu:host=a is level 3', retain: false });
      await handler.close?.();
      await subscriber.endAsync();
    } finally {
      broker.kill();
    }
  },
);
