// The `pagerduty` alert handler (Events API v1): trigger with the message and details, resolve
// on OK, the alert id as incident key.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { OK } from '../../alert/levels.js';

export class PagerDutyHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().pagerduty;
    const serviceKey = stringOption(this.options, 'service-key', config?.serviceKey ?? '');
    const url = stringOption(this.options, 'url', config?.url ?? 'https://events.pagerduty.com/generic/2010-04-15/create_event.json');
    await postJSON(url, {
      service_key: serviceKey,
      event_type: event.state.level === OK ? 'resolve' : 'trigger',
      description: event.state.message,
      client: 'kapacitor',
      incident_key: event.id,
      details: event.state.details,
    });
  }
}
