// The `victorops` alert handler: posts to URL/API-key/routing-key with the message type from
// the level (RECOVERY for OK), the alert id as entity and the details as data.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { levelName, OK } from '../../alert/levels.js';

export class VictorOpsHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().victorops;
    const routingKey = stringOption(this.options, 'routing-key', config?.routingKey ?? '');
    const base = (config?.url ?? 'https://alert.victorops.com/integrations/generic/20131114/alert').replace(/\/+$/, '');
    const url = `${base}/${encodeURIComponent(config?.apiKey ?? '')}/${encodeURIComponent(routingKey)}`;
    let data: unknown = event.state.details;
    if (config?.jsonData) {
      try {
        data = JSON.parse(event.state.details);
      } catch {
        data = event.state.details;
      }
    }
    await postJSON(url, {
      message_type: event.state.level === OK ? 'RECOVERY' : levelName(event.state.level),
      entity_id: event.id,
      state_message: event.state.message,
      timestamp: Number(event.state.time / 1_000_000_000n),
      monitoring_tool: 'kapacitor',
      data,
    });
  }
}
