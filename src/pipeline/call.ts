// Evaluates one method call on a pipeline object, as Kapacitor's evaluator does: `|name()`
// chaining methods create and link nodes, `.name()` property methods record PropertyCalls
// (alert handlers open a sub-object), `@name()` calls a UDF. Argument types are checked with
// Go reflect's rules and its error texts.

import type { FunctionNode, Position } from '../tick/ast.js';
import {
  chainMethod,
  chainMethodNames,
  goTypeName,
  handlerSpec,
  nodeSpec,
  propertyMethod,
  type ChainSpec,
  type GoType,
  type NodeSpec,
  type PropertySpec,
} from './catalogue/index.js';
import { expandDeadman, type DeadmanConfig } from './deadman.js';
import { positioned, TickEvalError } from './errors.js';
import type { BuildCall, BuildGraph, BuildNode } from './graph.js';
import { didYouMean } from './suggest.js';
import type { DurationValue, EdgeType, PropertyValue } from './types.js';
import { asPropertyValue, assignable, goTypeOf, isNodeLike, type EvalValue, type HandlerRef, type NodeRef } from './values.js';

/** A UDF option's value type, as udf.proto's ValueType names it. */
export type UdfValueType = 'BOOL' | 'INT' | 'DOUBLE' | 'STRING' | 'DURATION';

/** What a configured UDF declares in its Info response: its edges and option types. */
export interface UdfInfo {
  readonly wants: 'stream' | 'batch';
  readonly provides: 'stream' | 'batch';
  /** Option name → value types of its arguments. */
  readonly options: Readonly<Record<string, readonly UdfValueType[]>>;
}

export interface CallContext {
  readonly graph: BuildGraph;
  readonly udfs: Readonly<Record<string, UdfInfo>>;
  readonly deadman: DeadmanConfig;
}

/** Applies `fn` (a chain, property or dynamic call) to `target` with evaluated arguments. */
export function callMethod(ctx: CallContext, target: EvalValue, fn: FunctionNode, rawArgs: EvalValue[]): EvalValue {
  const args = rawArgs.length === 1 && Array.isArray(rawArgs[0]) ? (rawArgs[0] as EvalValue[]) : rawArgs;
  if (!isNodeLike(target)) throw positioned(fn.position, 'cannot get properties of non pointer value');
  const objType = goTypeOf(target);
  const name = fn.func;
  const chainSpec = chainMethod(target.node.spec, name);
  const property = findProperty(target, name);
  const udf = Object.hasOwn(ctx.udfs, name) ? ctx.udfs[name] : undefined;
  const failure = (message: string): TickEvalError => positioned(fn.position, message);
  if (fn.type === 'property' && target.kind === 'node' && target.node.kind === 'udf') {
    const options = ctx.udfs[target.node.desc]?.options;
    if (options !== undefined && Object.hasOwn(options, name)) return setUdfOption(target, fn, options[name]!, args);
  }
  switch (fn.type) {
    case 'chain':
      if (chainSpec !== undefined) return callChain(ctx, target, fn, chainSpec, args);
      if (property !== undefined) {
        throw failure(`no chaining method ${JSON.stringify(name)} on ${objType}, but property does exist. Use '.' operator instead: 'node.${name}(..)'.`);
      }
      if (udf !== undefined) {
        throw failure(`no chaining method ${JSON.stringify(name)} on ${objType}, but dynamic method does exist. Use '@' operator instead: 'node@${name}(..)'.`);
      }
      break;
    case 'property':
      if (property !== undefined) return callProperty(target, fn, property, args);
      if (chainSpec !== undefined) {
        throw failure(
          `no property method ${JSON.stringify(name)} on ${objType}, but chaining method does exist. Use '|' operator instead: 'node|${name}(..)'.`,
        );
      }
      if (udf !== undefined) {
        throw failure(`no property method ${JSON.stringify(name)} on ${objType}, but dynamic method does exist. Use '@' operator instead: 'node@${name}(..)'.`);
      }
      break;
    case 'dynamic':
      if (udf !== undefined) return callUdf(ctx, target.node, fn, udf, args);
      if (property !== undefined) {
        throw failure(`no dynamic method ${JSON.stringify(name)} on ${objType}, but property does exist. Use '.' operator instead: 'node.${name}(..)'.`);
      }
      if (chainSpec !== undefined) {
        throw failure(`no dynamic method ${JSON.stringify(name)} on ${objType}, but chaining method does exist. Use '|' operator instead: 'node|${name}(..)'.`);
      }
      break;
    default:
      throw failure(`unknown function type ${fn.type} on function ${objType}.${name}`);
  }
  const known = fn.type === 'chain' ? chainMethodNames(target.node.spec) : fn.type === 'property' ? propertyNames(target) : Object.keys(ctx.udfs);
  throw failure(`no method or property ${JSON.stringify(name)} on ${objType}${didYouMean(name, known)}`);
}

