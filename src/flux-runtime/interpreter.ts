// The Flux evaluator: compiles each AST node once into a JS closure over an environment chain,
// then runs those closures (per row, inside map/filter). Operators follow Flux's typing: no
// implicit int/float mixing in arithmetic, null propagates, `and`/`or` short-circuit. Never
// performs I/O: table functions only build plan nodes (see table.ts).

import type * as A from '../flux/ast.js';
import { FluxError, type Location } from '../flux/errors.js';
import { isStream } from './table.js';
import {
  compareValues,
  display,
  durationOf,
  FluxDict,
  FluxDuration,
  FluxTime,
  FluxUint,
  isFunction,
  isRecord,
  typeOf,
  valuesEqual,
  type FluxFunction,
  type FluxRecord,
  type Value,
} from './values.js';

export class Env {
  constructor(
    readonly vars: Record<string, Value>,
    readonly parent?: Env,
  ) {}

  lookup(name: string): Value | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks the scope chain without recursion
    let env: Env | undefined = this;
    while (env !== undefined) {
      if (Object.hasOwn(env.vars, name)) return env.vars[name];
      env = env.parent;
    }
    return undefined;
  }
}

type Evaluator = (env: Env) => Value;

export function runtimeError(message: string, loc: Location): FluxError {
  return new FluxError(message, loc);
}

/** Signature of a builtin: parameters, the required ones, the pipe parameter. */
export interface BuiltinSpec {
  params: string[];
  required?: string[];
  pipe?: string;
}

/** Wraps a TypeScript implementation as a Flux function (arguments checked by name). */
export function builtin(
  name: string,
  spec: BuiltinSpec,
  impl: (args: FluxRecord, loc: Location) => Value,
): FluxFunction & { callAt(args: FluxRecord, loc: Location): Value } {
  const params = spec.pipe ? [...spec.params, spec.pipe] : spec.params;
  const required = spec.required ?? [];
  const fn = {
    __function: true as const,
    name,
    params,
    pipeParam: spec.pipe,
    required: spec.pipe ? [...required, spec.pipe] : required,
    call(args: FluxRecord): Value {
      return fn.callAt(args, UNKNOWN_LOC);
    },
    callAt(args: FluxRecord, loc: Location): Value {
      for (const key in args) {
        if (!params.includes(key)) throw runtimeError(`function "${name}" has no parameter "${key}"`, loc);
      }
      for (const key of fn.required) {
        if (args[key] === undefined) throw runtimeError(`missing required argument "${key}" in call to "${name}"`, loc);
      }
      return impl(args, loc);
    },
  };
  return fn;
}

export const UNKNOWN_LOC: Location = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

/** Calls any Flux function with a location for its errors. */
export function callFunction(fn: FluxFunction, args: FluxRecord, loc: Location): Value {
  const located = fn as FluxFunction & { callAt?(args: FluxRecord, loc: Location): Value };
  return located.callAt ? located.callAt(args, loc) : fn.call(args);
}

