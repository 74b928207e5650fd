// The `slack` alert handler: posts the message as an attachment colored by level to the
// workspace's incoming webhook ([[slack]], several workspaces, one the default).

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, WARNING } from '../../alert/levels.js';
import type { SlackConfig } from '../../config/sections.js';

export function slackColor(level: number): string {
  return level === CRITICAL ? 'danger' : level === WARNING ? 'warning' : 'good';
}

export function findWorkspace<T extends { workspace: string; default: boolean; enabled: boolean }>(all: readonly T[], name: string, service: string): T {
  const found =
    name === '' ? (all.find((element) => element.default) ?? (all.length === 1 ? all[0] : undefined)) : all.find((element) => element.workspace === name);
  if (found === undefined) throw new Error(`${service}: workspace ${JSON.stringify(name)} is not configured`);
  return found;
}

export class SlackHandler implements AlertHandler {
  private readonly options: HandlerOptions;

  constructor(
    options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {
    this.options = options;
  }

  async handle(event: AlertEvent): Promise<void> {
    const config: SlackConfig = findWorkspace(this.context.config().slack ?? [], stringOption(this.options, 'workspace'), 'slack');
    // With a token Kapacitor posts to the Slack API (chat.postMessage) as a bot, else to the webhook.
    const token = config.token;
    const url = stringOption(this.options, 'url', config.url || (token !== '' ? 'https://slack.com/api/chat.postMessage' : ''));
    if (url === '') throw new Error('slack: no webhook url configured');
    const body: Record<string, unknown> = {
      channel: stringOption(this.options, 'channel', config.channel),
      username: stringOption(this.options, 'username', config.username),
      text: '',
      attachments: [{ fallback: event.state.message, color: slackColor(event.state.level), text: event.state.message, mrkdwn_in: ['text'] }],
    };
    const icon = stringOption(this.options, 'icon-emoji', config.iconEmoji);
    if (icon !== '') body['icon_emoji'] = icon;
    await postJSON(url, body, { tls: config, headers: token === '' ? {} : { Authorization: `Bearer ${token}` } });
  }
}
