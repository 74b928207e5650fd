// The `pushover` alert handler: a form-encoded message with priority from the level, and the
// optional device, title, url, url title and sound.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { sendHTTP } from '../../alert/http-send.js';
import { CRITICAL, INFO, WARNING } from '../../alert/levels.js';

function priority(level: number): number {
  return level === CRITICAL ? 1 : level === WARNING ? 0 : level === INFO ? -1 : -2;
}

export class PushoverHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().pushover;
    const form = new URLSearchParams({
      token: config?.token ?? '',
      user: stringOption(this.options, 'user-key', config?.userKey ?? ''),
      message: event.state.message,
      priority: String(priority(event.state.level)),
    });
    for (const [option, field] of [
      ['device', 'device'],
      ['title', 'title'],
      ['url', 'url'],
      ['url-title', 'url_title'],
      ['sound', 'sound'],
    ] as const) {
      const value = stringOption(this.options, option);
      if (value !== '') form.set(field, value);
    }
    await sendHTTP(config?.url ?? 'https://api.pushover.net/1/messages.json', form.toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }
}
