// The `talk` alert handler: posts {title, text, authorName} to the Talk incoming webhook.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import type { HandlerContext } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';

export class TalkHandler implements AlertHandler {
  constructor(private readonly context: HandlerContext) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().talk;
    if (config === undefined || config.url === '') throw new Error('talk: no url configured');
    await postJSON(config.url, { title: event.id, text: event.state.message, authorName: config.authorName });
  }
}
