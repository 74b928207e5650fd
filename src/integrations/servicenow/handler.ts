// The `servicenow` alert handler: an event record (source, node, type, resource, metric name,
// message key, severity from the level) posted to the Event Management API with basic auth.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { objectOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, INFO, WARNING } from '../../alert/levels.js';
import { formatGoTime } from '../../alert/template/index.js';

function severity(level: number): string {
  return level === CRITICAL ? '1' : level === WARNING ? '3' : level === INFO ? '5' : '0';
}

export class ServiceNowHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().servicenow;
    const headers: Record<string, string> = {};
    const username = stringOption(this.options, 'username', config?.username ?? '');
    const password = stringOption(this.options, 'password', config?.password ?? '');
    if (username !== '' || password !== '') {
      headers['Authorization'] = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
    }
    const additional = objectOption(this.options, 'additional_info');
    await postJSON(
      stringOption(this.options, 'url', config?.url ?? ''),
      {
        records: [
          {
            source: stringOption(this.options, 'source', config?.source ?? 'Kapacitor'),
            node: stringOption(this.options, 'node'),
            type: stringOption(this.options, 'type'),
            resource: stringOption(this.options, 'resource'),
            metric_name: stringOption(this.options, 'metric_name'),
            message_key: stringOption(this.options, 'message_key', event.id),
            time_of_event: formatGoTime(event.state.time).slice(0, 19),
            severity: severity(event.state.level),
            description: event.state.message,
            additional_info: JSON.stringify({ details: event.state.details, tags: event.tags, ...additional }),
          },
        ],
      },
      { headers },
    );
  }
}
