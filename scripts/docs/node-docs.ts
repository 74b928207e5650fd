// Prose for the generated node reference: what each catalogue node does, the defaults of its
// properties and one example script. The catalogue (src/pipeline/catalogue) stays the source
// of names, signatures and chaining; this file only explains. A test fails when a catalogue
// node has no entry here, and compiles every example.

export interface NodeDoc {
  /** One or two sentences: what the node does. */
  summary: string;
  /** A complete TICKscript using the node. */
  example: string;
  /** Property name → what it sets. */
  props?: Record<string, string>;
  /** Property name → the value used when the property is not set. */
  defaults?: Record<string, string>;
}

const S = '    ';
/** A stream script: from cpu, then the given lines (each already indented by the caller). */
function onCpu(...lines: string[]): string {
  return ['stream', `${S}|from()`, `${S}${S}.measurement('cpu')`, ...lines.map((l) => `${S}${l}`)].join('\n') + '\n';
}

const WINDOW_1M = ['|window()', `${S}.period(1m)`, `${S}.every(1m)`];


/** Properties and defaults the three autoscale nodes share (autoscale.go's AutoscaleNode). */
const AUTOSCALE_PROPS = {
  currentField: 'Name under which the lambda sees the current count.',
  max: 'Largest count set (0: no limit).',
  min: 'Smallest count set.',
  replicas: 'Lambda giving the wanted count (an integer).',
  increaseCooldown: 'Least time (point time) between two increases of one resource.',
  decreaseCooldown: 'Least time (point time) between two decreases of one resource.',
};
const AUTOSCALE_DEFAULTS = { cluster: "'' (the section without an id)", min: '1', max: '0 (no limit)', increaseCooldown: '0s', decreaseCooldown: '0s' };

