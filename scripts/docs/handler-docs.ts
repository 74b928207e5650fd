// Prose for the generated handler reference: what each alert handler does, its topic-handler
// kind, the configuration section it reads and one example. Names and signatures come from
// the catalogue; a test fails when a catalogue handler has no entry here.

export interface HandlerDoc {
  summary: string;
  /** The `kind` of the same handler as a topic handler (YAML/JSON). */
  topicKind: string;
  /** The configuration section holding its defaults and credentials, if any. */
  section?: string;
  /** The alert-node lines using it, after `|alert()` and its conditions. */
  example: string[];
}

export const HANDLER_DOCS: Record<string, HandlerDoc> = {
  post: { summary: 'POSTs the event as JSON to URLs, or to an `[[httppost]]` endpoint.', topicKind: 'post', section: 'httppost', example: [".post('http://127.0.0.1:8000/alerts')", ".header('Authorization', 'Bearer token')"] },
  tcp: { summary: 'Writes the event as one JSON line to a TCP address.', topicKind: 'tcp', example: [".tcp('127.0.0.1:7777')"] },
  email: { summary: 'Sends an email through the `[smtp]` server, to the given addresses or the configured ones.', topicKind: 'smtp', section: 'smtp', example: [".email('oncall@example.com')"] },
  exec: { summary: 'Runs a program with arguments, writing the event as JSON on its stdin.', topicKind: 'exec', example: [".exec('/usr/local/bin/on-alert', '--quiet')"] },
  log: { summary: 'Appends the event as one JSON line to a file.', topicKind: 'log', example: [".log('/var/log/kapacitor/alerts.log')", '.mode(0644)'] },
  victorOps: { summary: 'Sends the event to VictorOps (Splunk On-Call).', topicKind: 'victorops', section: 'victorops', example: ['.victorOps()', ".routingKey('team_a')"] },
  pagerDuty: { summary: 'Triggers and resolves PagerDuty incidents (Events API v1).', topicKind: 'pagerduty', section: 'pagerduty', example: ['.pagerDuty()', ".serviceKey('service-key')"] },
  pagerDuty2: { summary: 'Triggers and resolves PagerDuty incidents (Events API v2).', topicKind: 'pagerduty2', section: 'pagerduty2', example: ['.pagerDuty2()', ".routingKey('routing-key')", ".link('https://grafana.example.com/d/cpu', 'dashboard')"] },
  pushover: { summary: 'Sends a Pushover notification.', topicKind: 'pushover', section: 'pushover', example: ['.pushover()', ".userKey('user-key')", ".sound('siren')"] },
  sensu: { summary: 'Sends the event to a Sensu client socket.', topicKind: 'sensu', section: 'sensu', example: ['.sensu()', ".source('kapacitor')", ".handlers('default')"] },
  slack: { summary: 'Posts the message to a Slack channel through a webhook of a `[[slack]]` workspace.', topicKind: 'slack', section: 'slack', example: ['.slack()', ".channel('#alerts')", ".iconEmoji(':fire:')"] },
  telegram: { summary: 'Sends the message to a Telegram chat through a bot.', topicKind: 'telegram', section: 'telegram', example: ['.telegram()', ".chatId('123456')", ".parseMode('Markdown')"] },
  hipChat: { summary: 'Posts the message to a HipChat room.', topicKind: 'hipchat', section: 'hipchat', example: ['.hipChat()', ".room('ops')"] },
  alerta: { summary: 'Sends the event to Alerta.', topicKind: 'alerta', section: 'alerta', example: ['.alerta()', ".resource('{{ index .Tags \"host\" }}')", ".environment('production')"] },
  opsGenie: { summary: 'Creates and closes OpsGenie alerts (API v1).', topicKind: 'opsgenie', section: 'opsgenie', example: ['.opsGenie()', ".teams('ops')"] },
  opsGenie2: { summary: 'Creates and closes OpsGenie alerts (API v2).', topicKind: 'opsgenie2', section: 'opsgenie2', example: ['.opsGenie2()', ".teams('ops')", ".recipients('oncall')"] },
  talk: { summary: 'Posts the message to Talk (Jianliao).', topicKind: 'talk', section: 'talk', example: ['.talk()'] },
  mqtt: { summary: 'Publishes the message to an MQTT topic on an `[[mqtt]]` broker.', topicKind: 'mqtt', section: 'mqtt', example: [".mqtt('alerts/cpu')", '.qos(1)', '.retained(TRUE)'] },
  snmpTrap: { summary: 'Sends an SNMP trap with the given OID and data bindings.', topicKind: 'snmptrap', section: 'snmptrap', example: [".snmpTrap('1.3.6.1.4.1.1')", ".data('1.3.6.1.4.1.1.1', 's', '{{ .Message }}')"] },
  kafka: { summary: 'Writes the event as JSON to a Kafka topic of a `[[kafka]]` cluster.', topicKind: 'kafka', section: 'kafka', example: ['.kafka()', ".cluster('default')", ".kafkaTopic('alerts')"] },
  teams: { summary: 'Posts the message to a Microsoft Teams channel webhook.', topicKind: 'teams', section: 'teams', example: ['.teams()', ".channelURL('https://outlook.office.com/webhook/...')"] },
  discord: { summary: 'Posts an embed to a Discord channel webhook of a `[[discord]]` workspace.', topicKind: 'discord', section: 'discord', example: ['.discord()', ".embedTitle('CPU')"] },
  serviceNow: { summary: 'Creates ServiceNow events.', topicKind: 'servicenow', section: 'servicenow', example: ['.serviceNow()', ".node('{{ index .Tags \"host\" }}')", ".type('cpu')"] },
  bigPanda: { summary: 'Sends the event to BigPanda.', topicKind: 'bigpanda', section: 'bigpanda', example: ['.bigPanda()', ".primaryProperty('host')"] },
  zenoss: { summary: 'Sends the event to Zenoss.', topicKind: 'zenoss', section: 'zenoss', example: ['.zenoss()', ".collector('kapacitor')"] },
};
