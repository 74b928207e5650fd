// The `opsgenie2` alert handler (API v2, GenieKey auth): creates an alert with responders and
// priority from the level; an OK adds a note or closes the alert (.recoveryAction() or
// [opsgenie2] recovery_action); .details() sends the event details as the description.

import { alertData, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { boolOption, stringListOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, INFO, levelName, OK, WARNING } from '../../alert/levels.js';

function priority(level: number): string {
  return level === CRITICAL ? 'P1' : level === WARNING ? 'P3' : level === INFO ? 'P5' : 'P5';
}

export class OpsGenie2Handler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().opsgenie2;
    const base = (config?.url ?? 'https://api.opsgenie.com/v2/alerts').replace(/\/+$/, '');
    const headers = { Authorization: `GenieKey ${config?.apiKey ?? ''}` };
    if (event.state.level === OK) {
      const action = stringOption(this.options, 'recovery_action', config?.recoveryAction ?? 'notes') === 'close' ? 'close' : 'notes';
      await postJSON(`${base}/${encodeURIComponent(event.id)}/${action}?identifierType=alias`, { source: 'kapacitor', note: event.state.message }, { headers });
      return;
    }
    const teams = stringListOption(this.options, 'teams');
    const recipients = stringListOption(this.options, 'recipients');
    const responders = [
      ...(teams.length > 0 ? teams : (config?.teams ?? [])).map((name) => ({ type: 'team', name })),
      ...(recipients.length > 0 ? recipients : (config?.recipients ?? [])).map((username) => ({ type: 'user', username })),
    ];
    await postJSON(
      base,
      {
        message: event.state.message,
        alias: event.id,
        entity: event.id,
        source: 'kapacitor',
        // Kapacitor sends the event details only when asked (.details() or [opsgenie2] details),
        // the triggering data as JSON otherwise.
        description:
          boolOption(this.options, 'details', config?.details ?? false) && event.state.details !== ''
            ? event.state.details
            : JSON.stringify(alertData(event)['data']),
        priority: priority(event.state.level),
        responders,
        details: {
          Level: levelName(event.state.level),
          'Monitoring Tool': 'Kapacitor',
          'Kapacitor Task Name': event.taskName,
          data: JSON.stringify(alertData(event)['data']),
        },
      },
      { headers },
    );
  }
}
