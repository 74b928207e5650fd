// Binary operators: one implementation per (operator, left type, right type), as Kapacitor's
// evaluation table, plus its error wording for unsupported combinations. No implicit int/float
// promotion except in comparisons; int arithmetic wraps as int64.

import { LambdaError } from './errors.js';
import type { CompiledNode, EvalContext } from './node.js';
import type { GoRegex } from './regex.js';
import { Duration, int64, typeName, T_BOOL, T_DURATION, T_FLOAT, T_INT, T_REGEX, T_STRING, type LambdaValue, type ValueType } from './types.js';

export type BinaryImpl = (left: CompiledNode, right: CompiledNode, ctx: EvalContext) => LambdaValue;

export interface OperatorEntry {
  readonly impl: BinaryImpl;
  readonly returns: ValueType;
}

export type ExprOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~' | 'AND' | 'OR';

const MATH = new Set(['+', '-', '*', '/', '%']);
const COMPARISON = new Set(['==', '!=', '<', '<=', '>', '>=', '=~', '!~']);
const LOGICAL = new Set(['AND', 'OR']);

export function isExprOperator(op: string): op is ExprOperator {
  return MATH.has(op) || COMPARISON.has(op) || LOGICAL.has(op);
}

/** Comparison and logical operators always give a boolean, whatever their operands. */
export function isBooleanOperator(op: ExprOperator): boolean {
  return COMPARISON.has(op) || LOGICAL.has(op);
}

function operatorKind(op: ExprOperator): string {
  if (MATH.has(op)) return 'math';
  if (COMPARISON.has(op)) return 'comparison';
  return 'logical';
}

const table = new Map<string, OperatorEntry>();
const operatorsByType = new Map<ValueType, Set<string>>();

function key(op: string, left: ValueType, right: ValueType): string {
  return `${op}|${left}|${right}`;
}

function define(op: ExprOperator, left: ValueType, right: ValueType, returns: ValueType, impl: BinaryImpl): void {
  table.set(key(op, left, right), { impl, returns });
  for (const type of [left, right]) {
    let ops = operatorsByType.get(type);
    if (ops === undefined) operatorsByType.set(type, (ops = new Set()));
    ops.add(op);
  }
}

/** Per-operator entries indexed by left*16+right, for the hot path. */
const fastTable = new Map<string, Array<OperatorEntry | undefined>>();

export function lookupOperator(op: ExprOperator, left: ValueType, right: ValueType): OperatorEntry | undefined {
  return fastTable.get(op)![left * 16 + right];
}

/** Kapacitor's determineError: the most specific message for an unsupported combination. */
export function operatorTypeError(op: ExprOperator, left: ValueType, right: ValueType): LambdaError {
  if (!(operatorsByType.get(left)?.has(op) ?? false)) {
    return new LambdaError(`invalid ${operatorKind(op)} operator ${op} for type ${typeName(left)}`);
  }
  return new LambdaError(
    `mismatched type to binary operator. got ${typeName(left)} ${op} ${typeName(right)}. see bool(), int(), float(), string(), duration()`,
  );
}

export function divideByZero(): LambdaError {
  return new LambdaError('runtime error: integer divide by zero');
}

/** Go's float64 → int64 conversion (amd64 gives MinInt64 for NaN and out of range). */
export function floatToInt64(value: number): bigint {
  if (!Number.isFinite(value) || value >= 9223372036854775808 || value < -9223372036854775808) {
    return -9223372036854775808n;
  }
  return BigInt(Math.trunc(value));
}

const f = (n: CompiledNode, c: EvalContext) => n.eval(c) as number;
const i = (n: CompiledNode, c: EvalContext) => n.eval(c) as bigint;
const s = (n: CompiledNode, c: EvalContext) => n.eval(c) as string;
const b = (n: CompiledNode, c: EvalContext) => n.eval(c) as boolean;
const d = (n: CompiledNode, c: EvalContext) => (n.eval(c) as Duration).ns;

define('AND', T_BOOL, T_BOOL, T_BOOL, (l, r, c) => b(l, c) && b(r, c));
define('OR', T_BOOL, T_BOOL, T_BOOL, (l, r, c) => b(l, c) || b(r, c));
define('==', T_BOOL, T_BOOL, T_BOOL, (l, r, c) => b(l, c) === b(r, c));
define('!=', T_BOOL, T_BOOL, T_BOOL, (l, r, c) => b(l, c) !== b(r, c));