export function compileExpression(node: A.Expression): Evaluator {
  switch (node.kind) {
    case 'Identifier': {
      const name = node.name;
      return (env) => {
        const value = env.lookup(name);
        if (value === undefined) throw runtimeError(`undefined identifier "${name}"`, node.loc);
        return value;
      };
    }
    case 'IntegerLiteral': {
      const value = node.value;
      return () => value;
    }
    case 'FloatLiteral': {
      const value = node.value;
      return () => value;
    }
    case 'StringLiteral': {
      const value = node.value;
      return () => value;
    }
    case 'DurationLiteral': {
      const value = durationOf(node.values);
      return () => value;
    }
    case 'DateTimeLiteral': {
      const value = new FluxTime(node.value);
      return () => value;
    }
    case 'RegexpLiteral': {
      const value = new RegExp(node.source);
      return () => value;
    }
    case 'PipeLiteral':
      throw runtimeError('"<-" is only allowed as a parameter default', node.loc);
    case 'StringExpression': {
      const parts = node.parts.map((part) => (typeof part === 'string' ? () => part : compileExpression(part)));
      return (env) => {
        let text = '';
        for (const part of parts) {
          const value = part(env);
          if (value === null) throw runtimeError('string interpolation of a null value', node.loc);
          text += display(value);
        }
        return text;
      };
    }
    case 'ArrayExpression': {
      const elements = node.elements.map(compileExpression);
      return (env) => elements.map((element) => element(env));
    }
    case 'DictExpression': {
      const elements = node.elements.map((e) => ({ key: compileExpression(e.key), value: compileExpression(e.value) }));
      return (env) => {
        const entries = new Map<string | number | bigint | boolean, Value>();
        const keys: Value[] = [];
        for (const element of elements) {
          const key = element.key(env);
          const mapKey = key instanceof FluxTime ? key.ns : key;
          if (typeof mapKey !== 'string' && typeof mapKey !== 'number' && typeof mapKey !== 'bigint' && typeof mapKey !== 'boolean') {
            throw runtimeError(`dictionary keys must be strings, numbers, times or bools, got ${typeOf(key)}`, node.loc);
          }
          if (!entries.has(mapKey)) keys.push(key);
          entries.set(mapKey, element.value(env));
        }
        return new FluxDict(entries, keys);
      };
    }
    case 'RecordExpression':
      return compileRecord(node);
    case 'FunctionExpression':
      return compileFunction(node);
    case 'CallExpression':
      return compileCall(node, undefined);
    case 'PipeExpression':
      return compileCall(node.call, compileExpression(node.argument));
    case 'MemberExpression': {
      const object = compileExpression(node.object);
      const property = node.property;
      return (env) => {
        const value = object(env);
        if (value === null) return null;
        if (!isRecord(value)) throw runtimeError(`cannot access property "${property}" of a ${typeOf(value)}`, node.loc);
        return Object.hasOwn(value, property) ? (value as FluxRecord)[property]! : null;
      };
    }
    case 'IndexExpression': {
      const array = compileExpression(node.array);
      const index = compileExpression(node.index);
      return (env) => {
        const value = array(env);
        const at = index(env);
        if (!Array.isArray(value)) throw runtimeError(`cannot index a ${typeOf(value)}`, node.loc);
        if (typeof at !== 'bigint') throw runtimeError(`array index must be an int, got ${typeOf(at)}`, node.loc);
        if (at < 0n || at >= BigInt(value.length)) throw runtimeError(`array index ${at} out of bounds (length ${value.length})`, node.loc);
        return value[Number(at)]!;
      };
    }
    case 'UnaryExpression':
      return compileUnary(node);
    case 'LogicalExpression': {
      const left = compileExpression(node.left);
      const right = compileExpression(node.right);
      const isAnd = node.operator === 'and';
      return (env) => {
        const l = left(env);
        if (l !== null && typeof l !== 'boolean') throw runtimeError(`"${node.operator}" needs bool operands, got ${typeOf(l)}`, node.loc);
        if (isAnd ? l === false : l === true) return l;
        const r = right(env);
        if (r !== null && typeof r !== 'boolean') throw runtimeError(`"${node.operator}" needs bool operands, got ${typeOf(r)}`, node.loc);
        if (l === null) return isAnd ? (r === false ? false : null) : r === true ? true : null;
        return r;
      };
    }
    case 'ConditionalExpression': {
      const test = compileExpression(node.test);
      const consequent = compileExpression(node.consequent);
      const alternate = compileExpression(node.alternate);
      return (env) => {
        const t = test(env);
        if (t !== null && typeof t !== 'boolean') throw runtimeError(`if condition must be a bool, got ${typeOf(t)}`, node.test.loc);
        return t === true ? consequent(env) : alternate(env);
      };
    }
    case 'BinaryExpression':
      return compileBinary(node);
  }
}

function compileRecord(node: A.RecordExpression): Evaluator {
  const properties = node.properties.map((p) => ({
    key: p.key,
    value: p.value === undefined ? compileExpression({ kind: 'Identifier', name: p.key, loc: p.loc }) : compileExpression(p.value),
  }));
  const base = node.with === undefined ? undefined : compileExpression(node.with);
  return (env) => {
    let record: FluxRecord;
    if (base !== undefined) {
      const value = base(env);
      if (!isRecord(value)) throw runtimeError(`"with" needs a record, got ${typeOf(value)}`, node.loc);
      record = { ...value };
    } else {
      record = {};
    }
    for (const property of properties) record[property.key] = property.value(env);
    return record;
  };
}

function compileUnary(node: A.UnaryExpression): Evaluator {
  const argument = compileExpression(node.argument);
  switch (node.operator) {
    case 'exists':
      return (env) => argument(env) !== null;
    case 'not':
      return (env) => {
        const value = argument(env);
        if (value === null) return null;
        if (typeof value !== 'boolean') throw runtimeError(`"not" needs a bool, got ${typeOf(value)}`, node.loc);
        return !value;
      };
    case '+':
      return argument;
    case '-':
      return (env) => {
        const value = argument(env);
        if (value === null) return null;
        if (typeof value === 'number') return -value;
        if (typeof value === 'bigint') return BigInt.asIntN(64, -value);
        if (value instanceof FluxDuration) return value.negate();
        throw runtimeError(`cannot negate a ${typeOf(value)}`, node.loc);
      };
  }
}

