// Kapacitor's define-time node validation (each pipeline node's validate()), run in walk
// order after the script is evaluated. Messages are Kapacitor's, without position.

import { goQuote } from '../gofmt/quote.js';
import { TickEvalError } from './errors.js';
import { allCalls, durationNs, hasProperty, intValue, lastCall, stringValue } from './properties.js';
import type { PipelineNode, PropertyValue } from './types.js';

type Validator = (node: PipelineNode) => void;

function fail(message: string): never {
  throw new TickEvalError(message);
}

function strings(values: readonly PropertyValue[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string');
}

function validateDimensions(dimensions: readonly PropertyValue[]): void {
  for (const dimension of dimensions) {
    if (typeof dimension === 'string') {
      if (dimension === '') fail('dimensions cannot not be the empty string');
    } else if (typeof dimension !== 'object' || Array.isArray(dimension) || (dimension.kind !== 'star' && dimension.kind !== 'time')) {
      fail(`invalid dimension object of type ${goName(dimension)}`);
    }
  }
}

function goName(value: PropertyValue): string {
  switch (typeof value) {
    case 'bigint': return 'int64';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'string': return 'string';
    default: break;
  }
  return Array.isArray(value) ? '[]interface {}' : value.kind;
}

function exactlyOne(node: PipelineNode, a: string, b: string, label: string): void {
  if ((stringValue(node, a) === '') === (stringValue(node, b) === '')) fail(`must specify exactly one of ${label}`);
}

function autoscale(nameProp: string, tagProp: string, label: string): Validator {
  return (node) => {
    exactlyOne(node, nameProp, tagProp, label);
    if (!hasProperty(node, 'replicas')) fail('must provide a replicas lambda expression');
    const min = hasProperty(node, 'min') ? intValue(node, 'min') : 1n;
    if (min < 1n) fail(`min must be greater than or equal to 1, got ${min}`);
    const max = intValue(node, 'max');
    if (hasProperty(node, 'max') && max < min) fail(`max must be greater than or equal to min, got ${max} < ${min}`);
  };
}

const K8S_KINDS = ['deployments', 'replicasets', 'replicationcontrollers'];

const VALIDATORS: Record<string, Validator> = {
  from: (node) => validateDimensions(lastCall(node, 'groupBy')?.args ?? []),
  query: (node) => validateDimensions(lastCall(node, 'groupBy')?.args ?? []),
  groupBy: (node) => validateDimensions(node.args),
  window: (node) => {
    if (durationNs(node, 'period') !== 0n && intValue(node, 'periodCount') !== 0n) fail('cannot specify both period and periodCount');
    if (durationNs(node, 'every') !== 0n && intValue(node, 'everyCount') !== 0n) fail('cannot specify both every and everyCount');
  },
  barrier: (node) => {
    const idle = durationNs(node, 'idle');
    const period = durationNs(node, 'period');
    if (idle !== 0n && period !== 0n) fail('cannot specify both idle and period');
    if (period === 0n && idle <= 0n) fail('idle must be greater than zero');
    if (idle === 0n && period <= 0n) fail('period must be greater than zero');
  },
  eval: (node) => {
    const names = lastCall(node, 'as')?.args.length ?? 0;
    if (names !== node.args.length) {
      fail(`must specify same number of expressions and .as() names: got ${names} as names, and ${node.args.length} expressions.`);
    }
  },
  join: (node) => {
    // pipeline/join.go JoinNode.validate, in its order
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
  combine: (node) => {
    const as = lastCall(node, 'as');
    if (as === undefined) fail('a call to combine.as() is required to specify the output stream prefixes.');
    if (as.args.length !== node.args.length) fail('number of prefixes specified by combine.as() must match the number of combined expressions');
  },
  kapacitorLoopback: (node) => {
    if (stringValue(node, 'database') === '') fail('must specify a database');
    if (stringValue(node, 'retentionPolicy') === '') fail('must specify a retention policy');
  },
  k8sAutoscale: (node) => {
    const kind = hasProperty(node, 'kind') ? stringValue(node, 'kind') : 'deployments';
    if (!K8S_KINDS.includes(kind)) fail(`invalid Kind, must be 'deployments', 'replicasets' or 'replicationcontrollers', got ${kind}`);
    autoscale('resourceName', 'resourceNameTag', 'ResourceName or ResourceNameTag')(node);
  },
  swarmAutoscale: autoscale('serviceName', 'serviceNameTag', 'ServiceName or ServiceNameTag'),
  ec2Autoscale: autoscale('groupName', 'groupNameTag', 'GroupName or GroupNameTag'),
  httpPost: (node) => {
    const urls = node.args.length + allCalls(node, 'endpoint').length;
    if (urls === 0) fail('must provide url or endpoint');
    if (urls > 1) fail('only one endpoint and url may be specified');
  },
  alert: (node) => {
    for (const trap of allCalls(node, 'snmpTrap')) {
      const oid = typeof trap.args[0] === 'string' ? trap.args[0] : '';
      if (oid === '') fail(`invalid SNMP trap ${JSON.stringify(oid)}: you must supply a trap Oid`);
    }
  },
};

/** Runs every node's validation in walk order; throws the first failure. */
export function validatePipeline(walkOrder: readonly PipelineNode[]): void {
  for (const node of walkOrder) VALIDATORS[node.kind]?.(node);
}
