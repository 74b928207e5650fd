// Service tests (/kapacitor/v1/service-tests): each handler kind's default test options and a
// test that sends one synthetic event through a handler built from the given options.

import { newEvent } from '../alert/event.js';
import type { HandlerContext } from '../alert/handler-context.js';
import { HandlerRegistry, handlerKinds } from './handler-registry.js';
import { CRITICAL } from '../alert/levels.js';
import { nowNs } from '../models/time.js';

/** Default options a service test starts from (Kapacitor's test option names). */
const TEST_OPTIONS: Record<string, Record<string, unknown>> = {
  log: { path: '/tmp/kapacitor-test.log', mode: 0o600 },
  tcp: { address: 'localhost:9999' },
  exec: { prog: '/bin/true', args: [] },
  post: { url: 'http://localhost:8080', endpoint: '', headers: {} },
  email: { to: [], subject: 'test subject', body: 'test body' },
  slack: { workspace: '', channel: '', username: '', 'icon-emoji': '' },
  pagerduty: { 'service-key': '' },
  pagerduty2: { 'routing-key': '', links: [] },
  victorops: { 'routing-key': '' },
  telegram: { 'chat-id': '', 'parse-mode': '', 'disable-web-page-preview': false, 'disable-notification': false },
  mqtt: { 'broker-name': '', topic: 'test', qos: 0, retained: false },
  kafka: { cluster: 'default', topic: 'test' },
  snmptrap: { 'trap-oid': '1.1.1.1', 'data-list': [] },
  sensu: { source: 'Kapacitor', handlers: [] },
};

const SERVICE_NAMES: Record<string, string> = { post: 'httppost', log: 'alertlog', email: 'smtp' };
/** Kinds that are aliases of another kind, not services of their own. */
const ALIASES = new Set(['smtp']);

export interface ServiceTestResult {
  success: boolean;
  message: string;
}

export function serviceTestNames(): Array<{ name: string; kind: string; options: Record<string, unknown> }> {
  return handlerKinds()
    .filter((kind) => !ALIASES.has(kind))
    .map((kind) => ({ name: SERVICE_NAMES[kind] ?? kind, kind, options: TEST_OPTIONS[kind] ?? { message: 'test alert', level: 'CRITICAL' } }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function runServiceTest(context: HandlerContext, name: string, options: Record<string, unknown>): Promise<ServiceTestResult | undefined> {
  const entry = serviceTestNames().find((candidate) => candidate.name === name);
  if (entry === undefined) return undefined;
  const merged = { ...entry.options, ...options };
  const message = typeof merged['message'] === 'string' ? merged['message'] : 'test kapacitor alert';
  try {
    const handler = new HandlerRegistry(context).create(entry.kind, merged);
    const event = newEvent({
      topic: 'testTopic',
      id: 'testAlert',
      state: { message, details: 'test details', time: nowNs(), duration: 0n, level: CRITICAL },
      recoverable: true,
      series: [],
      taskName: 'testTask',
      name: 'testName',
      group: '',
      tags: {},
      fields: {},
      category: '',
    });
    await handler.handle(event);
    await handler.close?.();
    return { success: true, message: '' };
  } catch (err) {
    return { success: false, message: (err as Error).message };
  }
}
