// Every HTTP-based alert handler against a real HTTP peer on 127.0.0.1: where it posts, how
// it authenticates and the key fields of its body, for a CRITICAL and a recovery event.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HandlerRegistry } from '../../../src/integrations/handler-registry.js';
import { CRITICAL, OK, type Level } from '../../../src/alert/levels.js';
import type { Config } from '../../../src/config/sections.js';
import { startHttpSink, type HttpSink } from '../../alert/peers.js';
import { contextWith, sampleEvent } from './support.js';

let sink: HttpSink;
before(async () => {
  sink = await startHttpSink();
});
after(() => sink.close());

interface Case {
  kind: string;
  options?: Record<string, unknown>;
  config: (url: string) => Partial<Config>;
  check: (request: { path: string; headers: Record<string, unknown>; body: string }, level: number) => void;
}

const json = (body: string) => JSON.parse(body) as Record<string, any>;

const CASES: Case[] = [
  {
    kind: 'slack',
    options: { channel: '#ops' },
    config: (url) => ({
      slack: [
        {
          enabled: true,
          default: true,
          workspace: '',
          url: `${url}/slack`,
          token: '',
          channel: '#default',
          username: 'kapacitor',
          iconEmoji: ':x:',
          global: false,
          stateChangesOnly: false,
          sslCa: '',
          sslCert: '',
          sslKey: '',
          insecureSkipVerify: false,
        },
      ],
    }),
    check: (r, level) => {
      const body = json(r.body);
      assert.equal(r.path, '/slack');
      assert.equal(body.channel, '#ops');
      assert.equal(body.icon_emoji, ':x:');
      assert.equal(body.attachments[0].color, level === CRITICAL ? 'danger' : 'good');
      assert.match(body.attachments[0].text, /cpu:host=a is level/);
    },
  },
  {
    kind: 'pagerduty',
    config: (url) => ({ pagerduty: { enabled: true, url: `${url}/pd`, serviceKey: 'sk', global: false } }),
    check: (r, level) => {
      const body = json(r.body);
      assert.equal(body.service_key, 'sk');
      assert.equal(body.event_type, level === OK ? 'resolve' : 'trigger');
      assert.equal(body.incident_key, 'cpu:host=a');
    },
  },
  {
    kind: 'pagerduty2',
    options: { 'routing-key': 'rk', links: [{ href: 'http://x', text: 'x' }] },
    config: (url) => ({ pagerduty2: { enabled: true, url: `${url}/pd2`, routingKey: '', global: false } }),
    check: (r, level) => {
      const body = json(r.body);
      assert.equal(body.routing_key, 'rk');
      assert.equal(body.dedup_key, 'cpu:host=a');
      assert.equal(body.event_action, level === OK ? 'resolve' : 'trigger');
      assert.equal(body.payload.severity, level === CRITICAL ? 'critical' : 'info');
      assert.equal(body.payload.source, 'a');
      assert.deepEqual(body.links, [{ href: 'http://x', text: 'x' }]);
      assert.equal(body.payload.custom_details.result.series[0].values[0][1], 97.5);
    },
  },
  {
    kind: 'opsgenie',
    options: { teams: ['t1'] },
    config: (url) => ({
      opsgenie: { enabled: true, apiKey: 'key', teams: [], recipients: ['r'], url: `${url}/og`, recoveryUrl: `${url}/og/note`, global: false },
    }),
    check: (r, level) => {
      const body = json(r.body);
      assert.equal(r.path, level === OK ? '/og/note' : '/og');
      assert.equal(body.apiKey, 'key');
      assert.deepEqual(body.teams, ['t1']);
      assert.deepEqual(body.recipients, ['r']);
    },
  },
  {
    kind: 'opsgenie2',
    config: (url) => ({
      opsgenie2: { enabled: true, apiKey: 'key', teams: ['t'], recipients: [], url: `${url}/og2`, recoveryAction: 'close', global: false, details: false },
    }),
    check: (r, level) => {
      assert.equal(r.headers['authorization'], 'GenieKey key');
      if (level === OK) assert.equal(r.path, '/og2/cpu%3Ahost%3Da/close?identifierType=alias');
      else assert.deepEqual(json(r.body).responders, [{ type: 'team', name: 't' }]);
    },
  },
  {
    kind: 'victorops',
    config: (url) => ({ victorops: { enabled: true, apiKey: 'api', routingKey: 'rk', url: `${url}/vo`, jsonData: false, global: false } }),
    check: (r, level) => {
      assert.equal(r.path, '/vo/api/rk');
      const body = json(r.body);
      assert.equal(body.message_type, level === OK ? 'RECOVERY' : 'CRITICAL');
      assert.equal(body.entity_id, 'cpu:host=a');
      assert.equal(body.timestamp, 31_536_000);
    },
  },
  {
    kind: 'telegram',
    options: { 'parse-mode': 'Markdown' },
    config: (url) => ({
      telegram: {
        enabled: true,
        url: `${url}/bot`,
        token: 'TOKEN',
        chatId: '42',
        parseMode: '',
        disableWebPagePreview: false,
        disableNotification: true,
        global: false,
        stateChangesOnly: false,
      },
    }),
    check: (r) => {
      assert.equal(r.path, '/botTOKEN/sendMessage');
      const body = json(r.body);
      assert.deepEqual([body.chat_id, body.parse_mode, body.disable_notification], ['42', 'Markdown', true]);
    },
  },
  {
    kind: 'alerta',
    options: { resource: 'res-{{ index .Tags "host" }}', environment: 'prod' },
    config: (url) => ({
      alerta: {
        enabled: true,
        url: `${url}/alerta`,
        token: 'tok',
        tokenPrefix: 'Key',
        environment: '',
        origin: 'kapacitor',
        insecureSkipVerify: false,
        timeout: 0,
      },
    }),
    check: (r, level) => {
      assert.equal(r.path, '/alerta/alert');
      assert.equal(r.headers['authorization'], 'Key tok');
      const body = json(r.body);
      assert.deepEqual([body.resource, body.event, body.environment, body.severity], ['res-a', 'cpu:host=a', 'prod', level === OK ? 'ok' : 'critical']);
    },
  },
  {
    kind: 'pushover',
    options: { title: 'T' },
    config: (url) => ({ pushover: { enabled: true, token: 'tok', userKey: 'user', url: `${url}/po` } }),
    check: (r, level) => {
      const form = new URLSearchParams(r.body);
      assert.deepEqual([form.get('token'), form.get('user'), form.get('title'), form.get('priority')], ['tok', 'user', 'T', level === OK ? '-2' : '1']);
    },
  },
  {
    kind: 'teams',
    config: (url) => ({ teams: { enabled: true, channelUrl: `${url}/teams`, global: false, stateChangesOnly: false } }),
    check: (r, level) => {
      const body = json(r.body);
      assert.equal(body['@type'], 'MessageCard');
      assert.equal(body.themeColor, level === OK ? '36A64F' : 'CC4A31');
    },
  },
  {
    kind: 'discord',
    options: { 'embed-title': 'Alert!' },
    config: (url) => ({
      discord: [
        {
          enabled: true,
          default: true,
          workspace: 'w',
          url: `${url}/discord`,
          username: 'K',
          avatarUrl: '',
          embedTitle: 'x',
          global: false,
          stateChangesOnly: false,
          sslCa: '',
          sslCert: '',
          sslKey: '',
          insecureSkipVerify: false,
        },
      ],
    }),
    check: (r) => {
      const body = json(r.body);
      assert.equal(body.embeds[0].title, 'Alert!');
      assert.equal(body.embeds[0].timestamp, '1971-01-01T00:00:00Z');
    },
  },
  {
    kind: 'servicenow',
    options: { node: 'n1' },
    config: (url) => ({
      servicenow: { enabled: true, url: `${url}/sn`, source: 'Kapacitor', username: 'u', password: 'p', global: false, stateChangesOnly: false },
    }),
    check: (r, level) => {
      assert.equal(r.headers['authorization'], 'Basic ' + Buffer.from('u:p').toString('base64'));
      const record = json(r.body).records[0];
      assert.deepEqual([record.node, record.severity, record.message_key], ['n1', level === OK ? '0' : '1', 'cpu:host=a']);
    },
  },
  {
    kind: 'bigpanda',
    config: (url) => ({
      bigpanda: { enabled: true, url: `${url}/bp`, token: 'tok', appKey: 'app', insecureSkipVerify: false, global: false, stateChangesOnly: false },
    }),
    check: (r, level) => {
      assert.equal(r.headers['authorization'], 'Bearer tok');
      const body = json(r.body);
      assert.deepEqual([body.app_key, body.status, body.host], ['app', level === OK ? 'ok' : 'critical', 'a']);
    },
  },
  {
    kind: 'zenoss',
    config: (url) => ({
      zenoss: {
        enabled: true,
        url: `${url}/zen`,
        username: '',
        password: '',
        action: 'EventsRouter',
        method: 'add_event',
        type: 'rpc',
        tid: 7,
        collector: 'K',
        severityMap: {},
        global: false,
        stateChangesOnly: false,
      },
    }),
    check: (r, level) => {
      const body = json(r.body);
      assert.deepEqual([body.action, body.tid, body.data[0].severity], ['EventsRouter', 7, level === OK ? 'Clear' : 'Critical']);
    },
  },
  {
    kind: 'talk',
    config: (url) => ({ talk: { enabled: true, url: `${url}/talk`, authorName: 'K' } }),
    check: (r) => assert.deepEqual(Object.keys(json(r.body)).sort(), ['authorName', 'text', 'title']),
  },
  {
    kind: 'hipchat',
    options: { room: 'ops' },
    config: (url) => ({ hipchat: { enabled: true, url: `${url}/hc`, token: 'tok', room: '', global: false, stateChangesOnly: false } }),
    check: (r, level) => {
      assert.equal(r.path, '/hc/ops/notification?auth_token=tok');
      assert.equal(json(r.body).color, level === OK ? 'green' : 'red');
    },
  },
];

