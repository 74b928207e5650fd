// Type conversion functions: bool(), int(), float(), string(), duration(value, unit).
// Behaviour and error texts follow Kapacitor's (strconv parsing, influxql duration format).

import { floatToInt64 } from '../operators.js';
import { formatFloatF, formatFloatV } from '../../../gofmt/float.js';
import { formatInfluxqlDuration, parseInfluxqlDuration } from '../../../gofmt/influxql-duration.js';
import { goQuote } from '../../../gofmt/quote.js';
import { parseGoBool, parseGoFloat, parseGoInt64 } from '../../../gofmt/strconv.js';
import { Duration, int64, T_BOOL, T_DURATION, T_FLOAT, T_INT, T_STRING, type LambdaValue } from '../types.js';
import type { FunctionDef } from './registry.js';

function toBool(value: LambdaValue): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return parseGoBool(value);
    case 'bigint':
      if (value === 0n || value === 1n) return value === 1n;
      throw new Error(`cannot convert ${value} to boolean`);
    default: {
      const number = value as number;
      if (number === 0 || number === 1) return number === 1;
      throw new Error(`cannot convert ${formatFloatV(number)} to boolean`);
    }
  }
}

function toInt(value: LambdaValue): bigint {
  switch (typeof value) {
    case 'bigint':
      return value;
    case 'number':
      return floatToInt64(value);
    case 'string':
      return parseGoInt64(value);
    case 'boolean':
      return value ? 1n : 0n;
    default:
      return (value as Duration).ns;
  }
}

function toFloat(value: LambdaValue): number {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
      return value;
    case 'string':
      return parseGoFloat(value);
    default:
      return value ? 1 : 0;
  }
}

function toString(value: LambdaValue): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return formatFloatF(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return value;
    default:
      return formatInfluxqlDuration((value as Duration).ns);
  }
}

function toDuration(args: LambdaValue[]): Duration {
  const value = args[0]!;
  if (value instanceof Duration) return value;
  if (typeof value === 'string') {
    const ns = parseInfluxqlDuration(value);
    if (ns === undefined) throw new Error(`invalid duration string ${goQuote(value)}`);
    return new Duration(ns);
  }
  const unit = (args[1] as Duration).ns;
  if (typeof value === 'bigint') return new Duration(int64(value * unit));
  return new Duration(floatToInt64((value as number) * Number(unit)));
}

const SCALARS = [T_BOOL, T_STRING, T_INT, T_FLOAT] as const;

export const conversionFunctions: FunctionDef[] = [
  { name: 'bool', signatures: SCALARS.map((t) => [[t], T_BOOL] as const), call: (args) => toBool(args[0]!) },
  { name: 'int', signatures: SCALARS.map((t) => [[t], T_INT] as const), call: (args) => toInt(args[0]!) },
  { name: 'float', signatures: SCALARS.map((t) => [[t], T_FLOAT] as const), call: (args) => toFloat(args[0]!) },
  {
    name: 'string',
    signatures: [...SCALARS, T_DURATION].map((t) => [[t], T_STRING] as const),
    call: (args) => toString(args[0]!),
  },
  {
    name: 'duration',
    signatures: [
      [[T_DURATION], T_DURATION],
      [[T_INT, T_DURATION], T_DURATION],
      [[T_FLOAT, T_DURATION], T_DURATION],
      [[T_STRING, T_DURATION], T_DURATION],
    ],
    call: toDuration,
  },
];
