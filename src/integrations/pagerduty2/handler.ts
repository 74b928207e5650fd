// The `pagerduty2` alert handler (Events API v2): trigger/resolve with the alert id as dedup
// key, severity from the level, the triggering data as custom details, optional links.

import { alertData, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, OK, WARNING } from '../../alert/levels.js';
import { formatRFC3339Nano } from '../../alert/template/index.js';

export function pagerDutySeverity(level: number): string {
  return level === CRITICAL ? 'critical' : level === WARNING ? 'warning' : 'info';
}

export class PagerDuty2Handler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().pagerduty2;
    const routingKey = stringOption(this.options, 'routing-key', config?.routingKey ?? '');
    const url = stringOption(this.options, 'url', config?.url ?? 'https://events.pagerduty.com/v2/enqueue');
    const body: Record<string, unknown> = {
      routing_key: routingKey,
      event_action: event.state.level === OK ? 'resolve' : 'trigger',
      dedup_key: event.id,
      payload: {
        summary: event.state.message,
        source: event.tags['host'] ?? 'unknown',
        severity: pagerDutySeverity(event.state.level),
        timestamp: formatRFC3339Nano(event.state.time),
        class: event.taskName,
        custom_details: { result: alertData(event)['data'] },
      },
      client: 'kapacitor',
    };
    const links = this.options['links'];
    if (Array.isArray(links) && links.length > 0) body['links'] = links;
    await postJSON(url, body);
  }
}