export const NODE_DOCS: Record<string, NodeDoc> = {
  stream: {
    summary: 'The source of a stream task: every point written to the task\'s databases and retention policies. It chains only to `from()`, besides the `stats()` and `deadman()` every node has.',
    example: onCpu('|httpOut(\'points\')'),
  },
  batch: {
    summary: 'The source of a batch task. It chains only to `query()` (a task may run several), besides `stats()` and `deadman()`.',
    example: "batch\n    |query('SELECT mean(\"usage_idle\") FROM \"telegraf\".\"autogen\".\"cpu\"')\n        .period(5m)\n        .every(5m)\n    |httpOut('mean')\n",
  },
  from: {
    summary: 'Selects the points of a stream task: by database, retention policy, measurement and a `where` lambda, and groups them.',
    props: {
      where: 'Keep only points for which the lambda is true; several calls must all be true.',
      groupBy: 'Group by these tags (`*` for all).', database: 'Only points of this database.',
      retentionPolicy: 'Only points of this retention policy.', measurement: 'Only points of this measurement.',
      truncate: 'Truncate point times to this precision.', round: 'Round point times to this precision.',
      groupByMeasurement: 'Include the measurement name in the group.',
    },
    defaults: { database: 'any', retentionPolicy: 'any', measurement: 'any', truncate: '0s (none)', round: '0s (none)' },
    example: "stream\n    |from()\n        .database('telegraf')\n        .measurement('cpu')\n        .where(lambda: \"cpu\" == 'cpu-total')\n        .groupBy('host')\n    |httpOut('points')\n",
  },
  query: {
    summary: 'Runs an InfluxQL query on a schedule and emits one batch per series of the result. The query must not contain the time range or `GROUP BY`: `period` and `groupBy` add them.',
    props: {
      period: 'The time range each run queries, ending at the run\'s time.', every: 'How often to run.',
      align: 'Run at multiples of `every`.', alignGroup: 'Align the `GROUP BY time()` intervals to the range.',
      cron: 'A cron schedule instead of `every`.', offset: 'Move the queried range back by this much.',
      groupBy: 'Tags, or `time(d)`, to group by.', groupByMeasurement: 'Include the measurement name in the group.',
      fill: 'InfluxQL fill option: `null`, `none`, `previous`, `linear` or a number.', cluster: 'The `[[influxdb]]` cluster to query.',
    },
    defaults: { offset: '0s', fill: 'InfluxQL\'s default (null)', cluster: 'the default cluster' },
    example: "batch\n    |query('''\n        SELECT mean(\"usage_idle\") AS usage_idle\n        FROM \"telegraf\".\"autogen\".\"cpu\"\n    ''')\n        .period(10m)\n        .every(1m)\n        .align()\n        .groupBy(time(1m), 'host')\n    |httpOut('per_minute')\n",
  },
  queryFlux: {
    summary: 'Runs a Flux script on a schedule (on the built-in Flux engine, reading the `[[influxdb]]` cluster) with `now()` at the run\'s time, and emits one batch per result table: `_measurement` names it, the group key columns are its tags, the other columns (but `_start`, `_stop`, `_time`) its fields.',
    props: {
      period: 'Accepted as in Kapacitor; the script\'s `range()` sets what is read.', every: 'How often to run.',
      align: 'Run at multiples of `every`.', cron: 'A cron schedule instead of `every`.',
      offset: 'Run the script with `now()` this much earlier.', cluster: 'The `[[influxdb]]` cluster to query.',
      org: 'InfluxDB 2.x organization; unused with InfluxDB 1.x.', orgID: 'InfluxDB 2.x organization ID; unused with InfluxDB 1.x.',
    },
    defaults: { offset: '0s', cluster: 'the default cluster' },
    example: "batch\n    |queryFlux('''\n        from(bucket: \"telegraf/autogen\")\n            |> range(start: -1m)\n            |> filter(fn: (r) => r._measurement == \"cpu\" and r._field == \"usage_idle\")\n    ''')\n        .every(1m)\n    |httpOut('idle')\n",
  },
  window: {
    summary: 'Collects the points of each group and emits them as a batch every `every`, covering `period`. A window is emitted when a later point of the group arrives.',
    props: {
      period: 'Time covered by each emitted batch.', every: 'How often a batch is emitted.',
      align: 'Start windows at multiples of `every`.', fillPeriod: 'Emit nothing until a whole period is there.',
      periodCount: 'Number of points per batch, instead of a period.', everyCount: 'Emit every this many points.',
    },
    example: onCpu('|window()', `${S}.period(5m)`, `${S}.every(1m)`, `${S}.align()`, "|mean('usage_idle')", "|httpOut('mean')"),
  },
  groupBy: {
    summary: 'Regroups the data by other tags. `*` groups by every tag.',
    props: { exclude: 'With `*`: tags not to group by.', byMeasurement: 'Include the measurement name in the group.' },
    example: onCpu("|groupBy('region')", ...WINDOW_1M, "|max('usage_user')", "|httpOut('max')"),
  },
  where: {
    summary: 'Keeps only the points (or the points of batches) for which the lambda is true.',
    example: onCpu("|where(lambda: \"host\" =~ /^web/ AND \"usage_idle\" < 50)", "|httpOut('busy_web')"),
  },
  eval: {
    summary: 'Computes new fields (or tags) from lambdas. Each lambda may use the results of the ones before it.',
    props: {
      as: 'Names of the results, one per lambda.', tags: 'Of the results, these become tags (strings only).',
      keep: 'Keep only these fields (no arguments: keep all, with the results).', quiet: 'Do not log evaluation errors.',
    },
    defaults: { keep: 'only the results are kept' },
    example: onCpu('|eval(lambda: 100.0 - "usage_idle", lambda: "used" > 90.0)', `${S}.as('used', 'overloaded')`, `${S}.keep()`, "|httpOut('used')"),
  },
  default: {
    summary: 'Adds fields and tags with a default value to points that lack them.',
    props: { field: 'Field name and its default.', tag: 'Tag name and its default.' },
    example: onCpu('|default()', `${S}.field('usage_idle', 100.0)`, `${S}.tag('region', 'unknown')`, "|httpOut('filled')"),
  },
  delete: {
    summary: 'Removes fields and tags.',
    props: { field: 'A field to remove.', tag: 'A tag to remove.' },
    example: onCpu('|delete()', `${S}.field('usage_guest')`, `${S}.tag('cpu')`, "|httpOut('trimmed')"),
  },
  shift: {
    summary: 'Moves the time of every point or batch by a duration (negative moves back).',
    example: onCpu('|shift(-1h)', "|httpOut('an_hour_earlier')"),
  },
  sample: {
    summary: 'Keeps one point (or batch) in every n, or one per duration.',
    example: onCpu('|sample(10)', "|httpOut('one_in_ten')"),
  },
  derivative: {
    summary: 'The rate of change of a field between consecutive points, per `unit`.',
    props: { unit: 'The time unit of the rate.', nonNegative: 'Drop negative rates (counter resets).', as: 'Name of the result field.' },
    defaults: { unit: '1s', as: 'derivative' },
    example: "stream\n    |from()\n        .measurement('net')\n        .groupBy('host')\n    |derivative('bytes_recv')\n        .unit(1s)\n        .nonNegative()\n        .as('bytes_per_second')\n    |httpOut('rate')\n",
  },
  changeDetect: {
    summary: 'Emits a point only when one of the given fields changed from the previous point of its group.',
    example: "stream\n    |from()\n        .measurement('service')\n        .groupBy('name')\n    |changeDetect('state')\n    |httpOut('changes')\n",
  },
  stateDuration: {
    summary: 'How long the lambda has been true, in `unit`s, as a field; -1 when false.',
    props: { unit: 'Unit of the duration.', as: 'Name of the result field.' },
    defaults: { unit: '1s', as: 'state_duration' },
    example: onCpu('|stateDuration(lambda: "usage_idle" < 10)', `${S}.unit(1m)`, `${S}.as('busy_minutes')`, "|httpOut('busy')"),
  },
  stateCount: {
    summary: 'How many consecutive points the lambda has been true for, as a field; -1 when false.',
    props: { as: 'Name of the result field.' },
    defaults: { as: 'state_count' },
    example: onCpu('|stateCount(lambda: "usage_idle" < 10)', `${S}.as('busy_points')`, "|httpOut('busy')"),
  },
  flatten: {
    summary: 'Merges the points of a group that share a time into one point, prefixing each field with the values of the `on` tags.',
    props: {
      on: 'Tags whose values prefix the field names.', delimiter: 'Between the prefix parts and the field name.',
      tolerance: 'Points this close in time count as the same time.', dropOriginalFieldName: 'Leave the original field name out of the new names.',
    },
    defaults: { delimiter: "'.'", tolerance: '0s' },
    example: "stream\n    |from()\n        .measurement('disk')\n        .groupBy('host')\n    |flatten()\n        .on('path')\n        .tolerance(1s)\n    |httpOut('by_path')\n",
  },
  combine: {
    summary: 'Pairs (or n-tuples of) points of the same group and time that match the lambdas, into one point whose fields are prefixed by the `as` names.',
    props: { as: 'One prefix per lambda.', delimiter: 'Between prefix and field name.', tolerance: 'Points this close in time count as the same time.', max: 'At most this many combinations per time.' },
    defaults: { delimiter: "'.'", tolerance: '0s' },
    example: "stream\n    |from()\n        .measurement('request_latency')\n    |combine(lambda: \"service\" == 'login', lambda: \"service\" == 'search')\n        .as('login', 'search')\n    |httpOut('pairs')\n",
  },
  join: {
    summary: 'Joins two or more parents on time and group: each output point holds the fields of all parents, prefixed by the `as` names.',
    props: {
      as: 'One prefix per parent.', on: 'Join on these tags only (the others are dropped).', delimiter: 'Between prefix and field name.',
      streamName: 'Measurement name of the joined points.', tolerance: 'Points this close in time count as the same time.',
      fill: 'Emit incomplete joins, filling missing fields: `null` or a number.', deleteAll: 'Forget a group\'s buffered points when it receives a barrier.',
    },
    defaults: { delimiter: "'.'", tolerance: '0s', fill: 'none: incomplete joins are dropped', streamName: 'the first parent\'s measurement' },
    example: "var errors = stream\n    |from()\n        .measurement('errors')\n\nvar requests = stream\n    |from()\n        .measurement('requests')\n\nerrors\n    |join(requests)\n        .as('errors', 'requests')\n        .tolerance(1s)\n    |eval(lambda: \"errors.value\" / \"requests.value\")\n        .as('rate')\n    |httpOut('error_rate')\n",
  },
  union: {
    summary: 'Merges two or more parents into one stream, unchanged.',
    props: { rename: 'Measurement name of the merged data.' },
    example: "var cpu = stream\n    |from()\n        .measurement('cpu')\n\nvar mem = stream\n    |from()\n        .measurement('mem')\n\ncpu\n    |union(mem)\n        .rename('host_metrics')\n    |httpOut('all')\n",
  },
  barrier: {
    summary: 'Emits barriers on the wall clock, which close windows and joins downstream, either after `idle` time without data in a group or every `period`.',
    props: { idle: 'Emit a barrier after this long without a point in the group.', period: 'Emit a barrier every period.', delete: 'Delete the group\'s state downstream after the barrier.' },
    example: "stream\n    |from()\n        .measurement('cpu')\n        .groupBy('host')\n    |barrier()\n        .idle(30s)\n        .delete(TRUE)\n    |window()\n        .period(1m)\n        .every(1m)\n    |mean('usage_idle')\n    |httpOut('mean')\n",
  },
  trickle: {
    summary: 'Turns batches back into a stream of single points.',
    example: onCpu(...WINDOW_1M, '|trickle()', "|httpOut('points')"),
  },
  log: {
    summary: 'Logs every point or batch passing through, unchanged.',
    props: { level: 'Log level: DEBUG, INFO, WARN or ERROR.', prefix: 'A prefix for the log lines.' },
    defaults: { level: "'INFO'", prefix: "''" },
    example: onCpu('|log()', `${S}.level('DEBUG')`, `${S}.prefix('cpu in')`, "|httpOut('points')"),
  },
  noOp: {
    summary: 'An internal node that passes data on unchanged (used where a script\'s nodes need a placeholder). Not created from scripts.',
    example: onCpu("|httpOut('points')"),
  },
  stats: {
    summary: 'Emits, every interval of wall time, the statistics of its parent node (e.g. `emitted`) as points: the base of `deadman`.',
    props: { align: 'Emit at multiples of the interval.' },
    example: "var data = stream\n    |from()\n        .measurement('cpu')\n\ndata\n    |stats(1m)\n        .align()\n    |httpOut('throughput')\n",
  },
  sideload: {
    summary: 'Adds fields and tags read from files (YAML or JSON) chosen by the point\'s tags, in `order` of precedence.',
    props: { source: 'A `file://` URL of the directory holding the files.', order: 'File names to look in, templated with tags (`{{.host}}.yml`).', field: 'A field to add, and its default.', tag: 'A tag to add, and its default.' },
    example: onCpu(`|sideload()`, `${S}.source('file:///etc/kapacitor/sideload')`, `${S}.order('hosts/{{.host}}.yml', 'default.yml')`, `${S}.field('max_usage', 90.0)`, "|httpOut('enriched')"),
  },
  udf: {
    summary: 'A user-defined function: an agent program (or unix socket) configured in `[udf.functions.NAME]`, called as `@NAME()` with its own options. The options and their types come from the agent.',
    example: onCpu('@movingAvg()', `${S}.field('usage_idle')`, `${S}.size(10)`, "|httpOut('smoothed')"),
  },
  httpOut: {
    summary: 'Keeps the last result it received and serves it at `GET /kapacitor/v1/tasks/TASK/NAME` as InfluxDB-style JSON.',
    example: onCpu(...WINDOW_1M, "|mean('usage_idle')", "|httpOut('mean')"),
  },
  httpPost: {
    summary: 'POSTs every point or batch as JSON to URLs (given, or from an `[[httppost]]` endpoint), and passes the data on.',
    props: { endpoint: 'An `[[httppost]]` endpoint name instead of a URL.', header: 'A header to send.', captureResponse: 'Log the body of non-2xx answers.', timeout: 'Request timeout.', codeField: 'Add the HTTP status code as this field.' },
    defaults: { timeout: '0s (none)' },
    example: onCpu(...WINDOW_1M, "|mean('usage_idle')", "|httpPost('http://127.0.0.1:8000/cpu')", `${S}.header('Authorization', 'Bearer token')`),
  },
  influxDBOut: {
    summary: 'Writes every point or batch to InfluxDB. Ends the pipeline.',
    props: {
      database: 'Target database.', retentionPolicy: 'Target retention policy.', measurement: 'Measurement name written.',
      writeConsistency: 'InfluxDB Enterprise write consistency.', precision: 'Time precision of the writes.',
      buffer: 'Points buffered before a write.', flushInterval: 'Write at least this often.', create: 'Create the database if it does not exist.',
      tag: 'Add a tag to every point.', cluster: 'The `[[influxdb]]` cluster to write to.',
    },
    defaults: { measurement: 'the data\'s measurement', precision: "'ns'", buffer: '1000', flushInterval: '10s', cluster: 'the default cluster' },
    example: onCpu(...WINDOW_1M, "|mean('usage_idle')", `${S}.as('usage_idle')`, '|influxDBOut()', `${S}.database('telegraf')`, `${S}.retentionPolicy('autogen')`, `${S}.measurement('cpu_1m')`, `${S}.tag('source', 'kapacitor')`),
  },
  kapacitorLoopback: {
    summary: 'Writes every point back into this server\'s own stream, under a database, retention policy and measurement, for other tasks to read. Ends the pipeline.',
    props: { database: 'Database written to.', retentionPolicy: 'Retention policy written to.', measurement: 'Measurement name written.', tag: 'Add a tag.' },
    example: onCpu(...WINDOW_1M, "|mean('usage_idle')", '|kapacitorLoopback()', `${S}.database('derived')`, `${S}.retentionPolicy('autogen')`, `${S}.measurement('cpu_1m')`),
  },
  k8sAutoscale: {
    summary: 'Scales a Kubernetes deployment, replica set or replication controller of a `[[kubernetes]]` cluster to the replica count a lambda computes, clamped to min/max. When the count changes it is set on the peer and a point with fields `old` and `new` (with the group tags) is emitted; a change within the cooldown is dropped.',
    props: {
      cluster: 'The id of the `[[kubernetes]]` section to use.',
      ...AUTOSCALE_PROPS,
      namespace: 'Namespace of the resource.', kind: 'deployments, replicasets or replicationcontrollers.',
      resourceName: 'The resource to scale.', resourceNameTag: 'Tag holding the resource to scale.',
      namespaceTag: 'Tag of the emitted point holding the namespace.', kindTag: 'Tag of the emitted point holding the kind.',
      resourceTag: 'Tag of the emitted point holding the resource name.',
    },
    defaults: { ...AUTOSCALE_DEFAULTS, namespace: "'default'", kind: "'deployments'", namespaceTag: "'namespace'", kindTag: "'kind'", resourceTag: "'resource'" },
    example: "stream\n    |from()\n        .measurement('requests')\n    |k8sAutoscale()\n        .resourceName('web')\n        .replicas(lambda: int(\"value\" / 100.0))\n",
  },
  swarmAutoscale: {
    summary: 'Scales a service of a `[[swarm]]` cluster to the replica count a lambda computes, clamped to min/max. When the count changes it is set on the peer and a point with fields `old` and `new` (with the group tags) is emitted; a change within the cooldown is dropped.',
    props: {
      cluster: 'The id of the `[[swarm]]` section to use.',
      ...AUTOSCALE_PROPS,
      serviceName: 'The service to scale.', serviceNameTag: 'Tag holding the service to scale.',
      outputServiceNameTag: 'Tag of the emitted point holding the service name.',
    },
    defaults: { ...AUTOSCALE_DEFAULTS, outputServiceNameTag: 'the serviceNameTag' },
    example: "stream\n    |from()\n        .measurement('requests')\n    |swarmAutoscale()\n        .serviceName('web')\n        .replicas(lambda: int(\"value\" / 100.0))\n",
  },
  ec2Autoscale: {
    summary: 'Sets the desired capacity of an AWS EC2 Auto Scaling group of an `[[ec2]]` region to the count a lambda computes, clamped to min/max. When the count changes it is set on the peer and a point with fields `old` and `new` (with the group tags) is emitted; a change within the cooldown is dropped.',
    props: {
      cluster: 'The id of the `[[ec2]]` section to use.',
      ...AUTOSCALE_PROPS,
      groupName: 'The Auto Scaling group to scale.', groupNameTag: 'Tag holding the group to scale.',
      outputGroupNameTag: 'Tag of the emitted point holding the group name.',
    },
    defaults: { ...AUTOSCALE_DEFAULTS, outputGroupNameTag: 'the groupNameTag' },
    example: "stream\n    |from()\n        .measurement('requests')\n    |ec2Autoscale()\n        .groupName('web')\n        .replicas(lambda: int(\"value\" / 100.0))\n",
  },
  alert: {
    summary: 'Evaluates `crit`, `warn` and `info` lambdas per group and sends an event to its handlers when the level changes. Also publishes to a topic. The handler properties (`.slack()`, `.post()`, ...) are described in the handler reference.',
    props: {
      topic: 'Publish events to this topic.', id: 'Alert ID template.', message: 'Message template.', details: 'Details template (HTML for email).',
      info: 'Condition for INFO.', warn: 'Condition for WARNING.', crit: 'Condition for CRITICAL.',
      infoReset: 'Leave INFO only when this is true.', warnReset: 'Leave WARNING only when this is true.', critReset: 'Leave CRITICAL only when this is true.',
      history: 'Number of levels kept for flapping detection.', levelTag: 'Add the level as this tag.', levelField: 'Add the level as this field.',
      messageField: 'Add the message as this field.', durationField: 'Add the duration as this field.', idTag: 'Add the ID as this tag.', idField: 'Add the ID as this field.',
      category: 'Category for inhibitors.', all: 'A batch is at a level only if all its points are.', noRecoveries: 'Do not send OK events.',
      stateChangesOnly: 'Send only changes of level (and, with a duration, a reminder every duration).', flapping: 'Low and high flapping thresholds (0 to 1).',
      inhibit: 'While this alert is not OK, inhibit alerts of a category with the same tags.',
    },
    defaults: {
      id: "'{{ .Name }}:{{ .Group }}'", message: "'{{ .ID }} is {{ .Level }}'", topic: "'main:TASK:NODE'", history: '21',
    },
    example: "stream\n    |from()\n        .measurement('cpu')\n        .groupBy('host')\n    |alert()\n        .warn(lambda: \"usage_idle\" < 20)\n        .crit(lambda: \"usage_idle\" < 10)\n        .stateChangesOnly()\n        .message('{{ .Level }}: {{ index .Tags \"host\" }} is busy')\n        .log('/tmp/cpu_alert.log')\n",
  },
};

