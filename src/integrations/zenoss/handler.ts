// The `zenoss` alert handler: an event through the JSON API router (action/method/type/tid),
// severity from the level (or the severity map), with basic auth.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { objectOption, numberOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { levelName } from '../../alert/levels.js';

const SEVERITY_KEYS: Record<string, string> = { OK: 'OK', INFO: 'Info', WARNING: 'Warning', CRITICAL: 'Critical' };
const DEFAULT_SEVERITY: Record<string, string> = { OK: 'Clear', INFO: 'Info', WARNING: 'Warning', CRITICAL: 'Critical' };

export class ZenossHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().zenoss;
    const map = this.options['severity-map'] ?? config?.severityMap;
    const level = levelName(event.state.level);
    let severity = DEFAULT_SEVERITY[level]!;
    if (map !== null && typeof map === 'object' && !Array.isArray(map)) {
      // Kapacitor's map keys are OK, Info, Warning, Critical; the handler option may use LEVEL names.
      const entries = map as Record<string, unknown>;
      const mapped = entries[level] ?? entries[SEVERITY_KEYS[level]!];
      if (typeof mapped === 'string' || typeof mapped === 'number') severity = String(mapped);
    }
    const headers: Record<string, string> = {};
    const username = stringOption(this.options, 'username', config?.username ?? '');
    const password = stringOption(this.options, 'password', config?.password ?? '');
    if (username !== '' || password !== '') {
      headers['Authorization'] = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
    }
    await postJSON(
      stringOption(this.options, 'url', config?.url ?? ''),
      {
        action: stringOption(this.options, 'action', config?.action ?? 'EventsRouter'),
        method: stringOption(this.options, 'method', config?.method ?? 'add_event'),
        data: [
          {
            summary: stringOption(this.options, 'summary') || event.state.message,
            device: stringOption(this.options, 'device') || (event.tags['host'] ?? event.id),
            component: stringOption(this.options, 'component') || event.name,
            severity,
            evclasskey: stringOption(this.options, 'evclasskey'),
            evclass: stringOption(this.options, 'evclass'),
            collector: stringOption(this.options, 'collector', config?.collector ?? 'Kapacitor'),
            message: stringOption(this.options, 'message') || event.state.details,
            ...objectOption(this.options, 'customField'),
          },
        ],
        type: stringOption(this.options, 'type', config?.type ?? 'rpc'),
        tid: numberOption(this.options, 'tid', config?.tid ?? 1),
      },
      { headers },
    );
  }
}