type Compare = (a: number | bigint | string, z: number | bigint | string) => boolean;
const comparisons: ReadonlyArray<readonly [ExprOperator, Compare]> = [
  ['==', (a, z) => a === z],
  ['!=', (a, z) => a !== z],
  ['<', (a, z) => a < z],
  ['<=', (a, z) => a <= z],
  ['>', (a, z) => a > z],
  ['>=', (a, z) => a >= z],
];
for (const [op, cmp] of comparisons) {
  define(op, T_FLOAT, T_FLOAT, T_BOOL, (l, r, c) => cmp(f(l, c), f(r, c)));
  define(op, T_INT, T_INT, T_BOOL, (l, r, c) => cmp(i(l, c), i(r, c)));
  define(op, T_INT, T_FLOAT, T_BOOL, (l, r, c) => cmp(Number(i(l, c)), f(r, c)));
  define(op, T_FLOAT, T_INT, T_BOOL, (l, r, c) => cmp(f(l, c), Number(i(r, c))));
  define(op, T_STRING, T_STRING, T_BOOL, (l, r, c) => cmp(s(l, c), s(r, c)));
  define(op, T_DURATION, T_DURATION, T_BOOL, (l, r, c) => cmp(d(l, c), d(r, c)));
}
define('=~', T_STRING, T_REGEX, T_BOOL, (l, r, c) => {
  const text = s(l, c);
  return (r.eval(c) as GoRegex).test(text);
});
define('!~', T_STRING, T_REGEX, T_BOOL, (l, r, c) => {
  const text = s(l, c);
  return !(r.eval(c) as GoRegex).test(text);
});

define('+', T_FLOAT, T_FLOAT, T_FLOAT, (l, r, c) => f(l, c) + f(r, c));
define('-', T_FLOAT, T_FLOAT, T_FLOAT, (l, r, c) => f(l, c) - f(r, c));
define('*', T_FLOAT, T_FLOAT, T_FLOAT, (l, r, c) => f(l, c) * f(r, c));
define('/', T_FLOAT, T_FLOAT, T_FLOAT, (l, r, c) => f(l, c) / f(r, c));
define('+', T_INT, T_INT, T_INT, (l, r, c) => int64(i(l, c) + i(r, c)));
define('-', T_INT, T_INT, T_INT, (l, r, c) => int64(i(l, c) - i(r, c)));
define('*', T_INT, T_INT, T_INT, (l, r, c) => int64(i(l, c) * i(r, c)));
define('/', T_INT, T_INT, T_INT, (l, r, c) => {
  const left = i(l, c);
  const right = i(r, c);
  if (right === 0n) throw divideByZero();
  return int64(left / right);
});
define('%', T_INT, T_INT, T_INT, (l, r, c) => {
  const left = i(l, c);
  const right = i(r, c);
  if (right === 0n) throw divideByZero();
  return left % right;
});
define('+', T_DURATION, T_DURATION, T_DURATION, (l, r, c) => new Duration(int64(d(l, c) + d(r, c))));
define('-', T_DURATION, T_DURATION, T_DURATION, (l, r, c) => new Duration(int64(d(l, c) - d(r, c))));
define('*', T_DURATION, T_INT, T_DURATION, (l, r, c) => new Duration(int64(d(l, c) * i(r, c))));
define('*', T_INT, T_DURATION, T_DURATION, (l, r, c) => new Duration(int64(i(l, c) * d(r, c))));
define('*', T_DURATION, T_FLOAT, T_DURATION, (l, r, c) => new Duration(floatToInt64(Number(d(l, c)) * f(r, c))));
define('*', T_FLOAT, T_DURATION, T_DURATION, (l, r, c) => new Duration(floatToInt64(f(l, c) * Number(d(r, c)))));
define('/', T_DURATION, T_INT, T_DURATION, (l, r, c) => {
  const left = d(l, c);
  const right = i(r, c);
  if (right === 0n) throw divideByZero();
  return new Duration(int64(left / right));
});
define('/', T_DURATION, T_FLOAT, T_DURATION, (l, r, c) => new Duration(floatToInt64(Number(d(l, c)) / f(r, c))));
define('/', T_DURATION, T_DURATION, T_INT, (l, r, c) => {
  const left = d(l, c);
  const right = d(r, c);
  if (right === 0n) throw divideByZero();
  return int64(left / right);
});
define('+', T_STRING, T_STRING, T_STRING, (l, r, c) => s(l, c) + s(r, c));

for (const op of [...MATH, ...COMPARISON, ...LOGICAL]) {
  const entries: Array<OperatorEntry | undefined> = new Array(256).fill(undefined);
  for (let left = 0; left < 16; left++) {
    for (let right = 0; right < 16; right++) entries[left * 16 + right] = table.get(key(op, left, right));
  }
  fastTable.set(op, entries);
}
