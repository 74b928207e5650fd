// Evaluates operator expressions written outside lambdas (`var x = 5m * 2`, `-10`, `!TRUE`)
// to constants, with TICKscript's strict typing (no implicit int/float mixing).

import type { BinaryOperator, Position } from '../tick/ast.js';
import { positioned, TickEvalError } from './errors.js';
import { floatLiteral } from './lambda-vars.js';
import type { DurationValue } from './types.js';
import { goTypeOf, type EvalValue } from './values.js';

type Kind = 'int' | 'float' | 'string' | 'bool' | 'duration' | 'other';

function kindOf(value: EvalValue): Kind {
  switch (typeof value) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      break;
  }
  return !Array.isArray(value) && value.kind === 'duration' ? 'duration' : 'other';
}

function duration(ns: bigint): DurationValue {
  return { kind: 'duration', ns, literal: `${ns}ns` };
}

export function evalUnary(position: Position, operator: '-' | '!', value: EvalValue): EvalValue {
  if (operator === '-') {
    if (typeof value === 'bigint') return -value;
    if (typeof value === 'number') return -value;
    if (kindOf(value) === 'duration') {
      const d = value as DurationValue;
      return { kind: 'duration', ns: -d.ns, literal: d.literal.startsWith('-') ? d.literal.slice(1) : `-${d.literal}` };
    }
    throw positioned(position, `invalid arugument to '-' ${display(value)}`);
  }
  if (typeof value === 'boolean') return !value;
  throw positioned(position, `invalid arugument to '!' ${display(value)}`);
}

export function evalBinary(operator: BinaryOperator, left: EvalValue, right: EvalValue): EvalValue {
  const lk = kindOf(left);
  const rk = kindOf(right);
  if (operator === 'AND' || operator === 'OR') {
    if (lk !== 'bool' || rk !== 'bool') throw mismatch(operator, lk, rk);
    return operator === 'AND' ? (left as boolean) && right : left || right;
  }
  if (lk === 'duration' || rk === 'duration') return durationMath(operator, left, right, lk, rk);
  if (lk !== rk || lk === 'other') throw mismatch(operator, lk, rk);
  const compared = compare(operator, left as number | bigint | string | boolean, right as number | bigint | string | boolean);
  if (compared !== undefined) return compared;
  if (lk === 'int') return intMath(operator, left as bigint, right as bigint);
  if (lk === 'float') return floatMath(operator, left as number, right as number);
  if (lk === 'string' && operator === '+') return (left as string) + (right as string);
  throw new TickEvalError(`invalid math operator ${operator} for type ${lk}`);
}

function compare(operator: BinaryOperator, l: number | bigint | string | boolean, r: number | bigint | string | boolean): boolean | undefined {
  switch (operator) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    default:
      return undefined;
  }
}

function intMath(operator: BinaryOperator, l: bigint, r: bigint): bigint {
  switch (operator) {
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
    default:
      throw new TickEvalError(`invalid math operator ${operator} for type int`);
  }
}

function floatMath(operator: BinaryOperator, l: number, r: number): number {
  switch (operator) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    default:
      throw new TickEvalError(`invalid math operator ${operator} for type float`);
  }
}

function durationMath(operator: BinaryOperator, left: EvalValue, right: EvalValue, lk: Kind, rk: Kind): EvalValue {
  const l = lk === 'duration' ? (left as DurationValue).ns : undefined;
  const r = rk === 'duration' ? (right as DurationValue).ns : undefined;
  if (l !== undefined && r !== undefined) {
    const compared = compare(operator, l, r);
    if (compared !== undefined) return compared;
    if (operator === '+') return duration(l + r);
    if (operator === '-') return duration(l - r);
    throw new TickEvalError(`invalid math operator ${operator} for type duration`);
  }
  const scalar = l === undefined ? left : right;
  const ns = (l ?? r)!;
  const factor = typeof scalar === 'bigint' ? scalar : undefined;
  if (factor === undefined) throw mismatch(operator, lk, rk);
  if (operator === '*') return duration(ns * factor);
  if (operator === '/' && l !== undefined) return duration(ns / factor);
  throw new TickEvalError(`invalid math operator ${operator} for type duration`);
}

function mismatch(operator: BinaryOperator, lk: Kind, rk: Kind): TickEvalError {
  return new TickEvalError(`mismatched type to binary operator. got ${lk} ${operator} ${rk}. see bool(), int(), float(), string(), duration()`);
}

function display(value: EvalValue): string {
  if (typeof value === 'number') return floatLiteral(value);
  if (typeof value === 'object' && !Array.isArray(value)) return goTypeOf(value);
  return String(value);
}
