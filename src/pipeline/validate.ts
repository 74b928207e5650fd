// Kapacitor's define-time node validation (each pipeline node's validate() in pipeline/*.go of
// Kapacitor 1.5.7), run in walk order after the script is evaluated. Messages are Kapacitor's,
// without position; the task service adds the `invalid TICKscript: ` prefix. Nodes whose Go
// type has no validate() of its own (query, stats, influxDBOut, ...) accept anything here.

import { FluxError } from '../flux/errors.js';
import { parse } from '../flux/parser.js';
import { goQuote } from '../gofmt/quote.js';
import { TickEvalError } from './errors.js';
import { allCalls, durationNs, hasProperty, intValue, lastCall, stringValue } from './properties.js';
import type { PipelineNode, PropertyCall, PropertyValue } from './types.js';
import { goTypeOf } from './values.js';

type Validator = (node: PipelineNode) => void;

function fail(message: string): never {
  throw new TickEvalError(message);
}

function strings(values: readonly PropertyValue[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string');
}

/** group_by.go validateDimensions: strings and `*` only, `*` alone, exclude only with `*`. */
function validateDimensions(dimensions: readonly PropertyValue[], excluded: readonly string[]): void {
  let hasStar = false;
  for (const dimension of dimensions) {
    if (typeof dimension === 'string') {
      if (dimension === '') fail('dimensions cannot not be the empty string');
    } else if (typeof dimension === 'object' && !Array.isArray(dimension) && dimension.kind === 'star') {
      hasStar = true;
    } else {
      fail(`invalid dimension object of type ${goTypeOf(dimension)}`);
    }
  }
  if (hasStar && dimensions.length > 1) fail("cannot group by both '*' and named dimensions.");
  if (!hasStar && excluded.length > 0) fail("exclude requires '*'");
}

/** Header names of every `.header(k, v)` call (a map in Kapacitor: later calls overwrite). */
function headerNames(calls: readonly PropertyCall[]): string[] {
  return [...new Set(calls.filter((c) => c.name === 'header').map((c) => String(c.args[0] ?? '')))];
}

function refusesAuthenticate(calls: readonly PropertyCall[]): boolean {
  return headerNames(calls).some((k) => k.toUpperCase() === 'AUTHENTICATE');
}

/** ec2_autoscale.go / k8s_autoscale.go / swarm_autoscale.go validate(): the shared part after the name check. */
function autoscaleMinAndReplicas(node: PipelineNode): void {
  const min = hasProperty(node, 'min') ? intValue(node, 'min') : 1n;
  if (min < 1n) fail(`min must be >= 1, got ${min}`);
  if (!hasProperty(node, 'replicas')) fail('must provide a replicas lambda expression');
}

function exactlyOne(node: PipelineNode, a: string, b: string, label: string): void {
  if ((stringValue(node, a) === '') === (stringValue(node, b) === '')) fail(`must specify exactly one of ${label}`);
}

function autoscale(nameProp: string, tagProp: string, label: string): Validator {
  return (node) => {
    exactlyOne(node, nameProp, tagProp, label);
    autoscaleMinAndReplicas(node);
  };
}

const K8S_KINDS = ['deployments', 'replicasets', 'replicationcontrollers'];
const SNMP_DATA_TYPES = ['c', 'i', 'n', 's', 't'];

const VALIDATORS: Record<string, Validator> = {
  // stream.go FromNode.validate: no exclusions on from().
  from: (node) => validateDimensions(lastCall(node, 'groupBy')?.args ?? [], []),
  // queryFlux has no validate() in Kapacitor; its Flux is parsed here so a syntax error is
  // refused at define time instead of when the task starts.
  queryFlux: (node) => {
    try {
      parse(String(node.args[0] ?? ''));
    } catch (error) {
      if (error instanceof FluxError) fail(`invalid Flux query: ${error.message}`);
      throw error;
    }
  },
  // group_by.go GroupByNode.validate: Exclude appends.
  groupBy: (node) =>
    validateDimensions(
      node.args,
      allCalls(node, 'exclude').flatMap((c) => strings(c.args)),
    ),
  // window.go WindowNode.validate
  window: (node) => {
    const periodCount = intValue(node, 'periodCount');
    if (periodCount !== 0n && durationNs(node, 'period') !== 0n) fail('cannot specify both period and periodCount');
    if (periodCount !== 0n && hasProperty(node, 'align')) fail('can only align windows based off time, not count');
    if (periodCount !== 0n && intValue(node, 'everyCount') <= 0n) fail('everyCount must be greater than zero');
  },
  // barrier.go BarrierNode.validate
  barrier: (node) => {
    const idle = durationNs(node, 'idle');
    const period = durationNs(node, 'period');
    if (idle !== 0n && period !== 0n) fail('cannot specify both idle and period');
    if (period === 0n && idle <= 0n) fail('idle must be greater than zero');
    if (idle === 0n && period <= 0n) fail('period must be greater than zero');
  },
  // default.go DefaultNode.validate: Fields is a map, so a later .field() of the same name wins.
  default: (node) => {
    const fields = new Map<string, PropertyValue | undefined>();
    for (const call of allCalls(node, 'field')) fields.set(String(call.args[0] ?? ''), call.args[1]);
    for (const [field, value] of fields) {
      if (value === undefined) continue;
      const t = goTypeOf(value);
      if (t !== 'float64' && t !== 'int64' && t !== 'bool' && t !== 'string') {
        fail(`unsupported type ${t} for field ${goQuote(field)}, field default values must be float,int,string or bool`);
      }
    }
  },
  // eval.go EvalNode.validate: .as() and .tags() replace their lists.
  eval: (node) => {
    const names = strings(lastCall(node, 'as')?.args);
    if (names.length !== node.args.length) {
      fail(`must specify same number of expressions and .as() names: got ${names.length} as names, and ${node.args.length} expressions.`);
    }
    for (const tag of strings(lastCall(node, 'tags')?.args)) {
      if (!names.includes(tag)) fail(`invalid tag name ${goQuote(tag)}, name is not present is .as() names`);
    }
  },
  // join.go JoinNode.validate, in its order
  join: (node) => {
    const prefixes = strings(lastCall(node, 'as')?.args);
    if (prefixes.length === 0) fail('a call to join.as() is required to specify the output stream prefixes.');
    if (prefixes.length !== node.parents.length) fail('number of prefixes specified by join.as() must match the number of joined streams');
    const delimiter = hasProperty(node, 'delimiter') ? stringValue(node, 'delimiter') : '.';
    for (const prefix of prefixes) {
      if (prefix === '') fail('must provide a prefix name for the join node, see .as() property method');
      if (delimiter !== '' && prefix.includes(delimiter)) fail(`cannot use name ${prefix} as field prefix, it contains the delimiter ${goQuote(delimiter)}\t`);
    }
    if (new Set(prefixes).size !== prefixes.length) fail('cannot use the same prefix name see .as() property method');
  },
  // combine.go CombineNode.validate: unlike join, an empty delimiter is "contained" in every name.
  combine: (node) => {
    const names = strings(lastCall(node, 'as')?.args);
    if (names.length === 0) fail('a call to combine.as() is required to specify the output stream prefixes.');
    if (names.length !== node.args.length) fail('number of prefixes specified by combine.as() must match the number of combine expressions');
    const delimiter = hasProperty(node, 'delimiter') ? stringValue(node, 'delimiter') : '.';
    for (const name of names) {
      if (name === '') fail('must provide a prefix name for the combine node, see .as() property method');
      if (name.includes(delimiter)) fail(`cannot use name ${name} as field prefix, it contains the delimiter character ${delimiter}`);
    }
    if (new Set(names).size !== names.length) fail('cannot use the same prefix name see .as() property method');
  },
  // kapacitor_loopback.go KapacitorLoopbackNode.validate
  kapacitorLoopback: (node) => {
    if (stringValue(node, 'database') === '') fail('must specify a database');
    if (stringValue(node, 'retentionPolicy') === '') fail('must specify a retention policy');
  },
  // k8s_autoscale.go K8sAutoscaleNode.validate: name check, then kind, then min and replicas.
  k8sAutoscale: (node) => {
    exactlyOne(node, 'resourceName', 'resourceNameTag', 'ResourceName or ResourceNameTag');
    const kind = hasProperty(node, 'kind') ? stringValue(node, 'kind') : 'deployments';
    if (!K8S_KINDS.includes(kind)) fail(`invalid Kind, must be 'deployments', 'replicasets' or 'replicationcontrollers', got ${kind}`);
    autoscaleMinAndReplicas(node);
  },
  swarmAutoscale: autoscale('serviceName', 'serviceNameTag', 'ServiceName or ServiceNameTag'),
  ec2Autoscale: autoscale('groupName', 'groupNameTag', 'GroupName or GroupNameTag'),
  // http_post.go HTTPPostNode.validate
  httpPost: (node) => {
    const urls = node.args.length;
    const endpoints = allCalls(node, 'endpoint').length;
    if (urls >= 2) fail(`httpPost expects 0 or 1 arguments, got ${urls}`);
    if (endpoints > 1) fail(`httpPost expects 0 or 1 endpoints, got ${endpoints}`);
    if (urls === 0 && endpoints === 0) fail('must provide url or endpoint');
    if (urls > 0 && endpoints > 0) fail('only one endpoint and url may be specified');
    if (refusesAuthenticate(node.properties)) fail("cannot set 'authenticate' header");
  },
  // alert.go AlertNodeData.validate: every SNMP trap handler, then every post handler.
  alert: (node) => {
    for (const trap of allCalls(node, 'snmpTrap')) {
      const oid = typeof trap.args[0] === 'string' ? trap.args[0] : '';
      if (oid === '') fail(`invalid SNMP trap ${goQuote(oid)}: you must supply a trap Oid`);
      for (const data of (trap.children ?? []).filter((c) => c.name === 'data')) {
        const type = String(data.args[1] ?? '');
        if (!SNMP_DATA_TYPES.includes(type)) {
          fail(`invalid SNMP trap ${goQuote(oid)}: unsupported data type ${goQuote(type)} for data entry ${goQuote(String(data.args[0] ?? ''))}`);
        }
      }
    }
    for (const post of allCalls(node, 'post')) {
      if (refusesAuthenticate(post.children ?? [])) fail("invalid post: cannot set 'authenticate' header");
    }
  },
};

/** Runs every node's validation in walk order; throws the first failure. */
export function validatePipeline(walkOrder: readonly PipelineNode[]): void {
  for (const node of walkOrder) VALIDATORS[node.kind]?.(node);
}
