// Define-time node validation against Kapacitor 1.5.7's pipeline/*.go validate() methods: each
// rule has a script Kapacitor refuses (with its exact text) and a near miss it accepts. The last
// test checks the texts over HTTP, as `kapacitor define` shows them.
//
// Checklist (pipeline/<file>.go, v1.5.7):
//   alert.go          AlertNodeData.validate: SNMP trap without oid; SNMP data type not c/i/n/s/t;
//                     post handler header `authenticate` (any case)
//   barrier.go        both idle and period; idle <= 0; period <= 0
//   combine.go        no .as(); .as() count != expressions; empty name; name contains the
//                     delimiter (an empty delimiter is in every name); duplicate names
//   default.go        field default of a type other than float/int/string/bool
//   ec2_autoscale.go  exactly one of GroupName/GroupNameTag; min >= 1; replicas lambda
//   eval.go           .as() count != expressions; .tags() name not among .as() names
//   group_by.go       empty dimension; non-string dimension; `*` with others; exclude without `*`
//   http_post.go      2+ urls; 2+ endpoints; neither; both; `authenticate` header
//   join.go           no .as(); count != parents; empty prefix; prefix contains delimiter; duplicates
//   k8s_autoscale.go  exactly one of ResourceName/ResourceNameTag; kind; min >= 1; replicas
//   kapacitor_loopback.go  database; retention policy
//   stream.go         FromNode: group_by.go dimension checks (no exclude)
//   swarm_autoscale.go exactly one of ServiceName/ServiceNameTag; min >= 1; replicas
//   window.go         period and periodCount; align with periodCount; everyCount <= 0 with periodCount
//   udf.go            option arg count and types (test/pipeline/udf-options.test.ts)
//   node.go           Window on a batch edge; sample of another type (chain checks, build.test.ts)
//   batch.go (QueryNode), stats.go, influxdb_out.go, ... have no validate(): nothing refused.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipeline, TickEvalError } from '../../src/pipeline/build.js';
import { parse } from '../../src/tick/parser.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

