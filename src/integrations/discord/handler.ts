// The `discord` alert handler: posts an embed (title, message, color from the level,
// timestamp) to the workspace's webhook ([[discord]], one the default).

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, INFO, WARNING } from '../../alert/levels.js';
import { formatRFC3339Nano } from '../../alert/template/index.js';
import { findWorkspace } from '../slack/handler.js';

function color(level: number): number {
  return level === CRITICAL ? 0xf95f53 : level === WARNING ? 0xefb73e : level === INFO ? 0x439fe0 : 0x7ac36a;
}

export class DiscordHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  async handle(event: AlertEvent): Promise<void> {
    const config = findWorkspace(this.context.config().discord ?? [], stringOption(this.options, 'workspace'), 'discord');
    const body: Record<string, unknown> = {
      username: stringOption(this.options, 'username', config.username),
      embeds: [
        {
          title: stringOption(this.options, 'embed-title', config.embedTitle),
          description: event.state.message,
          color: color(event.state.level),
          timestamp: formatRFC3339Nano(event.state.time),
        },
      ],
    };
    const avatar = stringOption(this.options, 'avatar-url', config.avatarUrl);
    if (avatar !== '') body['avatar_url'] = avatar;
    await postJSON(config.url, body, { tls: config });
  }
}
