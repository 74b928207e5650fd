// Go's fmt.Sprintf for the verbs templates use (%v %s %d %f %e %g %q %x %X %t %c %%, with flags,
// width and precision). Mismatched verbs print Go's %!verb(type=value) marker.

import { goQuote } from '../../gofmt/quote.js';
import { GoDuration, printValue } from './values.js';

function goTypeName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int64';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return '<nil>';
    default:
      break;
  }
  if (value instanceof GoDuration) return 'time.Duration';
  return 'interface {}';
}

function bad(verb: string, value: unknown): string {
  return `%!${verb}(${goTypeName(value)}=${printValue(value)})`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width: number | undefined;
  precision: number | undefined;
}

function padTo(text: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || text.length >= spec.width) return text;
  if (spec.minus) return text + ' '.repeat(spec.width - text.length);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(text) ? text[0]! : '';
    return sign + '0'.repeat(spec.width - text.length) + text.slice(sign.length);
  }
  return ' '.repeat(spec.width - text.length) + text;
}

function signed(text: string, spec: Spec): string {
  if (text.startsWith('-')) return text;
  if (spec.plus) return '+' + text;
  if (spec.space) return ' ' + text;
  return text;
}

function asInteger(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (value instanceof GoDuration) return value.ns;
  return undefined;
}

function expForm(value: number, precision: number, upper: boolean): string {
  const text = value.toExponential(precision);
  const [mantissa, exp] = text.split('e') as [string, string];
  const expNumber = Number(exp);
  const expText = (expNumber < 0 ? '-' : '+') + String(Math.abs(expNumber)).padStart(2, '0');
  return mantissa + (upper ? 'E' : 'e') + expText;
}

function formatFloat(verb: string, value: number, spec: Spec): string {
  if (!Number.isFinite(value)) return signed(Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf', spec);
  switch (verb) {
    case 'f':
    case 'F':
      return signed(spec.precision === undefined ? value.toFixed(6) : value.toFixed(spec.precision), spec);
    case 'e':
    case 'E':
      return signed(expForm(value, spec.precision ?? 6, verb === 'E'), spec);
    default: {
      if (spec.precision === undefined) return signed(printValue(value), spec);
      const precision = Math.max(spec.precision, 1);
      const exponent = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
      if (exponent < -4 || exponent >= precision) return signed(expForm(value, precision - 1, verb === 'G').replace(/\.?0+e/, 'e'), spec);
      return signed(String(Number(value.toPrecision(precision))), spec);
    }
  }
}

function formatOne(verb: string, value: unknown, spec: Spec): string {
  switch (verb) {
    case 'v':
      if (typeof value === 'number' || typeof value === 'bigint') return padTo(signed(printValue(value), spec), spec, true);
      return padTo(printValue(value), spec, false);
    case 's':
      if (typeof value !== 'string' && typeof value !== 'object' && value !== undefined) {
        if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return bad(verb, value);
      }
      {
        let text = printValue(value);
        if (spec.precision !== undefined) text = Array.from(text).slice(0, spec.precision).join('');
        return padTo(text, spec, false);
      }
    case 'q':
      if (typeof value !== 'string') return bad(verb, value);
      return padTo(goQuote(value), spec, false);
    case 't':
      if (typeof value !== 'boolean') return bad(verb, value);
      return padTo(String(value), spec, false);
    case 'd': {
      const integer = asInteger(value);
      if (integer === undefined) return bad(verb, value);
      return padTo(signed(integer.toString(), spec), spec, true);
    }
    case 'c': {
      const integer = asInteger(value);
      if (integer === undefined) return bad(verb, value);
      return padTo(String.fromCodePoint(Number(integer)), spec, false);
    }
    case 'x':
    case 'X': {
      let text: string;
      const integer = asInteger(value);
      if (integer !== undefined) text = (integer < 0n ? '-' : '') + (integer < 0n ? -integer : integer).toString(16);
      else if (typeof value === 'string') text = Buffer.from(value).toString('hex');
      else return bad(verb, value);
      if (verb === 'X') text = text.toUpperCase();
      return padTo(text, spec, true);
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
      if (typeof value !== 'number') return bad(verb, value);
      return padTo(formatFloat(verb, value, spec), spec, true);
    default:
      return `%!${verb}(${goTypeName(value)}=${printValue(value)})`;
  }
}

/** fmt.Sprintf(format, args...). */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: undefined, precision: undefined };
    for (; i < format.length; i++) {
      const flag = format[i];
      if (flag === '-') spec.minus = true;
      else if (flag === '+') spec.plus = true;
      else if (flag === '0') spec.zero = true;
      else if (flag === ' ') spec.space = true;
      else if (flag === '#') spec.sharp = true;
      else break;
    }
    const width = /^\d+/.exec(format.slice(i));
    if (width !== null) {
      spec.width = Number(width[0]);
      i += width[0].length;
    }
    if (format[i] === '.') {
      i++;
      const precision = /^\d*/.exec(format.slice(i))![0];
      spec.precision = precision === '' ? 0 : Number(precision);
      i += precision.length;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argIndex++], spec);
  }
  if (argIndex < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argIndex)
        .map((value) => `${goTypeName(value)}=${printValue(value)}`)
        .join(', ') +
      ')';
  }
  return out;
}
