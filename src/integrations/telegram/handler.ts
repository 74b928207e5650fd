// The `telegram` alert handler: sends the message to a chat through the Bot API's sendMessage.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { boolOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';

export class TelegramHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().telegram;
    const url = `${config?.url ?? 'https://api.telegram.org/bot'}${config?.token ?? ''}/sendMessage`;
    const body: Record<string, unknown> = {
      chat_id: stringOption(this.options, 'chat-id', config?.chatId ?? ''),
      text: event.state.message,
      disable_web_page_preview: boolOption(this.options, 'disable-web-page-preview', config?.disableWebPagePreview ?? false),
      disable_notification: boolOption(this.options, 'disable-notification', config?.disableNotification ?? false),
    };
    const parseMode = stringOption(this.options, 'parse-mode', config?.parseMode ?? '');
    if (parseMode !== '') body['parse_mode'] = parseMode;
    await postJSON(url, body);
  }
}
