// The `teams` alert handler: a MessageCard (theme color from the level, the id as title, the
// message as text) posted to the channel's incoming webhook.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, INFO, WARNING } from '../../alert/levels.js';

function themeColor(level: number): string {
  return level === CRITICAL ? 'CC4A31' : level === WARNING ? 'EBC91F' : level === INFO ? '439FE0' : '36A64F';
}

export class TeamsHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const url = stringOption(this.options, 'channel-url', this.context.config().teams?.channelUrl ?? '');
    if (url === '') throw new Error('teams: no channel url configured');
    const summary = event.state.message.length > 70 ? event.state.message.slice(0, 67) + '...' : event.state.message;
    await postJSON(url, {
      '@type': 'MessageCard',
      '@context': 'http://schema.org/extensions',
      themeColor: themeColor(event.state.level),
      summary,
      title: event.id,
      text: event.state.message,
    });
  }
}
