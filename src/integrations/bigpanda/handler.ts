// The `bigpanda` alert handler: an alert (status from the level, host from the primary
// property, check from the secondary, the message as description, tags as attributes).

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { objectOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, OK, WARNING } from '../../alert/levels.js';

function status(level: number): string {
  return level === CRITICAL ? 'critical' : level === WARNING ? 'warning' : level === OK ? 'ok' : 'unknown';
}

export class BigPandaHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().bigpanda;
    const primary = stringOption(this.options, 'primary-property');
    const secondary = stringOption(this.options, 'secondary-property');
    const body: Record<string, unknown> = {
      app_key: stringOption(this.options, 'app-key', config?.appKey ?? ''),
      status: status(event.state.level),
      host: primary !== '' ? (event.tags[primary] ?? primary) : (event.tags['host'] ?? event.id),
      check: secondary !== '' ? (event.tags[secondary] ?? secondary) : event.id,
      description: event.state.message,
      details: event.state.details,
      timestamp: Number(event.state.time / 1_000_000_000n),
      task: `${event.taskName}:${event.name}`,
      ...event.tags,
      ...objectOption(this.options, 'attributes'),
    };
    const host = stringOption(this.options, 'host');
    if (host !== '') body['host'] = host;
    if (primary !== '') body['primary_property'] = primary;
    if (secondary !== '') body['secondary_property'] = secondary;
    await postJSON(config?.url ?? 'https://api.bigpanda.io/data/v2/alerts', body, {
      headers: { Authorization: `Bearer ${config?.token ?? ''}` },
      insecureSkipVerify: config?.insecureSkipVerify ?? false,
    });
  }
}