function findProperty(target: NodeRef | HandlerRef, name: string): { spec: PropertySpec; onHandler: boolean } | undefined {
  if (target.kind === 'handler') {
    const own = target.spec.properties.find((p) => p.name === name);
    if (own !== undefined) return { spec: own, onHandler: true };
  }
  const spec = propertyMethod(target.node.spec.properties, name);
  return spec === undefined ? undefined : { spec, onHandler: false };
}

function propertyNames(target: NodeRef | HandlerRef): string[] {
  const own = target.kind === 'handler' ? target.spec.properties.map((p) => p.name) : [];
  return [...own, ...target.node.spec.properties.map((p) => p.name)];
}

/** Go reflect's complaint about calling a function of this signature with these arguments, if any. */
function reflectCallError(params: readonly GoType[], variadic: GoType | undefined, args: EvalValue[]): string | undefined {
  if (variadic === undefined && args.length > params.length) return 'reflect: Call with too many input arguments';
  if (args.length < params.length) return 'reflect: Call with too few input arguments';
  for (let i = 0; i < params.length; i++) {
    if (!assignable(args[i]!, params[i]!)) return `reflect: Call using ${goTypeOf(args[i]!)} as type ${params[i]}`;
  }
  for (const arg of args.slice(params.length)) {
    if (!assignable(arg, variadic!)) return `reflect: cannot use ${goTypeOf(arg)} as type ${variadic} in Call`;
  }
  return undefined;
}

/** Kapacitor's wrapping of a panic inside a call, with its double-quote hint. */
function callError(fn: FunctionNode, objType: string, message: string): TickEvalError {
  if (message.includes('*ast.ReferenceNode') && message.includes('type string')) {
    return positioned(fn.position, 'cannot assign *ast.ReferenceNode to type string, did you use double quotes instead of single quotes?');
  }
  return positioned(fn.position, `error calling func ${JSON.stringify(fn.func)} on obj ${objType}: ${message}`);
}

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function callProperty(target: NodeRef | HandlerRef, fn: FunctionNode, found: { spec: PropertySpec; onHandler: boolean }, args: EvalValue[]): EvalValue {
  const { spec, onHandler } = found;
  const objType = goTypeOf(target);
  if (spec.form === 'field') {
    if (args.length !== 1) throw positioned(fn.position, `too many arguments to set property ${capitalized(spec.name)} on ${objType}`);
    if (!assignable(args[0]!, spec.params[0]!)) {
      throw callError(fn, objType, `reflect.Set: value of type ${goTypeOf(args[0]!)} is not assignable to type ${spec.params[0]}`);
    }
  } else {
    const problem = reflectCallError(spec.params, spec.variadic, args);
    if (problem !== undefined) throw callError(fn, objType, problem);
  }
  const call: BuildCall = { name: spec.name, args: args.map(asPropertyValue), position: fn.position };
  if (onHandler && target.kind === 'handler') {
    (target.call.children ??= []).push(call);
    return target;
  }
  target.node.properties.push(call);
  if (spec.opens !== undefined) {
    call.children = [];
    return { kind: 'handler', node: target.node, call, spec: handlerSpec(spec.opens) };
  }
  return spec.form === 'field' ? target : { kind: 'node', node: target.node };
}

function provided(rule: ChainSpec['provides'], parent: BuildNode): EdgeType {
  return rule === 'parent' ? parent.provides : rule;
}

