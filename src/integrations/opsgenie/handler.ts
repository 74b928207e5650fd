// The `opsgenie` alert handler (API v1): creates an alert (id as alias/entity) with teams and
// recipients; an OK posts a recovery note instead.

import { alertData, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringListOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { levelName, OK } from '../../alert/levels.js';

export class OpsGenieHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().opsgenie;
    const teams = stringListOption(this.options, 'teams');
    const recipients = stringListOption(this.options, 'recipients');
    const recovery = event.state.level === OK;
    const body: Record<string, unknown> = {
      apiKey: config?.apiKey ?? '',
      message: event.state.message,
      alias: event.id,
      entity: event.id,
      source: 'kapacitor',
      teams: teams.length > 0 ? teams : (config?.teams ?? []),
      recipients: recipients.length > 0 ? recipients : (config?.recipients ?? []),
      description: event.state.details,
      details: { 'Level': levelName(event.state.level), 'Monitoring Tool': 'Kapacitor', 'Kapacitor Task Name': event.taskName, data: alertData(event)['data'] },
    };
    if (recovery) body['note'] = event.state.message;
    const url = recovery ? (config?.recoveryUrl ?? 'https://api.opsgenie.com/v1/json/alert/note') : (config?.url ?? 'https://api.opsgenie.com/v1/json/alert');
    await postJSON(url, body);
  }
}
