// The configuration table: every section, key, kind, default and comment Kapacitor users know
// from kapacitor.conf, plus our own [engine]. Adding a section is adding an entry here; the
// loader, environment overrides, renderer and config API all read this table.

import { key, type KeyDefs, type SectionDef, type SectionValue, type SectionValues } from './schema.js';
import { LISTENER_SECTIONS } from './sections-listeners.js';
import { AUTOSCALE_SECTIONS } from './sections-autoscale.js';

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'] as const;

function section<K extends KeyDefs>(def: SectionDef<K> & { array?: false }): SectionDef<K> & { array?: false } {
  return def;
}

function arraySection<K extends KeyDefs>(def: SectionDef<K> & { array: true }): SectionDef<K> & { array: true } {
  return def;
}

function oneOf(choices: readonly string[], ignoreCase = false) {
  return (value: string): string | undefined => {
    const found = choices.includes(ignoreCase ? value.toUpperCase() : value);
    return found ? undefined : `expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`;
  };
}

function under(dataDir: string, name: string): string {
  return `${dataDir.replace(/\/+$/, '')}/${name}`;
}

export const DEFAULT_DATA_DIR = './data';

/** Keys at the top of the file, outside any section. */
export const ROOT_KEYS = {
  hostname: key('string', 'localhost', ['The hostname of this node; InfluxDB must be able to resolve it.']),
  dataDir: key('string', DEFAULT_DATA_DIR, ['Directory for the embedded database and other server data.'], { toml: 'data_dir' }),
  skipConfigOverrides: key('bool', false, ['Do not apply configuration overrides made through the API at startup.']),
  defaultRetentionPolicy: key('string', '', ['Retention policy given to writes that name none.']),
} satisfies KeyDefs;