function callChain(ctx: CallContext, target: NodeRef | HandlerRef, fn: FunctionNode, spec: ChainSpec, args: EvalValue[]): EvalValue {
  const objType = goTypeOf(target);
  const problem = reflectCallError(spec.params, spec.variadic, args);
  if (problem !== undefined) throw callError(fn, objType, problem);
  const parent = target.node;
  const { graph } = ctx;
  const position = fn.position;
  const create = (kind: string, wants: EdgeType, provides: EdgeType, nodeArgs: PropertyValue[] = []): BuildNode =>
    graph.create(nodeSpec(kind), { args: nodeArgs, wants, provides, position });
  switch (spec.name) {
    case 'stats':
      return { kind: 'node', node: addStats(graph, parent, args[0] as DurationValue, fn.position) };
    case 'deadman': {
      const stats = addStats(graph, parent, args[1] as DurationValue, fn.position);
      return { kind: 'node', node: expandDeadman(graph, parent, stats, args, fn.position, ctx.deadman) };
    }
    case 'window':
      if (parent.provides !== 'stream') throw callError(fn, objType, 'cannot Window batch edge');
      break;
    case 'sample':
      if (typeof args[0] !== 'bigint' && goTypeOf(args[0]!) !== 'time.Duration') {
        throw callError(fn, objType, 'must pass int64 or duration to new sample node');
      }
      break;
    case 'join': {
      const join = create('join', parent.provides, parent.provides);
      for (const other of [parent, ...args.map((a) => (a as NodeRef | HandlerRef).node)]) graph.link(other, join);
      return { kind: 'node', node: join };
    }
    case 'union': {
      const union = create('union', parent.provides, parent.provides);
      for (const other of args) graph.link((other as NodeRef | HandlerRef).node, union);
      graph.link(parent, union);
      return { kind: 'node', node: union };
    }
  }
  const child = create(spec.name, parent.provides, provided(spec.provides, parent), args.map(asPropertyValue));
  graph.link(parent, child);
  return { kind: 'node', node: child };
}

/** `node|stats(interval)`: a stats source observing `parent` (a noOp child keeps a leaf alive). */
export function addStats(graph: BuildGraph, parent: BuildNode, interval: DurationValue, position: Position): BuildNode {
  const stats = graph.create(nodeSpec('stats'), { args: [interval], wants: 'stream', provides: 'stream', position });
  stats.observes = parent;
  graph.addSource(stats);
  if (parent.children.length === 0) {
    const noop = graph.create(nodeSpec('noOp'), { wants: parent.provides, provides: parent.provides, position });
    graph.link(parent, noop);
  }
  return stats;
}

function callUdf(ctx: CallContext, parent: BuildNode, fn: FunctionNode, udf: UdfInfo, args: EvalValue[]): EvalValue {
  const spec: NodeSpec = {
    kind: 'udf',
    goType: 'UDFNode',
    desc: fn.func,
    chainnode: true,
    properties: Object.keys(udf.options).map((name) => ({ name, form: 'method', params: [], accumulates: true })),
  };
  if (args.length > 0) throw callError(fn, goTypeName(parent.spec.goType), 'reflect: Call with too many input arguments');
  const node = ctx.graph.create(spec, { args: [fn.func], wants: udf.wants, provides: udf.provides, position: fn.position, desc: fn.func });
  ctx.graph.link(parent, node);
  return { kind: 'node', node };
}

/** The udf.proto value type of an argument; other values count as BOOL (the enum's zero), as in Kapacitor. */
export function udfValueType(value: EvalValue): UdfValueType {
  switch (typeof value) {
    case 'boolean':
      return 'BOOL';
    case 'bigint':
      return 'INT';
    case 'number':
      return 'DOUBLE';
    case 'string':
      return 'STRING';
    default:
      return !Array.isArray(value) && value.kind === 'duration' ? 'DURATION' : 'BOOL';
  }
}

/** `.option(args...)` on a UDF node, checked against the option's declared value types. */
function setUdfOption(target: NodeRef, fn: FunctionNode, types: readonly UdfValueType[], args: EvalValue[]): EvalValue {
  if (args.length !== types.length) {
    throw positioned(fn.position, `unexpected number of args to ${fn.func}, got ${args.length} expected ${types.length}`);
  }
  for (let i = 0; i < args.length; i++) {
    const got = udfValueType(args[i]!);
    if (got !== types[i]) throw positioned(fn.position, `unexpected arg to ${fn.func}, got ${got} expected ${types[i]}`);
  }
  target.node.properties.push({ name: fn.func, args: args.map(asPropertyValue), position: fn.position });
  return target;
}
