// The `zenoss` alert handler: an event through the JSON API router (action/method/type/tid),
// severity from the level (or the severity map), with basic auth.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { numberOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { levelName } from '../../alert/levels.js';

const DEFAULT_SEVERITY: Record<string, string> = { OK: 'Clear', INFO: 'Info', WARNING: 'Warning', CRITICAL: 'Critical' };

export class ZenossHandler implements AlertHandler {
  constructor(private readonly options: HandlerOptions, private readonly context: HandlerContext) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().zenoss;
    const map = this.options['severity-map'];
    const level = levelName(event.state.level);
    let severity = DEFAULT_SEVERITY[level]!;
    if (map !== null && typeof map === 'object' && !Array.isArray(map) && typeof (map as Record<string, unknown>)[level] === 'string') {
      severity = (map as Record<string, string>)[level]!;
    }
    const headers: Record<string, string> = {};
    if (config !== undefined && (config.username !== '' || config.password !== '')) {
      headers['Authorization'] = 'Basic ' + Buffer.from(`${config.username}:${config.password}`).toString('base64');
    }
    await postJSON(config?.url ?? '', {
      action: stringOption(this.options, 'action', config?.action ?? 'EventsRouter'),
      method: stringOption(this.options, 'method', config?.method ?? 'add_event'),
      data: [{
        summary: event.state.message,
        device: event.tags['host'] ?? event.id,
        component: event.name,
        severity,
        evclasskey: '',
        evclass: '',
        collector: stringOption(this.options, 'collector', config?.collector ?? 'Kapacitor'),
        message: event.state.details,
      }],
      type: stringOption(this.options, 'type', config?.type ?? 'rpc'),
      tid: numberOption(this.options, 'tid', config?.tid ?? 1),
    }, { headers });
  }
}