/** The InfluxQL function nodes: what each computes; examples are generated from the signature. */
export const INFLUXQL_DOCS: Record<string, { summary: string; args: string }> = {
  count: { summary: 'Number of values.', args: "'usage_idle'" },
  mean: { summary: 'Arithmetic mean.', args: "'usage_idle'" },
  median: { summary: 'Median.', args: "'usage_idle'" },
  mode: { summary: 'Most frequent value.', args: "'usage_idle'" },
  spread: { summary: 'Difference between largest and smallest value.', args: "'usage_idle'" },
  sum: { summary: 'Sum.', args: "'usage_idle'" },
  stddev: { summary: 'Standard deviation.', args: "'usage_idle'" },
  first: { summary: 'Oldest value (a selector: keeps its point\'s time and tags).', args: "'usage_idle'" },
  last: { summary: 'Newest value (a selector).', args: "'usage_idle'" },
  min: { summary: 'Smallest value (a selector).', args: "'usage_idle'" },
  max: { summary: 'Largest value (a selector).', args: "'usage_idle'" },
  distinct: { summary: 'The distinct values, one point each.', args: "'usage_idle'" },
  percentile: { summary: 'The value at a percentile (0 to 100).', args: "'usage_idle', 95.0" },
  top: { summary: 'The n largest values, optionally one per value of the given tags.', args: "3, 'usage_user', 'host'" },
  bottom: { summary: 'The n smallest values, optionally one per value of the given tags.', args: "3, 'usage_idle', 'host'" },
  elapsed: { summary: 'Time between consecutive points, in the given unit.', args: "'usage_idle', 1s" },
  difference: { summary: 'Difference between consecutive values.', args: "'usage_idle'" },
  movingAverage: { summary: 'Moving average over the last n values.', args: "'usage_idle', 5" },
  cumulativeSum: { summary: 'Running total.', args: "'usage_idle'" },
  holtWinters: { summary: 'Holt-Winters forecast: n predicted values, with a seasonal pattern of the given length, at the given interval.', args: "'usage_idle', 10, 0, 1m" },
  holtWintersWithFit: { summary: 'As holtWinters, also emitting the fitted values for the input.', args: "'usage_idle', 10, 0, 1m" },
};

/** Functions that work on a batch: a window precedes them in the example. */
export const INFLUXQL_WINDOWED = new Set(Object.keys(INFLUXQL_DOCS).filter((name) => !['elapsed', 'difference', 'movingAverage', 'cumulativeSum'].includes(name)));

export function influxqlExample(name: string): string {
  const doc = INFLUXQL_DOCS[name]!;
  const window = INFLUXQL_WINDOWED.has(name) ? WINDOW_1M : [];
  return onCpu(...window, `|${name}(${doc.args})`, "|httpOut('result')");
}