function compileBinary(node: A.BinaryExpression): Evaluator {
  const left = compileExpression(node.left);
  const right = compileExpression(node.right);
  const op = node.operator;
  const fail = (l: Value, r: Value): never => {
    throw runtimeError(`type error: "${op}" cannot be applied to ${typeOf(l)} and ${typeOf(r)}`, node.loc);
  };
  switch (op) {
    case '==':
      return (env) => {
        const l = left(env);
        const r = right(env);
        if (typeof l === 'string' && typeof r === 'string') return l === r;
        return l === null || r === null ? null : valuesEqual(l, r);
      };
    case '!=':
      return (env) => {
        const l = left(env);
        const r = right(env);
        return l === null || r === null ? null : !valuesEqual(l, r);
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (env) => {
        const l = left(env);
        const r = right(env);
        if (typeof l === 'number' && typeof r === 'number') return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
        if (l === null || r === null) return null;
        const lt = typeOf(l);
        const rt = typeOf(r);
        const numeric = (t: string) => t === 'int' || t === 'float' || t === 'uint';
        if (lt !== rt && !(numeric(lt) && numeric(rt))) fail(l, r);
        const c = compareValues(l, r);
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      };
    case '=~':
    case '!~':
      return (env) => {
        const l = left(env);
        const r = right(env);
        if (l === null || r === null) return null;
        if (typeof l !== 'string' || !(r instanceof RegExp)) return fail(l, r);
        r.lastIndex = 0;
        return r.test(l) === (op === '=~');
      };
    default:
      return (env) => arithmetic(op, left(env), right(env), fail);
  }
}

function arithmetic(op: A.BinaryOperator, l: Value, r: Value, fail: (l: Value, r: Value) => never): Value {
  if (l === null || r === null) return null;
  if (typeof l === 'number' && typeof r === 'number') {
    switch (op) {
      case '+':
        return l + r;
      case '-':
        return l - r;
      case '*':
        return l * r;
      case '/':
        return l / r;
      case '%':
        return l % r;
      case '^':
        return l ** r;
      default:
        break;
    }
  }
  if (typeof l === 'bigint' && typeof r === 'bigint') {
    switch (op) {
      case '+':
        return BigInt.asIntN(64, l + r);
      case '-':
        return BigInt.asIntN(64, l - r);
      case '*':
        return BigInt.asIntN(64, l * r);
      case '/':
        if (r === 0n) throw new Error('division by zero');
        return l / r;
      case '%':
        if (r === 0n) throw new Error('division by zero');
        return l % r;
      case '^':
        return r < 0n ? Number(l) ** Number(r) : BigInt.asIntN(64, l ** r);
      default:
        break;
    }
  }
  if (l instanceof FluxUint && r instanceof FluxUint) {
    const a = l.value;
    const b = r.value;
    switch (op) {
      case '+':
        return new FluxUint(BigInt.asUintN(64, a + b));
      case '-':
        return new FluxUint(BigInt.asUintN(64, a - b));
      case '*':
        return new FluxUint(BigInt.asUintN(64, a * b));
      case '/':
        if (b === 0n) throw new Error('division by zero');
        return new FluxUint(a / b);
      case '%':
        if (b === 0n) throw new Error('division by zero');
        return new FluxUint(a % b);
      case '^':
        return new FluxUint(BigInt.asUintN(64, a ** b));
      default:
        break;
    }
  }
  if (typeof l === 'string' && typeof r === 'string' && op === '+') return l + r;
  if (l instanceof FluxDuration && r instanceof FluxDuration && (op === '+' || op === '-')) {
    return op === '+' ? new FluxDuration(l.months + r.months, l.ns + r.ns) : new FluxDuration(l.months - r.months, l.ns - r.ns);
  }
  return fail(l, r);
}

function compileCall(node: A.CallExpression, piped: Evaluator | undefined): Evaluator {
  const callee = compileExpression(node.callee);
  const args = (node.args?.properties ?? []).map((p) => ({
    key: p.key,
    value: p.value === undefined ? compileExpression({ kind: 'Identifier', name: p.key, loc: p.loc }) : compileExpression(p.value),
  }));
  const calleeName =
    node.callee.kind === 'Identifier'
      ? node.callee.name
      : node.callee.kind === 'MemberExpression' && node.callee.object.kind === 'Identifier'
        ? `${node.callee.object.name}.${node.callee.property}`
        : 'function';
  return (env) => {
    const fn = callee(env);
    if (!isFunction(fn)) throw runtimeError(`"${calleeName}" is not a function (it is a ${typeOf(fn)})`, node.callee.loc);
    const record: FluxRecord = {};
    for (const arg of args) record[arg.key] = arg.value(env);
    if (piped !== undefined) {
      if (fn.pipeParam === undefined) throw runtimeError(`function "${calleeName}" does not take a piped argument`, node.loc);
      record[fn.pipeParam] = piped(env);
    }
    try {
      return callFunction(fn, record, node.loc);
    } catch (error) {
      if (error instanceof FluxError) throw error;
      throw runtimeError(`error calling function "${calleeName}": ${(error as Error).message}`, node.loc);
    }
  };
}

function compileFunction(node: A.FunctionExpression): Evaluator {
  const params = node.params.map((p) => ({ key: p.key, pipe: p.pipe, defaultValue: p.defaultValue && compileExpression(p.defaultValue) }));
  const pipeParam = node.params.find((p) => p.pipe)?.key;
  const required = node.params.filter((p) => p.defaultValue === undefined && !p.pipe).map((p) => p.key);
  const body = node.body.kind === 'Block' ? compileBlock(node.body) : compileExpression(node.body);
  const names = params.map((p) => p.key);
  return (closure) => {
    const fn: FluxFunction & { callAt(args: FluxRecord, loc: Location): Value; source: A.FunctionExpression } = {
      __function: true,
      name: 'closure',
      source: node,
      params: names,
      pipeParam,
      required: pipeParam ? [...required, pipeParam] : required,
      call(args: FluxRecord): Value {
        return fn.callAt(args, node.loc);
      },
      callAt(args: FluxRecord, loc: Location): Value {
        const vars: Record<string, Value> = {};
        const env = new Env(vars, closure);
        for (const param of params) {
          let value = args[param.key];
          if (value === undefined) {
            if (param.defaultValue !== undefined) value = param.defaultValue(env);
            else throw runtimeError(`missing required argument "${param.key}"`, loc);
          }
          vars[param.key] = value;
        }
        for (const key in args) {
          if (!names.includes(key)) throw runtimeError(`function does not take argument "${key}"`, loc);
        }
        return body(env);
      },
    };
    return fn;
  };
}

class ReturnSignal {
  constructor(readonly value: Value) {}
}

function compileBlock(block: A.Block): Evaluator {
  const statements = block.body.map(compileStatement);
  return (closure) => {
    const env = new Env({}, closure);
    for (const statement of statements) {
      const result = statement(env);
      if (result instanceof ReturnSignal) return result.value;
    }
    throw runtimeError('function block has no return statement', block.loc);
  };
}

function compileStatement(statement: A.Statement): (env: Env) => ReturnSignal | Value | undefined {
  switch (statement.kind) {
    case 'ReturnStatement': {
      const argument = compileExpression(statement.argument);
      return (env) => new ReturnSignal(argument(env));
    }
    case 'VariableAssignment': {
      const init = compileExpression(statement.init);
      const name = statement.id.name;
      return (env) => {
        env.vars[name] = init(env);
        return undefined;
      };
    }
    case 'ExpressionStatement': {
      const expression = compileExpression(statement.expression);
      return (env) => expression(env);
    }
    default:
      throw runtimeError(`${statement.kind} is not allowed here`, statement.loc);
  }
}

export interface ProgramHooks {
  /** Called for a top-level expression statement whose value is a table stream. */
  onStreamStatement(value: Value, loc: Location): void;
  /** `option name = value` and `option pkg.name = value`. */
  onOption(name: string, value: Value, pkg?: string): void;
}

/** Runs a program's statements in env (imports already bound by the caller). */
export function evaluateProgram(program: A.Program, env: Env, hooks: ProgramHooks): void {
  for (const statement of program.body) {
    switch (statement.kind) {
      case 'OptionStatement': {
        const assignment = statement.assignment;
        const value = compileExpression(assignment.init)(env);
        if (assignment.kind === 'VariableAssignment') {
          env.vars[assignment.id.name] = value;
          hooks.onOption(assignment.id.name, value);
        } else {
          const pkgName = assignment.member.object.kind === 'Identifier' ? assignment.member.object.name : '';
          hooks.onOption(assignment.member.property, value, pkgName);
        }
        break;
      }
      case 'VariableAssignment':
        env.vars[statement.id.name] = compileExpression(statement.init)(env);
        break;
      case 'ExpressionStatement': {
        const value = compileExpression(statement.expression)(env);
        if (isStream(value)) hooks.onStreamStatement(value, statement.loc);
        break;
      }
      default:
        throw runtimeError(`${statement.kind} is not allowed at the top level of a script`, statement.loc);
    }
  }
}