for (const c of CASES) {
  test(`${c.kind} handler posts to its service`, async () => {
    const handler = new HandlerRegistry(contextWith(c.config(sink.url))).create(c.kind, c.options ?? {});
    for (const level of [CRITICAL, OK] as Level[]) {
      const before = sink.requests.length;
      await handler.handle(sampleEvent(level));
      assert.equal(sink.requests.length, before + 1);
      const request = sink.requests[sink.requests.length - 1]!;
      c.check({ path: request.path, headers: request.headers, body: request.body }, level);
    }
  });
}

test('a failing service answer is an error naming the status', async () => {
  sink.status = 500;
  sink.reply = 'boom';
  try {
    const handler = new HandlerRegistry(contextWith({ talk: { enabled: true, url: `${sink.url}/talk`, authorName: 'K' } })).create('talk', {});
    await assert.rejects(Promise.resolve(handler.handle(sampleEvent(CRITICAL))), /unexpected response status 500: boom/);
  } finally {
    sink.status = 200;
    sink.reply = '';
  }
});

test('post handler uses a named endpoint with headers, basic auth and alert template', async () => {
  const context = contextWith({
    httppost: [
      {
        endpoint: 'ep',
        url: `${sink.url}/ep`,
        headers: { Authorization: 'works' },
        basicAuth: { username: '', password: '' },
        alertTemplate: '{"id":"{{ .ID }}","level":"{{ .Level }}","value":{{ index (index (index .Data.series 0).values 0) 1 }}}',
        alertTemplateFile: '',
        rowTemplate: '',
        rowTemplateFile: '',
      },
    ],
  });
  const handler = new HandlerRegistry(context).create('post', { endpoint: 'ep' });
  await handler.handle(sampleEvent(CRITICAL));
  const request = sink.requests[sink.requests.length - 1]!;
  assert.equal(request.path, '/ep');
  assert.equal(request.headers['authorization'], 'works');
  assert.deepEqual(JSON.parse(request.body), { id: 'cpu:host=a', level: 'CRITICAL', value: 97.5 });
  const missing = new HandlerRegistry(context).create('post', { endpoint: 'nope' });
  await assert.rejects(Promise.resolve(missing.handle(sampleEvent(CRITICAL))), /endpoint "nope" does not exist/);
});