function refused(script: string): string {
  try {
    buildPipeline(parse(script));
  } catch (error) {
    assert.ok(error instanceof TickEvalError, `expected TickEvalError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`expected the script to be refused:\n${script}`);
}

function accepted(script: string): void {
  assert.doesNotThrow(() => buildPipeline(parse(script)), script);
}

const S = "stream\n    |from()\n        .measurement('m')\n";

/** [refused script, Kapacitor's text, accepted near miss] */
type Rule = [string, string, string];

function check(rules: Rule[]): void {
  for (const [bad, text, good] of rules) {
    assert.equal(refused(bad), text, bad);
    accepted(good);
  }
}

test('alert.go: SNMP trap oid and data types, post handler authenticate header', () => {
  check([
    [`${S}|alert().snmpTrap('')`, 'invalid SNMP trap "": you must supply a trap Oid', `${S}|alert().snmpTrap('1.1')`],
    [
      `${S}|alert().snmpTrap('1.1').data('1.1.2', 'x', 'v')`,
      'invalid SNMP trap "1.1": unsupported data type "x" for data entry "1.1.2"',
      `${S}|alert().snmpTrap('1.1').data('1.1.2', 'c', 'v').data('1.1.3', 't', 'v')`,
    ],
    [
      `${S}|alert().post('http://x').header('AuthentiCate', 'v')`,
      "invalid post: cannot set 'authenticate' header",
      `${S}|alert().post('http://x').header('Authorization', 'v')`,
    ],
  ]);
  // SNMP traps are checked before post handlers, whatever the order in the script.
  assert.equal(refused(`${S}|alert().post('http://x').header('authenticate', 'v').snmpTrap('')`), 'invalid SNMP trap "": you must supply a trap Oid');
});

test('barrier.go: idle and period', () => {
  check([
    [`${S}|barrier().idle(1s).period(1s)`, 'cannot specify both idle and period', `${S}|barrier().period(1s)`],
    [`${S}|barrier()`, 'idle must be greater than zero', `${S}|barrier().idle(1s)`],
    [`${S}|barrier().idle(-1s)`, 'idle must be greater than zero', `${S}|barrier().idle(1ms)`],
    [`${S}|barrier().period(-1s)`, 'period must be greater than zero', `${S}|barrier().period(1ms).delete(TRUE)`],
  ]);
});

test('combine.go: prefixes', () => {
  const c = `${S}|combine(lambda: TRUE, lambda: TRUE)`;
  check([
    [c, 'a call to combine.as() is required to specify the output stream prefixes.', `${c}.as('a', 'b')`],
    [`${c}.as()`, 'a call to combine.as() is required to specify the output stream prefixes.', `${c}.as('a', 'b')`],
    [`${c}.as('a')`, 'number of prefixes specified by combine.as() must match the number of combine expressions', `${c}.as('a', 'b')`],
    [`${c}.as('a', '')`, 'must provide a prefix name for the combine node, see .as() property method', `${c}.as('a', 'b')`],
    [`${c}.as('a', 'b.c')`, 'cannot use name b.c as field prefix, it contains the delimiter character .', `${c}.as('a', 'b.c').delimiter('_')`],
    [`${c}.as('a', 'b').delimiter('')`, 'cannot use name a as field prefix, it contains the delimiter character ', `${c}.as('a', 'b').delimiter('-')`],
    [`${c}.as('a', 'a')`, 'cannot use the same prefix name see .as() property method', `${c}.as('a', 'A')`],
  ]);
});

test('default.go: field default value types', () => {
  check([
    [
      `${S}|default().field('f', 10s)`,
      'unsupported type time.Duration for field "f", field default values must be float,int,string or bool',
      `${S}|default().field('f', 10).field('g', 1.5).field('h', 'x').field('i', TRUE)`,
    ],
    [
      `${S}|default().field('f', /x/)`,
      'unsupported type *regexp.Regexp for field "f", field default values must be float,int,string or bool',
      `${S}|default().field('f', /x/).field('f', 'x')`,
    ],
    [
      `${S}|default().field('f', lambda: 1)`,
      'unsupported type *ast.LambdaNode for field "f", field default values must be float,int,string or bool',
      `${S}|default().tag('f', 'x')`,
    ],
  ]);
});

test('eval.go: .as() names and .tags()', () => {
  const e = `${S}|eval(lambda: 1, lambda: 2)`;
  check([
    [`${e}.as('a')`, 'must specify same number of expressions and .as() names: got 1 as names, and 2 expressions.', `${e}.as('a', 'b')`],
    [`${e}.as('a', 'b').tags('c')`, 'invalid tag name "c", name is not present is .as() names', `${e}.as('a', 'b').tags('b')`],
    [
      `${e}.as('a', 'b').tags('c').tags('a')`.replace(".tags('a')", ".tags('a', 'z')"),
      'invalid tag name "z", name is not present is .as() names',
      `${e}.as('a', 'b').tags('c').tags('a')`,
    ],
  ]);
});

test('group_by.go and stream.go: dimensions', () => {
  check([
    [`${S}|groupBy('')`, 'dimensions cannot not be the empty string', `${S}|groupBy('host')`],
    [`${S}|groupBy(10)`, 'invalid dimension object of type int64', `${S}|groupBy('10')`],
    [`${S}|groupBy(*, 'host')`, "cannot group by both '*' and named dimensions.", `${S}|groupBy(*)`],
    [`${S}|groupBy('host').exclude('cpu')`, "exclude requires '*'", `${S}|groupBy(*).exclude('cpu')`],
    [`${S}        .groupBy('host', '')`, 'dimensions cannot not be the empty string', `${S}        .groupBy('host', 'cpu')`],
    [`${S}        .groupBy(*, 'host')`, "cannot group by both '*' and named dimensions.", `${S}        .groupBy(*)`],
    [`${S}        .groupBy(time(1m))`, 'invalid dimension object of type kapacitor.TimeDimension', `${S}        .groupBy('time')`],
  ]);
  // batch.go: QueryNode has no validate(), so its dimensions are not checked at define time.
  accepted("batch\n    |query('SELECT * FROM db..m')\n        .period(1m)\n        .every(1m)\n        .groupBy(time(1m), '')");
});

test('http_post.go: urls, endpoints and headers', () => {
  check([
    [`${S}|httpPost('http://a', 'http://b')`, 'httpPost expects 0 or 1 arguments, got 2', `${S}|httpPost('http://a')`],
    [`${S}|httpPost().endpoint('a').endpoint('b')`, 'httpPost expects 0 or 1 endpoints, got 2', `${S}|httpPost().endpoint('a')`],
    [`${S}|httpPost()`, 'must provide url or endpoint', `${S}|httpPost().endpoint('a')`],
    [`${S}|httpPost('http://a').endpoint('a')`, 'only one endpoint and url may be specified', `${S}|httpPost('http://a')`],
    [`${S}|httpPost('http://a').header('authenticate', 'x')`, "cannot set 'authenticate' header", `${S}|httpPost('http://a').header('Authorization', 'x')`],
  ]);
  // The argument count is checked before the endpoints.
  assert.equal(refused(`${S}|httpPost('http://a', 'http://b').endpoint('a').endpoint('b')`), 'httpPost expects 0 or 1 arguments, got 2');
});

test('join.go: prefixes', () => {
  const j = "var a = stream|from().measurement('a')\nvar b = stream|from().measurement('b')\na|join(b)";
  check([
    [j, 'a call to join.as() is required to specify the output stream prefixes.', `${j}.as('a', 'b')`],
    [`${j}.as('a')`, 'number of prefixes specified by join.as() must match the number of joined streams', `${j}.as('a', 'b')`],
    [`${j}.as('a', '')`, 'must provide a prefix name for the join node, see .as() property method', `${j}.as('a', 'b')`],
    [`${j}.as('a', 'b.c')`, 'cannot use name b.c as field prefix, it contains the delimiter "."\t', `${j}.as('a', 'b.c').delimiter('')`],
    [`${j}.as('a', 'a')`, 'cannot use the same prefix name see .as() property method', `${j}.as('a', 'A')`],
  ]);
});

test('autoscale nodes: names, kind, min, replicas', () => {
  check([
    [
      `${S}|k8sAutoscale().replicas(lambda: 1)`,
      'must specify exactly one of ResourceName or ResourceNameTag',
      `${S}|k8sAutoscale().resourceName('r').replicas(lambda: 1)`,
    ],
    [
      `${S}|k8sAutoscale().resourceName('r').kind('pods')`,
      "invalid Kind, must be 'deployments', 'replicasets' or 'replicationcontrollers', got pods",
      `${S}|k8sAutoscale().resourceName('r').kind('replicasets').replicas(lambda: 1)`,
    ],
    [`${S}|k8sAutoscale().resourceName('r').min(0)`, 'min must be >= 1, got 0', `${S}|k8sAutoscale().resourceName('r').min(1).replicas(lambda: 1)`],
    [`${S}|k8sAutoscale().resourceName('r')`, 'must provide a replicas lambda expression', `${S}|k8sAutoscale().resourceName('r').replicas(lambda: 1)`],
    [
      `${S}|swarmAutoscale().serviceName('a').serviceNameTag('b').replicas(lambda: 1)`,
      'must specify exactly one of ServiceName or ServiceNameTag',
      `${S}|swarmAutoscale().serviceNameTag('b').replicas(lambda: 1)`,
    ],
    [
      `${S}|swarmAutoscale().serviceName('a').min(-2).replicas(lambda: 1)`,
      'min must be >= 1, got -2',
      `${S}|swarmAutoscale().serviceName('a').min(2).replicas(lambda: 1)`,
    ],
    [
      `${S}|ec2Autoscale().replicas(lambda: 1)`,
      'must specify exactly one of GroupName or GroupNameTag',
      `${S}|ec2Autoscale().groupName('g').replicas(lambda: 1)`,
    ],
    [`${S}|ec2Autoscale().groupName('g').min(0)`, 'min must be >= 1, got 0', `${S}|ec2Autoscale().groupName('g').replicas(lambda: 1)`],
  ]);
  // Kapacitor 1.5.7 has no max-versus-min check.
  accepted(`${S}|ec2Autoscale().groupName('g').min(5).max(2).replicas(lambda: 1)`);
});

test('kapacitor_loopback.go: database and retention policy', () => {
  check([
    [`${S}|kapacitorLoopback().retentionPolicy('r')`, 'must specify a database', `${S}|kapacitorLoopback().database('d').retentionPolicy('r')`],
    [`${S}|kapacitorLoopback().database('d')`, 'must specify a retention policy', `${S}|kapacitorLoopback().database('d').retentionPolicy('r')`],
  ]);
});

test('window.go: period and count windows', () => {
  check([
    [`${S}|window().period(1m).periodCount(10).everyCount(1)`, 'cannot specify both period and periodCount', `${S}|window().periodCount(10).everyCount(1)`],
    [`${S}|window().periodCount(10).everyCount(1).align()`, 'can only align windows based off time, not count', `${S}|window().period(1m).every(1m).align()`],
    [`${S}|window().periodCount(10)`, 'everyCount must be greater than zero', `${S}|window().periodCount(10).everyCount(5)`],
    [`${S}|window().periodCount(10).everyCount(-1)`, 'everyCount must be greater than zero', `${S}|window().period(10s).everyCount(-1)`],
  ]);
  // Kapacitor 1.5.7 does not refuse every together with everyCount.
  accepted(`${S}|window().period(1m).every(1m).everyCount(5)`);
});

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

test('define answers 400 with the validation text', async () => {
  const cases: Array<[string, string]> = [
    [`${S}|window().periodCount(10)`, 'everyCount must be greater than zero'],
    [`${S}|httpPost('http://a').header('Authenticate', 'x')`, "cannot set 'authenticate' header"],
    [`${S}|eval(lambda: 1).as('a').tags('b')`, 'invalid tag name "b", name is not present is .as() names'],
  ];
  for (const [script, text] of cases) {
    const reply = await request(server.url, 'POST', '/kapacitor/v1/tasks', { json: { id: 'v', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script } });
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.json, { error: `invalid TICKscript: ${text}` });
  }
});
