// The `sensu` alert handler: writes a check result (name from the alert id, status from the
// level, output the message, handlers and metadata) as JSON to the Sensu client socket.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringListOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { CRITICAL, WARNING } from '../../alert/levels.js';
import { sendTCP } from '../tcp/handler.js';

function status(level: number): number {
  return level === CRITICAL ? 2 : level === WARNING ? 1 : 0;
}

export class SensuHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().sensu;
    const addr = stringOption(this.options, 'addr', config?.addr ?? '');
    if (addr === '') throw new Error('sensu: no address configured');
    const handlers = stringListOption(this.options, 'handlers');
    const check: Record<string, unknown> = {
      name: event.id.replace(/[^\w.-]/g, '_'),
      source: stringOption(this.options, 'source', config?.source ?? 'Kapacitor'),
      output: event.state.message,
      status: status(event.state.level),
    };
    const chosen = handlers.length > 0 ? handlers : (config?.handlers ?? []);
    if (chosen.length > 0) check['handlers'] = chosen;
    const metadata = this.options['metadata'];
    if (metadata !== null && typeof metadata === 'object') Object.assign(check, metadata);
    await sendTCP(addr, JSON.stringify(check) + '\n', 10_000);
  }
}
