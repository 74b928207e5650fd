// Handler properties and keys of newer Kapacitor releases: TICKscripts using them define, the
// properties become Kapacitor's option names, and each handler sends what they ask for.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HandlerRegistry } from '../../../src/integrations/handler-registry.js';
import { CRITICAL, OK } from '../../../src/alert/levels.js';
import { crc32, fnv1a, murmur2, partitionFor } from '../../../src/integrations/kafka/partition.js';
import { startHttpSink, type HttpSink } from '../../alert/peers.js';
import { request, startTestServer, type TestServer } from '../../support/test-server.js';
import { contextWith, sampleEvent } from './support.js';

let sink: HttpSink;
let server: TestServer;
before(async () => {
  sink = await startHttpSink();
  server = await startTestServer();
});
after(async () => {
  await sink.close();
  await server.close();
});

const SCRIPT = `stream
    |from()
        .measurement('cpu')
    |alert()
        .crit(lambda: "value" > 90)
        .opsGenie2()
            .recoveryAction('close')
            .details()
        .serviceNow()
            .url('http://sn.example/api')
            .username('u')
            .password('p')
            .additionalInfo('runbook', 'http://wiki')
        .email('a@example.com')
            .toTemplates('{{ index .Tags "owner" }}@example.com')
        .alerta()
            .correlated('cpu-high', 'cpu-low')
            .attribute('region', 'eu')
        .bigPanda()
            .host('web-1')
            .attribute('team', 'ops')
        .pagerDuty2()
            .serviceKey('legacy-key')
        .kafka()
            .cluster('c')
            .kafkaTopic('alerts')
            .disablePartitionById()
            .partitionHashAlgorithm('murmur2')
        .zenoss()
            .summary('s')
            .device('d')
            .component('c')
            .eventClassKey('k')
            .eventClass('/App')
            .customField('env', 'prod')
`;

test('a script using every newer handler property defines', async () => {
  const created = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'props', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: SCRIPT },
  });
  assert.equal(created.status, 200, created.text);
  assert.match(created.json.dot ?? '', /alert2/);
});

test('opsGenie2 .recoveryAction() and .details() override the section', async () => {
  const registry = new HandlerRegistry(
    contextWith({
      opsgenie2: { enabled: true, apiKey: 'k', teams: [], recipients: [], url: `${sink.url}/og2`, recoveryAction: 'notes', global: false, details: false },
    }),
  );
  const handler = registry.create('opsgenie2', { recovery_action: 'close', details: true });
  await handler.handle(sampleEvent(CRITICAL));
  assert.equal(JSON.parse(sink.requests.at(-1)!.body).description, 'some details');
  await handler.handle(sampleEvent(OK));
  assert.match(sink.requests.at(-1)!.path, /\/close\?identifierType=alias$/);
  const plain = registry.create('opsgenie2', {});
  await plain.handle(sampleEvent(CRITICAL));
  assert.match(JSON.parse(sink.requests.at(-1)!.body).description, /97\.5/);
});

test('serviceNow .url() .username() .password() .additionalInfo()', async () => {
  const handler = new HandlerRegistry(
    contextWith({
      servicenow: { enabled: true, url: 'http://unused', source: 'K', username: '', password: '', global: false, stateChangesOnly: false },
    }),
  ).create('servicenow', { url: `${sink.url}/sn`, username: 'u', password: 'p', additional_info: { runbook: 'http://wiki' } });
  await handler.handle(sampleEvent(CRITICAL));
  const seen = sink.requests.at(-1)!;
  assert.equal(seen.path, '/sn');
  assert.equal(seen.headers['authorization'], `Basic ${Buffer.from('u:p').toString('base64')}`);
  assert.equal(JSON.parse(JSON.parse(seen.body).records[0].additional_info).runbook, 'http://wiki');
});

test('bigPanda .host() and .attribute(); alerta .correlated() and .attribute()', async () => {
  const context = contextWith({
    bigpanda: { enabled: true, url: `${sink.url}/bp`, token: 't', appKey: 'app', insecureSkipVerify: false, global: false, stateChangesOnly: false },
    alerta: {
      enabled: true,
      url: sink.url,
      token: '',
      tokenPrefix: 'Bearer',
      environment: 'prod',
      origin: 'k',
      insecureSkipVerify: false,
      global: false,
      timeout: 0,
    } as never,
  });
  await new HandlerRegistry(context).create('bigpanda', { host: 'web-1', attributes: { team: 'ops' } }).handle(sampleEvent(CRITICAL));
  const panda = JSON.parse(sink.requests.at(-1)!.body);
  assert.equal(panda.host, 'web-1');
  assert.equal(panda.team, 'ops');
  await new HandlerRegistry(context).create('alerta', { correlate: ['a', 'b'], attributes: { region: 'eu' } }).handle(sampleEvent(CRITICAL));
  const alerta = JSON.parse(sink.requests.at(-1)!.body);
  assert.deepEqual(alerta.correlate, ['a', 'b']);
  assert.deepEqual(alerta.attributes, { region: 'eu' });
});

test('zenoss fields, custom fields and the [zenoss] severity-map', async () => {
  const handler = new HandlerRegistry(
    contextWith({
      zenoss: {
        enabled: true,
        url: `${sink.url}/zen`,
        username: '',
        password: '',
        action: 'EventsRouter',
        method: 'add_event',
        type: 'rpc',
        tid: 1,
        collector: 'K',
        severityMap: { OK: 'Clear', Info: 'Info', Warning: 'Warning', Critical: 5 },
        global: false,
        stateChangesOnly: false,
      },
    }),
  ).create('zenoss', { summary: 's', device: 'd', component: 'c', evclasskey: 'k', evclass: '/App', customField: { env: 'prod' } });
  await handler.handle(sampleEvent(CRITICAL));
  const data = JSON.parse(sink.requests.at(-1)!.body).data[0];
  assert.deepEqual(
    [data.summary, data.device, data.component, data.evclasskey, data.evclass, data.env, data.severity],
    ['s', 'd', 'c', 'k', '/App', 'prod', '5'],
  );
});

test('[[slack]] token posts to the API with a bearer token', async () => {
  const handler = new HandlerRegistry(
    contextWith({
      slack: [
        {
          enabled: true,
          default: true,
          workspace: '',
          url: `${sink.url}/api/chat.postMessage`,
          token: 'xoxb-1',
          channel: '#c',
          username: 'k',
          iconEmoji: '',
          global: false,
          stateChangesOnly: false,
          sslCa: '',
          sslCert: '',
          sslKey: '',
          insecureSkipVerify: false,
        },
      ],
    }),
  ).create('slack', {});
  await handler.handle(sampleEvent(CRITICAL));
  assert.equal(sink.requests.at(-1)!.headers['authorization'], 'Bearer xoxb-1');
});

test("kafka partition hashes match Kafka's and Go's reference values", () => {
  assert.equal(crc32(Buffer.from('hello')), 0x3610a686);
  assert.equal(fnv1a(Buffer.from('hello')), 0x4f9f2cab);
  for (const [key, expected] of [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['abc', 479470107],
  ] as const) {
    assert.equal(murmur2(Buffer.from(key)) | 0, expected, key);
  }
  assert.equal(partitionFor('hello', 7, ''), 0x3610a686 % 7);
  assert.equal(partitionFor('hello', 7, 'fnv-1a'), 0x4f9f2cab % 7);
});
