// Catalogue entries for the alert node and every alert handler. A handler property such as
// `.post(url)` opens a handler object; the handler's own properties (`.header(k, v)`) follow
// it, and any alert property after it still applies to the alert node, as in Kapacitor.

import { defineNode, properties, type HandlerSpec } from './spec.js';

export const ALERT_NODE = defineNode({
  kind: 'alert', goType: 'AlertNode', desc: 'alert', chainnode: true,
  properties: properties(
    'topic:s', 'id:s', 'message:s', 'details:s', 'info:l', 'warn:l', 'crit:l',
    'infoReset:l', 'warnReset:l', 'critReset:l', 'history:i', 'levelTag:s', 'levelField:s',
    'messageField:s', 'durationField:s', 'idTag:s', 'idField:s', 'category:s', 'all()',
    'noRecoveries()', 'stateChangesOnly(...d)', 'flapping(f,f)', 'inhibit(s,...s)+',
    'post(...s)>post', 'tcp(s)>tcp', 'email(...s)>email', 'exec(s,...s)>exec', 'log(s)>log',
    'victorOps()>victorOps', 'pagerDuty()>pagerDuty', 'pagerDuty2()>pagerDuty2',
    'pushover()>pushover', 'sensu()>sensu', 'slack()>slack', 'telegram()>telegram',
    'hipChat()>hipChat', 'alerta()>alerta', 'opsGenie()>opsGenie', 'opsGenie2()>opsGenie2',
    'talk()>talk', 'mqtt(s)>mqtt', 'snmpTrap(s)>snmpTrap', 'kafka()>kafka', 'teams()>teams',
    'discord()>discord', 'serviceNow()>serviceNow', 'bigPanda()>bigPanda', 'zenoss()>zenoss',
  ),
});

function handler(kind: string, goType: string, ...props: string[]): HandlerSpec {
  return { kind, goType, properties: properties(...props) };
}

export const ALERT_HANDLERS: HandlerSpec[] = [
  handler('post', 'PostHandler', 'endpoint:s', 'header(s,s)+', 'captureResponse()', 'timeout:d', 'skipSSLVerification()'),
  handler('tcp', 'TcpHandler'),
  handler('email', 'EmailHandler', 'to(...s)+', 'toTemplates(...s)+'),
  handler('exec', 'ExecHandler'),
  handler('log', 'LogHandler', 'mode:i'),
  handler('victorOps', 'VictorOpsHandler', 'routingKey:s'),
  handler('pagerDuty', 'PagerDutyHandler', 'serviceKey:s'),
  handler('pagerDuty2', 'PagerDuty2Handler', 'routingKey:s', 'serviceKey(s)', 'link(s,...s)+'),
  handler('pushover', 'PushoverHandler', 'userKey:s', 'device:s', 'title:s', 'uRL:s', 'uRLTitle:s', 'sound:s'),
  handler('sensu', 'SensuHandler', 'source:s', 'handlers(...s)', 'metadata(s,a)+'),
  handler('slack', 'SlackHandler', 'workspace:s', 'channel:s', 'username:s', 'iconEmoji:s'),
  handler('telegram', 'TelegramHandler', 'chatId:s', 'parseMode:s', 'disableWebPagePreview()', 'disableNotification()'),
  handler('hipChat', 'HipChatHandler', 'room:s', 'token:s'),
  handler('alerta', 'AlertaHandler', 'token:s', 'resource:s', 'event:s', 'environment:s', 'group:s', 'value:s', 'origin:s', 'services(...s)', 'correlated(...s)', 'attribute(s,a)+', 'timeout:d'),
  handler('opsGenie', 'OpsGenieHandler', 'teams(...s)', 'recipients(...s)'),
  handler('opsGenie2', 'OpsGenie2Handler', 'teams(...s)', 'recipients(...s)', 'recoveryAction(s)', 'details()'),
  handler('talk', 'TalkHandler'),
  handler('mqtt', 'MQTTHandler', 'brokerName:s', 'qos:i', 'retained:b'),
  handler('snmpTrap', 'SNMPTrapHandler', 'data(s,s,s)+'),
  handler('kafka', 'KafkaHandler', 'cluster:s', 'kafkaTopic:s', 'template:s', 'disablePartitionById()', 'partitionHashAlgorithm:s'),
  handler('teams', 'TeamsHandler', 'channelURL:s'),
  handler('discord', 'DiscordHandler', 'workspace:s', 'username:s', 'avatarURL:s', 'embedTitle:s'),
  handler('serviceNow', 'ServiceNowHandler', 'url:s', 'uRL:s', 'username:s', 'password:s', 'additionalInfo(s,a)+', 'source:s', 'node:s', 'type:s', 'resource:s', 'metricName:s', 'messageKey:s'),
  handler('bigPanda', 'BigPandaHandler', 'appKey:s', 'host:s', 'primaryProperty:s', 'secondaryProperty:s', 'attribute(s,a)+'),
  handler('zenoss', 'ZenossHandler', 'url:s', 'uRL:s', 'username:s', 'password:s', 'action:s', 'method:s', 'type:s', 'tid:i', 'collector:s',
    'summary:s', 'device:s', 'component:s', 'eventClassKey:s', 'eventClass:s', 'message:s', 'customField(s,a)+', 'severityMap(...a)'),
];
