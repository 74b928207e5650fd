// The `hipchat` alert handler: a room notification (color from the level) posted to
// URL/ROOM/notification with the room token.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, OK, WARNING } from '../../alert/levels.js';

function color(level: number): string {
  return level === CRITICAL ? 'red' : level === WARNING ? 'yellow' : level === OK ? 'green' : 'gray';
}

export class HipChatHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().hipchat;
    const room = stringOption(this.options, 'room', config?.room ?? '');
    const token = stringOption(this.options, 'token', config?.token ?? '');
    const url = `${(config?.url ?? '').replace(/\/+$/, '')}/${encodeURIComponent(room)}/notification?auth_token=${encodeURIComponent(token)}`;
    await postJSON(url, { from: 'kapacitor', message: event.state.message, color: color(event.state.level), notify: true });
  }
}
