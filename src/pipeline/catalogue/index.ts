// The node catalogue: every node kind by name, the chaining methods each kind offers, and the
// alert handlers. Lookups only; the builder evaluates calls against these entries.

import { ALERT_HANDLERS, ALERT_NODE } from './alert.js';
import { INFLUXQL_CHAINS, INFLUXQL_NODES } from './influxql.js';
import { OUTPUT_NODES } from './outputs.js';
import { SOURCE_NODES } from './sources.js';
import { chain, property, type ChainSpec, type HandlerSpec, type NodeSpec, type PropertySpec } from './spec.js';
import { TRANSFORM_NODES } from './transforms.js';

export { property } from './spec.js';
export type { ChainSpec, GoType, HandlerSpec, NodeSpec, PropertySpec } from './spec.js';

/** Methods every node has (Kapacitor's `node`): stats and deadman. */
const NODE_CHAINS: ChainSpec[] = [chain('stats', 'd', 'stream'), chain('deadman', 'f,d,...l', 'none')];

/** Methods of Kapacitor's `chainnode`, shared by most nodes. */
const SHARED_CHAINS: ChainSpec[] = [
  chain('where', 'l', 'parent'),
  chain('httpOut', 's', 'parent'),
  chain('httpPost', '...s', 'parent'),
  chain('influxDBOut', '', 'none'),
  chain('kapacitorLoopback', '', 'none'),
  chain('alert', '', 'parent'),
  chain('union', '...n', 'parent'),
  chain('join', '...n', 'parent'),
  chain('combine', '...l', 'stream'),
  chain('flatten', '', 'parent'),
  chain('eval', '...l', 'parent'),
  chain('groupBy', '...a', 'parent'),
  chain('window', '', 'batch'),
  chain('barrier', '', 'parent'),
  chain('sample', 'a', 'parent'),
  chain('derivative', 's', 'parent'),
  chain('changeDetect', '...s', 'parent'),
  chain('shift', 'd', 'parent'),
  chain('log', '', 'parent'),
  chain('default', '', 'parent'),
  chain('delete', '', 'parent'),
  chain('k8sAutoscale', '', 'stream'),
  chain('swarmAutoscale', '', 'stream'),
  chain('ec2Autoscale', '', 'stream'),
  chain('stateDuration', 'l', 'parent'),
  chain('stateCount', 'l', 'parent'),
  chain('sideload', '', 'parent'),
  chain('trickle', '', 'stream'),
  ...INFLUXQL_CHAINS,
];

const OWN_CHAINS: ChainSpec[] = [chain('from', '', 'stream'), chain('query', 's', 'batch'), chain('queryFlux', 's', 'batch')];

const NODE_SPECS = [...SOURCE_NODES, ...TRANSFORM_NODES, ...INFLUXQL_NODES, ...OUTPUT_NODES, ALERT_NODE];

/** Every node kind of the catalogue (the TICKscript method that creates it; 'udf' for UDFs). */
export type NodeKind = (typeof NODE_SPECS)[number]['kind'];

const NODES = new Map<string, NodeSpec>(NODE_SPECS.map((n) => [n.kind, n]));

/** The alert properties that open a handler (`.post()`, `.slack()`, ...), from the alert entry. */
const HANDLER_PROPERTIES: ReadonlySet<string> = new Set(ALERT_NODE.properties.flatMap((p) => (p.opens === undefined ? [] : [p.name])));
const HANDLERS = new Map<string, HandlerSpec>(ALERT_HANDLERS.map((h) => [h.kind, h]));
const CHAINS = new Map<string, ChainSpec>([...NODE_CHAINS, ...SHARED_CHAINS, ...OWN_CHAINS].map((c) => [c.name, c]));
const SHARED_NAMES = new Set([...NODE_CHAINS, ...SHARED_CHAINS].map((c) => c.name));
const NODE_NAMES = new Set(NODE_CHAINS.map((c) => c.name));

/** Property method `quiet()` that every node has (Kapacitor's `node.Quiet`). */
const QUIET = property('quiet()');

export function nodeSpec(kind: string): NodeSpec {
  const spec = NODES.get(kind);
  if (spec === undefined) throw new Error(`catalogue: unknown node kind ${kind}`);
  return spec;
}

export function handlerSpec(kind: string): HandlerSpec {
  const spec = HANDLERS.get(kind);
  if (spec === undefined) throw new Error(`catalogue: unknown alert handler ${kind}`);
  return spec;
}

/** Whether an alert property call opens a handler (`post`, `slack`, ...). */
export function isHandlerProperty(name: string): boolean {
  return HANDLER_PROPERTIES.has(name);
}

export function allNodeSpecs(): NodeSpec[] {
  return [...NODES.values()];
}

export function allHandlerSpecs(): HandlerSpec[] {
  return [...HANDLERS.values()];
}

/** The chaining method `name` of a node kind, if it has one. */
export function chainMethod(node: NodeSpec, name: string): ChainSpec | undefined {
  const spec = CHAINS.get(name);
  if (spec === undefined) return undefined;
  if (node.ownChains?.includes(name)) return spec;
  if (node.chainnode ? SHARED_NAMES.has(name) : NODE_NAMES.has(name)) return spec;
  return undefined;
}

export function chainMethodNames(node: NodeSpec): string[] {
  return [...CHAINS.keys()].filter((name) => chainMethod(node, name) !== undefined);
}

export function propertyMethod(props: readonly PropertySpec[], name: string): PropertySpec | undefined {
  return props.find((p) => p.name === name) ?? (name === QUIET.name ? QUIET : undefined);
}

/** Kapacitor's Go type for error messages, e.g. `*pipeline.FromNode`. */
export function goTypeName(goType: string): string {
  return `*pipeline.${goType}`;
}
