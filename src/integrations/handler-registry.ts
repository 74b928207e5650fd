// The handler kinds the server knows, by topic handler kind name: each builds an AlertHandler
// from options and the handler context. Used for topic handler specs and alert node handlers.

import type { HandlerFactory } from '../alert/alert-service.js';
import type { AlertHandler } from '../alert/handler.js';
import { HandlerOptionError, type HandlerContext, type HandlerOptions } from '../alert/handler-context.js';
import { ExecHandler } from './exec/handler.js';
import { LogHandler } from './log/handler.js';
import { PostHandler } from './post/handler.js';
import { TcpHandler } from './tcp/handler.js';
import { EmailHandler } from './smtp/handler.js';
import { SlackHandler } from './slack/handler.js';
import { PagerDutyHandler } from './pagerduty/handler.js';
import { PagerDuty2Handler } from './pagerduty2/handler.js';
import { OpsGenieHandler } from './opsgenie/handler.js';
import { OpsGenie2Handler } from './opsgenie2/handler.js';
import { VictorOpsHandler } from './victorops/handler.js';
import { TelegramHandler } from './telegram/handler.js';
import { AlertaHandler } from './alerta/handler.js';
import { SensuHandler } from './sensu/handler.js';
import { PushoverHandler } from './pushover/handler.js';
import { TeamsHandler } from './teams/handler.js';
import { DiscordHandler } from './discord/handler.js';
import { ServiceNowHandler } from './servicenow/handler.js';
import { BigPandaHandler } from './bigpanda/handler.js';
import { ZenossHandler } from './zenoss/handler.js';
import { TalkHandler } from './talk/handler.js';
import { HipChatHandler } from './hipchat/handler.js';
import { KafkaHandler } from './kafka/handler.js';
import { MqttHandler } from './mqtt/handler.js';
import { SnmpTrapHandler } from './snmptrap/handler.js';

export type HandlerBuilder = (options: HandlerOptions, context: HandlerContext) => AlertHandler;

const BUILDERS: Record<string, HandlerBuilder> = {
  log: (options) => new LogHandler(options),
  tcp: (options) => new TcpHandler(options),
  exec: (options) => new ExecHandler(options),
  post: (options, context) => new PostHandler(options, context),
  email: (options, context) => new EmailHandler(options, context),
  smtp: (options, context) => new EmailHandler(options, context),
  slack: (options, context) => new SlackHandler(options, context),
  pagerduty: (options, context) => new PagerDutyHandler(options, context),
  pagerduty2: (options, context) => new PagerDuty2Handler(options, context),
  opsgenie: (options, context) => new OpsGenieHandler(options, context),
  opsgenie2: (options, context) => new OpsGenie2Handler(options, context),
  victorops: (options, context) => new VictorOpsHandler(options, context),
  telegram: (options, context) => new TelegramHandler(options, context),
  alerta: (options, context) => new AlertaHandler(options, context),
  sensu: (options, context) => new SensuHandler(options, context),
  pushover: (options, context) => new PushoverHandler(options, context),
  teams: (options, context) => new TeamsHandler(options, context),
  discord: (options, context) => new DiscordHandler(options, context),
  servicenow: (options, context) => new ServiceNowHandler(options, context),
  bigpanda: (options, context) => new BigPandaHandler(options, context),
  zenoss: (options, context) => new ZenossHandler(options, context),
  talk: (_options, context) => new TalkHandler(context),
  hipchat: (options, context) => new HipChatHandler(options, context),
  kafka: (options, context) => new KafkaHandler(options, context),
  mqtt: (options, context) => new MqttHandler(options, context),
  snmptrap: (options, context) => new SnmpTrapHandler(options, context),
};

export function handlerKinds(): string[] {
  return Object.keys(BUILDERS).sort();
}

export class HandlerRegistry implements HandlerFactory {
  constructor(private readonly context: HandlerContext) {}

  create(kind: string, options: Record<string, unknown>): AlertHandler {
    const builder = Object.prototype.hasOwnProperty.call(BUILDERS, kind) ? BUILDERS[kind] : undefined;
    if (builder === undefined) throw new HandlerOptionError(`unsupported handler kind ${JSON.stringify(kind)}`);
    return builder(options, this.context);
  }
}