export const SECTIONS = {
  alert: section({
    doc: ['Alert topics and their events.'],
    keys: {
      persistTopics: key('bool', true, ['Keep alert topics and their events across restarts.']),
      topicBufferLength: key('int', 5000, ['Number of events buffered per topic handler.']),
      disableHandlers: key('string-list', [], ['Alert handler kinds refused everywhere, e.g. ["exec", "log"] (as kapacitord -disable-handlers).']),
      execTimeout: key('duration', 10_000, ["How long an exec handler's program may run before its process group is killed."]),
    },
  }),
  http: section({
    doc: ['The HTTP API: writes, tasks and every other Kapacitor call. Always on.'],
    keys: {
      bindAddress: key('string', '127.0.0.1:9092', [
        'Address to listen on, host:port. The default answers on the loopback interface only;',
        'an empty host (":9092", Kapacitor\'s default) listens on all interfaces.',
      ]),
      authEnabled: key('bool', false, ['Require authentication on the HTTP API.']),
      logEnabled: key('bool', true, ['Log every HTTP request.']),
      writeTracing: key('bool', false, ['Log the body of every write request.']),
      pprofEnabled: key('bool', false, ['Serve profiling endpoints under /kapacitor/v1/debug/pprof.']),
      httpsEnabled: key('bool', false, ['Serve HTTPS instead of HTTP.']),
      httpsCertificate: key('string', '/etc/ssl/kapacitor.pem', ['PEM certificate (and key, unless https-private-key is set).']),
      httpsPrivateKey: key('string', '', ['PEM private key, when not bundled in https-certificate.']),
      shutdownTimeout: key('duration', 10_000, ['How long to wait for open requests when shutting down.']),
      sharedSecret: key('string', '', ['Shared secret for JWT bearer tokens.'], { redact: true }),
      maxBodySize: key('int', 25_000_000, ['Largest accepted request body in bytes, counted after gzip decoding; 0 means no limit.']),
      requestTimeout: key('duration', 300_000, ['Longest time a client may take to send a whole request; 0s means no limit.']),
      headerTimeout: key('duration', 10_000, ['Longest time a client may take to send request headers.']),
      idleTimeout: key('duration', 5_000, ['How long an idle keep-alive connection stays open.']),
    },
  }),
  auth: section({
    doc: ['Users and their permissions, kept in the embedded database ([http] auth-enabled turns checking on).'],
    keys: {
      enabled: key('bool', false, ['Keep users and serve /kapacitor/v1/users.']),
      cacheExpiration: key('duration', 600_000, ['How long a looked-up user is cached.']),
      bcryptCost: key('int', 10, ['bcrypt cost of stored password hashes (4 to 31).'], {
        validate: (cost) => (cost < 4 || cost > 31 ? `must provide a bcrypt cost >= 4, got ${cost}` : undefined),
      }),
      bootstrapUsername: key('string', '', ['Admin user created at startup when no admin user exists.']),
      bootstrapPassword: key('string', '', ['Password of the bootstrap admin user.'], { redact: true }),
      allowedFileDirs: key('string-list', () => [], [
        'With [http] auth-enabled, directories the server may read files from when a path comes through',
        'the API: template, TLS and discovery files set through the config API, sideload file:// sources of tasks,',
        'LocalFile sources of jobs.',
        'Paths in this file are not restricted. Empty: no file path is accepted through the API.',
      ]),
    },
  }),
  configOverride: section({
    doc: ['Changing configuration through the HTTP API.'],
    keys: { enabled: key('bool', true, ['Allow configuration overrides through the HTTP API.']) },
  }),
  logging: section({
    doc: ['Where logs go and how much is logged.'],
    keys: {
      file: key('string', 'STDERR', ['A file path, or STDOUT or STDERR.']),
      level: key('string', 'INFO', ['One of DEBUG, INFO, WARN, ERROR or OFF.'], { validate: oneOf(LOG_LEVELS, true) }),
      format: key('string', 'logfmt', ['logfmt (key=value lines, as Kapacitor writes them) or json.'], { validate: oneOf(['logfmt', 'json']) }),
    },
  }),
  tls: section({
    doc: ['TLS settings of the HTTPS API.'],
    keys: {
      minVersion: key('string', '', ['Lowest TLS version accepted: tls1.0, tls1.1, tls1.2 or tls1.3; empty means the default.'], {
        validate: oneOf(['', 'tls1.0', 'tls1.1', 'tls1.2', 'tls1.3']),
      }),
      maxVersion: key('string', '', ['Highest TLS version accepted; empty means the default.'], {
        validate: oneOf(['', 'tls1.0', 'tls1.1', 'tls1.2', 'tls1.3']),
      }),
      ciphers: key('string-list', [], ['Cipher suites (OpenSSL names); empty means the default list.']),
    },
  }),
  reporting: section({
    doc: ['Usage reporting to InfluxData. Accepted for compatibility: this server never sends reports.'],
    keys: {
      enabled: key('bool', true, ["Kapacitor's usage reporting switch (no effect here)."]),
      url: key('string', 'https://usage.influxdata.com', ['Where Kapacitor sends usage reports (no effect here).']),
    },
  }),
  load: section({
    doc: ['Tasks, templates and handlers loaded from files at startup.'],
    keys: {
      enabled: key('bool', false, ['Load the definitions found in dir at startup.']),
      dir: key('string', (dataDir) => under(dataDir, 'load'), ['Directory holding tasks/, templates/ and handlers/.']),
    },
  }),
  replay: section({
    doc: ['Recordings and replays.'],
    keys: { dir: key('string', (dataDir) => under(dataDir, 'replay'), ['Where recordings are stored.']) },
  }),
  storage: section({
    doc: ['The embedded database holding tasks, templates, recordings, topics and handlers.'],
    keys: {
      boltdb: key('string', (dataDir) => under(dataDir, 'kapacitor.db'), ["Path of the database (an LMDB store; the key keeps Kapacitor's name)."]),
    },
  }),
  task: section({
    doc: ['Running tasks.'],
    keys: {
      dir: key('string', (dataDir) => under(dataDir, 'tasks'), ['Location of the pre-1.0 task.db, kept for compatibility.']),
      snapshotInterval: key('duration', 60_000, ['How often to snapshot running task state.']),
    },
  }),
  engine: section({
    doc: ['The processing engine (kapacitor-ts only).'],
    keys: {
      groupIdleTimeout: key('duration', 0, ["Drop a group's state after it has been idle this long; 0s keeps groups forever."]),
      workers: key(
        'int',
        1,
        [
          'Threads the stream tasks are spread over, the main one included; 0 means one per CPU core. 1 runs every',
          "task on the main thread. With more, tasks whose nodes need none of the main thread's services (no alert,",
          'influxDBOut, UDF, sideload, httpPost or kapacitorLoopback node) run mostly on worker threads; the others',
          'stay on the main thread.',
        ],
        { validate: (n) => (n >= 0 && n <= 256 ? undefined : 'must be between 0 and 256') },
      ),
    },
  }),
  cluster: section({
    doc: ['Scale-out on NATS JetStream (kapacitor-ts only): shared definitions, task placement and failover.'],
    keys: {
      enabled: key('bool', false, ['Run as one node of a cluster; false keeps the single node with its embedded store.']),
      nodeId: key('string', '', ["This node's unique id in the cluster; defaults to the hostname."]),
      advertiseUrl: key('string', '', ["This node's HTTP URL as the other nodes reach it; defaults to http://<hostname>:<port>."]),
      natsUrls: key('string-list', ['nats://127.0.0.1:4222'], ['NATS server URLs (JetStream enabled).']),
      streamReplicas: key('int', 1, ['Replicas of the ingest stream and the KV buckets (at most the NATS cluster size).'], {
        validate: (n) => (n >= 1 && n <= 5 ? undefined : 'must be between 1 and 5'),
      }),
      partitions: key('int', 16, ['Partitions per database/retention policy (ingest subjects by series-key hash).'], {
        validate: (n) => (n >= 1 && n <= 1024 ? undefined : 'must be between 1 and 1024'),
      }),
      heartbeatInterval: key('duration', 1000, ['How often a node announces itself.'], { validate: (ms) => (ms > 0 ? undefined : 'must be greater than 0') }),
      nodeTimeout: key('duration', 5000, ['A node not heard from for this long is dead and its tasks move.'], {
        validate: (ms) => (ms > 0 ? undefined : 'must be greater than 0'),
      }),
    },
  }),
  jobs: section({
    doc: ['The job API (SeaTunnel REST API v2 style): source -> transform -> sink jobs on a second listener.'],
    keys: {
      enabled: key('bool', true, ['Serve the job API.']),
      bindAddress: key('string', '127.0.0.1:8080', ['Address of the job API listener, host:port.']),
      contextPath: key('string', '', ['Path prefix of every job API route, e.g. /seatunnel.']),
      enableDynamicPort: key('bool', false, ['When the port is taken, use the next free one up to port + port-range.']),
      portRange: key('int', 100, ['How many ports above the configured one dynamic ports may use.']),
      historyLimit: key('int', 1000, ['Finished jobs kept in the history (oldest dropped first).']),
      logDir: key('string', (dataDir) => under(dataDir, 'jobs/logs'), ['Directory of the per-job log files.']),
    },
  }),
  deadman: section({
    doc: ["Deadman switches: alert when a task's throughput drops to the threshold."],
    keys: {
      interval: key('duration', 10_000, ['How often throughput is checked.']),
      threshold: key('float', 0, ['Alert when points per interval are at or below this.']),
      id: key('string', "node 'NODE_NAME' in task '{{ .TaskName }}'", ["Alert ID; NODE_NAME is replaced by the monitored node's name."]),
      message: key(
        'string',
        '{{ .ID }} is {{ if eq .Level "OK" }}alive{{ else }}dead{{ end }}: {{ index .Fields "emitted" | printf "%0.3f" }} points/INTERVAL.',
        ['Alert message; INTERVAL is replaced by the interval.'],
      ),
      global: key('bool', false, ['Add a deadman switch to every task.']),
    },
  }),
  fluxtask: section({
    doc: ['Flux tasks (/kapacitor/v1/api/v2/tasks), run by the built-in Flux engine.'],
    keys: {
      enabled: key('bool', true, ['Serve and run Flux tasks.']),
      taskRunInfluxdb: key('string', 'none', ['[[influxdb]] name each run is also written to as a point; "none" keeps runs only in the embedded store.']),
      taskRunBucket: key('string', 'kapacitor_fluxtask_logs', ['Database ("db" or "db/rp") the run points go to.']),
      taskRunOrg: key('string', '', ['Organization of the run bucket (InfluxDB 2.x only; unused with 1.x).']),
      taskRunOrgid: key('string', '', ['Organization id of the run bucket (InfluxDB 2.x only; unused with 1.x).']),
      taskRunMeasurement: key('string', 'runs', ['Measurement of the run points.']),
      secrets: key('table', () => ({}), ['Secrets Flux tasks may read (name = value).']),
      defaultInfluxdb: key('string', '', ['[[influxdb]] name from() and to() use; empty means the default cluster.']),
      runHistoryCount: key('int', 1000, ['Runs kept per task; older ones are deleted (kapacitor-ts only).']),
      runHistoryAge: key('duration', 7 * 24 * 3_600_000, ['Runs older than this are deleted (kapacitor-ts only).']),
    },
  }),
  udf: section({
    doc: ['User defined functions: agent programs (or unix sockets) tasks call as @name().'],
    keys: {
      functions: key('table', () => ({}), [
        'One [udf.functions.NAME] table per function: prog, args, env and timeout to run a program,',
        'or socket and timeout to connect to a running agent.',
      ]),
    },
  }),
  influxdb: arraySection({
    array: true,
    elementKey: 'name',
    overridable: true,
    doc: ['InfluxDB clusters to subscribe to, query and write to. Exactly one enabled cluster is the default.'],
    keys: {
      enabled: key('bool', true, ['Use this cluster.']),
      name: key('string', 'default', ['Name used by batch queries and influxDBOut nodes.']),
      default: key('bool', false, ['The cluster used when a task names none.']),
      urls: key('string-list', ['http://localhost:8086'], ["URLs of the cluster's nodes."]),
      username: key('string', '', ['InfluxDB user.']),
      password: key('string', '', ['InfluxDB password.'], { redact: true }),
      token: key('string', '', ['API token (InfluxDB 2.x and 1.8 compatibility API), sent as "Authorization: Token ...".'], { redact: true }),
      httpSharedSecret: key('bool', false, ['Authenticate with a JWT signed with [http] shared-secret for username.']),
      sslCa: key('string', '', ['PEM file of the CA to trust.']),
      sslCert: key('string', '', ['PEM client certificate.']),
      sslKey: key('string', '', ['PEM client key.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the server's certificate (insecure)."]),
      timeout: key('duration', 0, ['Request timeout; 0s means none.']),
      disableSubscriptions: key('bool', false, ['Do not create subscriptions.']),
      subscriptionProtocol: key('string', 'http', ['Protocol InfluxDB uses to send data: udp, http or https.'], { validate: oneOf(['udp', 'http', 'https']) }),
      subscriptionMode: key('string', 'cluster', ['cluster (one subscription per cluster) or server.'], { validate: oneOf(['cluster', 'server']) }),
      subscriptionsSyncInterval: key('duration', 60_000, ['How often subscriptions are checked against the databases.']),
      kapacitorHostname: key('string', '', ['Hostname InfluxDB uses to reach this server; defaults to hostname.']),
      httpPort: key('int', 0, ['Port InfluxDB uses to reach this server; 0 means the [http] bind-address port.']),
      udpBind: key('string', '', ['Host part of the address UDP subscription listeners bind.']),
      udpBuffer: key('int', 1000, ['Packets buffered per UDP listener.']),
      udpReadBuffer: key('int', 0, ['OS read buffer of UDP listeners in bytes; 0 means the OS default.']),
      startupTimeout: key('duration', 300_000, ['How long to keep trying to reach the cluster at startup.']),
      subscriptions: key('string-list-map', {}, ['Databases and retention policies to subscribe to (db = ["rp", ...]); empty means all.']),
      excludedSubscriptions: key('string-list-map', () => ({ _kapacitor: ['autogen'] }), ['Databases and retention policies never subscribed to.']),
      subscriptionPath: key('string', '', ['Path prefix of subscription destinations; InfluxDB then posts to <path>/write.']),
      compression: key('string', 'none', ['Compression of writes to InfluxDB: none or gzip.'], { validate: oneOf(['none', 'gzip', '']) }),
    },
  }),
  smtp: section({
    overridable: true,
    doc: ['Email alerts.'],
    keys: {
      enabled: key('bool', false, ['Send email alerts.']),
      host: key('string', 'localhost', ['SMTP server host.']),
      port: key('int', 25, ['SMTP server port.']),
      username: key('string', '', ['SMTP user.']),
      password: key('string', '', ['SMTP password.'], { redact: true }),
      noVerify: key('bool', false, ["Do not verify the server's TLS certificate."]),
      global: key('bool', false, ['Send every alert by email.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
      from: key('string', '', ['Sender address.']),
      to: key('string-list', () => [], ['Default recipients.']),
      idleTimeout: key('duration', 30_000, ['Close idle connections after this long.']),
    },
  }),
  slack: arraySection({
    array: true,
    elementKey: 'workspace',
    overridable: true,
    doc: ['Slack alerts; repeat as [[slack]] for several workspaces.'],
    keys: {
      enabled: key('bool', false, ['Send Slack alerts.']),
      default: key('bool', false, ['The workspace used when an alert names none.']),
      workspace: key('string', '', ['Name of this workspace.']),
      url: key('string', '', ['Incoming webhook URL.'], { redact: true }),
      token: key('string', '', ['Bot token (Bearer) for the Slack API instead of an incoming webhook.'], { redact: true }),
      channel: key('string', '', ['Default channel.']),
      username: key('string', 'kapacitor', ['Name messages are posted as.']),
      iconEmoji: key('string', '', ['Emoji used as the message icon.']),
      global: key('bool', false, ['Send every alert to Slack.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
      sslCa: key('string', '', ['PEM file of the CA to trust.']),
      sslCert: key('string', '', ['PEM client certificate.']),
      sslKey: key('string', '', ['PEM client key.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the server's certificate (insecure)."]),
    },
  }),
  pagerduty2: section({
    overridable: true,
    doc: ['PagerDuty Events API v2 alerts.'],
    keys: {
      enabled: key('bool', false, ['Send PagerDuty alerts.']),
      url: key('string', 'https://events.pagerduty.com/v2/enqueue', ['Events API URL.']),
      routingKey: key('string', '', ['Integration routing key.'], { redact: true }),
      global: key('bool', false, ['Send every alert to PagerDuty.']),
    },
  }),
  httppost: arraySection({
    array: true,
    elementKey: 'endpoint',
    overridable: true,
    doc: ['Named HTTP POST endpoints for alerts and httpPost nodes.'],
    keys: {
      endpoint: key('string', 'example', ['Name tasks and handlers use for this endpoint.']),
      url: key('string', 'http://example.com', ['URL to post to (a template).']),
      headers: key('string-map', () => ({}), ['Headers added to every request.']),
      basicAuth: key('credentials', () => ({ username: '', password: '' }), ['Basic authentication credentials.'], { redact: true }),
      alertTemplate: key('string', '', ['Template of alert request bodies.']),
      alertTemplateFile: key('string', '', ['Absolute path of a file holding the alert template.']),
      rowTemplate: key('string', '', ['Template of httpPost node request bodies.']),
      rowTemplateFile: key('string', '', ['Absolute path of a file holding the row template.']),
    },
  }),
  // ---- alert handler services ([pagerduty], [[kafka]], [[mqtt]], ...) ----
  pagerduty: section({
    overridable: true,
    doc: ['PagerDuty (Events API v1) alerts.'],
    keys: {
      enabled: key('bool', false, ['Send PagerDuty alerts.']),
      url: key('string', 'https://events.pagerduty.com/generic/2010-04-15/create_event.json', ['Events API URL.']),
      serviceKey: key('string', '', ['Integration service key.'], { redact: true }),
      global: key('bool', false, ['Send every alert to PagerDuty.']),
    },
  }),
  opsgenie: section({
    overridable: true,
    doc: ['OpsGenie (API v1) alerts.'],
    keys: {
      enabled: key('bool', false, ['Send OpsGenie alerts.']),
      apiKey: key('string', '', ['API key.'], { redact: true }),
      teams: key('string-list', () => [], ['Default teams.']),
      recipients: key('string-list', () => [], ['Default recipients.']),
      url: key('string', 'https://api.opsgenie.com/v1/json/alert', ['Alert API URL.']),
      recoveryUrl: key('string', 'https://api.opsgenie.com/v1/json/alert/note', ['URL recoveries are posted to.'], { toml: 'recovery_url' }),
      global: key('bool', false, ['Send every alert to OpsGenie.']),
    },
  }),
  opsgenie2: section({
    overridable: true,
    doc: ['OpsGenie (API v2) alerts.'],
    keys: {
      enabled: key('bool', false, ['Send OpsGenie alerts.']),
      apiKey: key('string', '', ['API key.'], { redact: true }),
      teams: key('string-list', () => [], ['Default teams.']),
      recipients: key('string-list', () => [], ['Default recipients.']),
      url: key('string', 'https://api.opsgenie.com/v2/alerts', ['Alert API URL.']),
      recoveryAction: key('string', 'notes', ['What a recovery does: notes or close.'], { toml: 'recovery_action' }),
      global: key('bool', false, ['Send every alert to OpsGenie.']),
      details: key('bool', false, ['Send the event details as the alert description (otherwise the data as JSON).']),
    },
  }),
  victorops: section({
    overridable: true,
    doc: ['VictorOps alerts.'],
    keys: {
      enabled: key('bool', false, ['Send VictorOps alerts.']),
      apiKey: key('string', '', ['API key.'], { redact: true }),
      routingKey: key('string', '', ['Default routing key.']),
      url: key('string', 'https://alert.victorops.com/integrations/generic/20131114/alert', ['REST endpoint URL.']),
      jsonData: key('bool', false, ['Send details as JSON data instead of a string.']),
      global: key('bool', false, ['Send every alert to VictorOps.']),
    },
  }),
  telegram: section({
    overridable: true,
    doc: ['Telegram alerts.'],
    keys: {
      enabled: key('bool', false, ['Send Telegram alerts.']),
      url: key('string', 'https://api.telegram.org/bot', ['Bot API URL (the token is appended).']),
      token: key('string', '', ['Bot token.'], { redact: true }),
      chatId: key('string', '', ['Default chat.']),
      parseMode: key('string', '', ['Markdown or HTML.']),
      disableWebPagePreview: key('bool', false, ['Disable link previews.']),
      disableNotification: key('bool', false, ['Send silently.']),
      global: key('bool', false, ['Send every alert to Telegram.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
    },
  }),
  alerta: section({
    overridable: true,
    doc: ['Alerta alerts.'],
    keys: {
      enabled: key('bool', false, ['Send Alerta alerts.']),
      url: key('string', '', ['Alerta API URL.']),
      token: key('string', '', ['API token.'], { redact: true }),
      tokenPrefix: key('string', 'Bearer', ['Authorization header prefix.']),
      environment: key('string', '', ['Default environment.']),
      origin: key('string', 'kapacitor', ['Default origin.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the server's certificate (insecure)."]),
      timeout: key('duration', 0, ["Alert timeout; 0s means Alerta's default."]),
    },
  }),
  sensu: section({
    overridable: true,
    doc: ['Sensu alerts (JSON over TCP to the Sensu client).'],
    keys: {
      enabled: key('bool', false, ['Send Sensu alerts.']),
      addr: key('string', '', ['host:port of the Sensu client socket.']),
      source: key('string', 'Kapacitor', ['Default source.']),
      handlers: key('string-list', () => [], ['Default Sensu handlers.']),
    },
  }),
  pushover: section({
    overridable: true,
    doc: ['Pushover alerts.'],
    keys: {
      enabled: key('bool', false, ['Send Pushover alerts.']),
      token: key('string', '', ['Application token.'], { redact: true }),
      userKey: key('string', '', ['User key.'], { redact: true }),
      url: key('string', 'https://api.pushover.net/1/messages.json', ['Messages API URL.']),
    },
  }),
  teams: section({
    overridable: true,
    doc: ['Microsoft Teams alerts.'],
    keys: {
      enabled: key('bool', false, ['Send Teams alerts.']),
      channelUrl: key('string', '', ['Incoming webhook URL.'], { redact: true, toml: 'channel-url' }),
      global: key('bool', false, ['Send every alert to Teams.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
    },
  }),
  discord: arraySection({
    array: true,
    elementKey: 'workspace',
    overridable: true,
    doc: ['Discord alerts; repeat as [[discord]] for several webhooks.'],
    keys: {
      enabled: key('bool', false, ['Send Discord alerts.']),
      default: key('bool', false, ['The workspace used when an alert names none.']),
      workspace: key('string', '', ['Name of this workspace.']),
      url: key('string', '', ['Webhook URL.'], { redact: true }),
      username: key('string', 'Kapacitor', ['Name messages are posted as.']),
      avatarUrl: key('string', '', ['Avatar image URL.'], { toml: 'avatar-url' }),
      embedTitle: key('string', 'Kapacitor Alert', ['Title of the message embed.']),
      global: key('bool', false, ['Send every alert to Discord.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
      sslCa: key('string', '', ['PEM file of the CA to trust.']),
      sslCert: key('string', '', ['PEM client certificate.']),
      sslKey: key('string', '', ['PEM client key.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the server's certificate (insecure)."]),
    },
  }),
  servicenow: section({
    overridable: true,
    doc: ['ServiceNow event alerts.'],
    keys: {
      enabled: key('bool', false, ['Send ServiceNow alerts.']),
      url: key('string', 'https://instance.service-now.com/api/global/em/jsonv2', ['Event API URL.']),
      source: key('string', 'Kapacitor', ['Default source.']),
      username: key('string', '', ['User.']),
      password: key('string', '', ['Password.'], { redact: true }),
      global: key('bool', false, ['Send every alert to ServiceNow.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
    },
  }),
  bigpanda: section({
    overridable: true,
    doc: ['BigPanda alerts.'],
    keys: {
      enabled: key('bool', false, ['Send BigPanda alerts.']),
      url: key('string', 'https://api.bigpanda.io/data/v2/alerts', ['Alerts API URL.']),
      token: key('string', '', ['Bearer token.'], { redact: true }),
      appKey: key('string', '', ['Application key.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the server's certificate (insecure)."]),
      global: key('bool', false, ['Send every alert to BigPanda.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
    },
  }),
  zenoss: section({
    overridable: true,
    doc: ['Zenoss event alerts.'],
    keys: {
      enabled: key('bool', false, ['Send Zenoss alerts.']),
      url: key('string', 'https://tenant.zenoss.io:8080/zport/dmd/evconsole_router', ['JSON API router URL.']),
      username: key('string', '', ['User.']),
      password: key('string', '', ['Password.'], { redact: true }),
      action: key('string', 'EventsRouter', ['Router action.']),
      method: key('string', 'add_event', ['Router method.']),
      type: key('string', 'rpc', ['Request type.']),
      tid: key('int', 1, ['Transaction id.']),
      collector: key('string', 'Kapacitor', ['Collector name.']),
      severityMap: key('table', () => ({ OK: 'Clear', Info: 'Info', Warning: 'Warning', Critical: 'Critical' }), [
        'Alert level to event severity (OK, Info, Warning, Critical).',
      ]),
      global: key('bool', false, ['Send every alert to Zenoss.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
    },
  }),
  talk: section({
    overridable: true,
    doc: ['Talk alerts.'],
    keys: {
      enabled: key('bool', false, ['Send Talk alerts.']),
      url: key('string', '', ['Incoming webhook URL.'], { redact: true }),
      authorName: key('string', 'Kapacitor', ['Author shown on messages.'], { toml: 'author_name' }),
    },
  }),
  hipchat: section({
    overridable: true,
    doc: ['HipChat alerts.'],
    keys: {
      enabled: key('bool', false, ['Send HipChat alerts.']),
      url: key('string', '', ['Room API URL, e.g. https://subdomain.hipchat.com/v2/room.']),
      token: key('string', '', ['Room token.'], { redact: true }),
      room: key('string', '', ['Default room.']),
      global: key('bool', false, ['Send every alert to HipChat.']),
      stateChangesOnly: key('bool', false, ['With global, only send alerts whose level changed.']),
    },
  }),
  kafka: arraySection({
    array: true,
    elementKey: 'id',
    overridable: true,
    doc: ['Kafka clusters alerts are written to.'],
    keys: {
      enabled: key('bool', false, ['Write alerts to this cluster.']),
      id: key('string', 'default', ['Name handlers use for this cluster.']),
      brokers: key('string-list', () => [], ['Broker addresses, host:port.']),
      timeout: key('duration', 10_000, ['Write timeout.']),
      batchSize: key('int', 100, ['Messages per write batch.']),
      batchTimeout: key('duration', 1_000, ['Longest wait before a partial batch is written.']),
      useSsl: key('bool', false, ['Connect with TLS.'], { toml: 'use-ssl' }),
      sslCa: key('string', '', ['PEM file of the CA to trust.']),
      sslCert: key('string', '', ['PEM client certificate.']),
      sslKey: key('string', '', ['PEM client key.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the brokers' certificates (insecure)."]),
      saslUsername: key('string', '', ['SASL user.']),
      saslPassword: key('string', '', ['SASL password.'], { redact: true }),
      saslMechanism: key('string', '', ['SASL mechanism: PLAIN (the default with a user), SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.'], {
        validate: oneOf(['', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER']),
      }),
      saslVersion: key('int', 1, ['SASL handshake version (kept for compatibility).']),
      saslAccessToken: key('string', '', ['Static OAUTHBEARER access token.'], { redact: true }),
      saslOauthTokenUrl: key('string', '', ['Token URL for OAUTHBEARER client credentials.']),
      saslOauthClientId: key('string', '', ['OAUTHBEARER client id.']),
      saslOauthClientSecret: key('string', '', ['OAUTHBEARER client secret.'], { redact: true }),
      saslOauthScopes: key('string-list', () => [], ['OAUTHBEARER scopes.']),
      saslOauthParameters: key('string-map', () => ({}), ['Extra parameters of the OAUTHBEARER token request.']),
    },
  }),
  mqtt: arraySection({
    array: true,
    elementKey: 'name',
    overridable: true,
    doc: ['MQTT brokers alerts are published to.'],
    keys: {
      enabled: key('bool', false, ['Publish alerts to this broker.']),
      name: key('string', 'default', ['Name handlers use for this broker.']),
      default: key('bool', false, ['The broker used when an alert names none.']),
      url: key('string', 'tcp://localhost:1883', ['Broker URL (tcp://, ssl://, ws://).']),
      clientId: key('string', '', ['Client id; empty means a generated one.']),
      username: key('string', '', ['User.']),
      password: key('string', '', ['Password.'], { redact: true }),
      sslCa: key('string', '', ['PEM file of the CA to trust.']),
      sslCert: key('string', '', ['PEM client certificate.']),
      sslKey: key('string', '', ['PEM client key.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the server's certificate (insecure)."]),
    },
  }),
  snmptrap: section({
    overridable: true,
    doc: ['SNMP trap alerts.'],
    keys: {
      enabled: key('bool', false, ['Send SNMP traps.']),
      addr: key('string', 'localhost:162', ['host:port of the trap receiver.']),
      community: key('string', 'kapacitor', ['SNMP community.']),
      retries: key('int', 1, ['Retries per trap.']),
    },
  }),
  stats: section({
    doc: ['Internal statistics, written as points into a database any task can read.'],
    keys: {
      enabled: key('bool', true, ['Emit internal statistics.']),
      statsInterval: key('duration', 10_000, ['How often statistics are emitted.']),
      database: key('string', '_kapacitor', ['Database the statistics are written to.']),
      retentionPolicy: key('string', 'autogen', ['Retention policy the statistics are written to.']),
      timingSampleRate: key('float', 0.1, ['Fraction of points whose processing time is measured.']),
      timingMovavgSize: key('int', 1000, ['Number of timings in the moving average.']),
    },
  }),
  // ---- inputs: [[udp]], [[graphite]], [opentsdb], [collectd], [[scraper]] and its discoverers ----
  ...LISTENER_SECTIONS,
  // ---- the clusters of the autoscale nodes: [[kubernetes]], [[swarm]], [[ec2]] ----
  ...AUTOSCALE_SECTIONS,
};

export type RootValues = SectionValues<typeof ROOT_KEYS>;
export type Sections = typeof SECTIONS;
export type SectionName = keyof Sections;

/** The whole configuration; durations are milliseconds. */
export type Config = RootValues & { -readonly [S in SectionName]: SectionValue<Sections[S]> };

export type HttpConfig = Config['http'];
export type LoggingConfig = Config['logging'];
export type InfluxDBConfig = Config['influxdb'][number];
export type SlackConfig = Config['slack'][number];
export type HttpPostConfig = Config['httppost'][number];
export type SmtpConfig = Config['smtp'];
export type Pagerduty2Config = Config['pagerduty2'];
export type StatsConfig = Config['stats'];
export type DeadmanConfig = Config['deadman'];
export type UdfConfig = Config['udf'];
export type EngineConfig = Config['engine'];
export type ClusterConfig = Config['cluster'];
export type JobsConfig = Config['jobs'];
export type UdpConfig = Config['udp'][number];
export type GraphiteConfig = Config['graphite'][number];
export type OpentsdbConfig = Config['opentsdb'];
export type CollectdConfig = Config['collectd'];
export type ScraperConfig = Config['scraper'][number];
export type StaticDiscoveryConfig = Config['staticDiscovery'][number];
export type FileDiscoveryConfig = Config['fileDiscovery'][number];
export type DnsDiscoveryConfig = Config['dns'][number];
export type KubernetesConfig = Config['kubernetes'][number];
export type SwarmConfig = Config['swarm'][number];
export type Ec2Config = Config['ec2'][number];
