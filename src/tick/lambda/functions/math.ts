// Math functions: Go's math package as TICKscript exposes it. Float arguments only (ints must
// go through float()), except pow10(int) and jn/yn(int, float).

import { T_FLOAT, T_INT, type LambdaValue } from '../types.js';
import type { FunctionDef } from './registry.js';
import { erf, erfc, gamma, jn, logb, yn } from './special-math.js';

type Math1 = (x: number) => number;
type Math2 = (x: number, y: number) => number;

function math1(name: string, fn: Math1): FunctionDef {
  return { name, signatures: [[[T_FLOAT], T_FLOAT]], call: (args) => fn(args[0] as number) };
}

function math2(name: string, fn: Math2): FunctionDef {
  return {
    name,
    signatures: [[[T_FLOAT, T_FLOAT], T_FLOAT]],
    call: (args) => fn(args[0] as number, args[1] as number),
  };
}

function mathIntFloat(name: string, fn: (n: number, x: number) => number): FunctionDef {
  return {
    name,
    signatures: [[[T_INT, T_FLOAT], T_FLOAT]],
    call: (args: LambdaValue[]) => fn(Number(BigInt.asIntN(32, args[0] as bigint)), args[1] as number),
  };
}

/** Go's math.Pow, whose special cases differ from JS for a base of ±1. */
function goPow(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

function pow10(n: bigint): number {
  if (n < -323n) return 0;
  if (n > 308n) return Infinity;
  return Number(`1e${n}`);
}

export const mathFunctions: FunctionDef[] = [
  math1('abs', Math.abs),
  math1('acos', Math.acos),
  math1('acosh', Math.acosh),
  math1('asin', Math.asin),
  math1('asinh', Math.asinh),
  math1('atan', Math.atan),
  math2('atan2', Math.atan2),
  math1('atanh', Math.atanh),
  math1('cbrt', Math.cbrt),
  math1('ceil', Math.ceil),
  math1('cos', Math.cos),
  math1('cosh', Math.cosh),
  math1('erf', erf),
  math1('erfc', erfc),
  math1('exp', Math.exp),
  math1('exp2', (x) => Math.pow(2, x)),
  math1('expm1', Math.expm1),
  math1('floor', Math.floor),
  math1('gamma', gamma),
  math2('hypot', Math.hypot),
  math1('j0', (x) => jn(0, x)),
  math1('j1', (x) => jn(1, x)),
  mathIntFloat('jn', jn),
  math1('log', Math.log),
  math1('log10', Math.log10),
  math1('log1p', Math.log1p),
  math1('log2', Math.log2),
  math1('logb', logb),
  math2('max', Math.max),
  math2('min', Math.min),
  math2('mod', (x, y) => x % y),
  math2('pow', goPow),
  { name: 'pow10', signatures: [[[T_INT], T_FLOAT]], call: (args) => pow10(args[0] as bigint) },
  math1('sin', Math.sin),
  math1('sinh', Math.sinh),
  math1('sqrt', Math.sqrt),
  math1('tan', Math.tan),
  math1('tanh', Math.tanh),
  math1('trunc', Math.trunc),
  math1('y0', (x) => yn(0, x)),
  math1('y1', (x) => yn(1, x)),
  mathIntFloat('yn', yn),
];
