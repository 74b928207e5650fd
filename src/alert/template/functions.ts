// The functions a template may call: Go text/template's built-ins (and, or, not, len, index,
// print, printf, println, eq, ne, lt, le, gt, ge, html, js, urlquery, slice) and Kapacitor's
// `json`. Each takes evaluated arguments; and/or short-circuit in the executor.

import { goJSONEscape } from '../../gofmt/json-escape.js';
import { TemplateError } from './errors.js';
import { sprintf } from './printf.js';
import { GoDuration, GoTime, StringMap, isTrue, printValue, toJSONText } from './values.js';

export type TemplateFunction = (args: unknown[]) => unknown;

function basicKind(value: unknown): 'number' | 'string' | 'bool' | 'nil' | 'other' {
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof GoDuration) return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (value === undefined || value === null) return 'nil';
  return 'other';
}

function numeric(value: unknown): number | bigint {
  if (value instanceof GoDuration) return value.ns;
  return value as number | bigint;
}

/** Compares two basic values: negative, zero, positive. */
function compare(a: unknown, b: unknown, ordered: boolean): number {
  const kindA = basicKind(a);
  const kindB = basicKind(b);
  if (kindA === 'other' || kindB === 'other') {
    if (!ordered && a instanceof GoTime && b instanceof GoTime) return a.ns === b.ns ? 0 : 1;
    throw new TemplateError(ordered ? 'invalid type for comparison' : 'non-comparable type');
  }
  if (kindA !== kindB) {
    if (!ordered && (kindA === 'nil' || kindB === 'nil')) return 1;
    throw new TemplateError('incompatible types for comparison');
  }
  if (kindA === 'number') {
    const x = numeric(a);
    const y = numeric(b);
    if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
    const fx = Number(x);
    const fy = Number(y);
    return fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  if (kindA === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (kindA === 'bool') {
    if (ordered) throw new TemplateError('invalid type for comparison');
    return a === b ? 0 : 1;
  }
  return 0;
}

function arity(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw new TemplateError(`wrong number of args for ${name}: want ${min} got ${args.length}`);
  }
}

/** Go's template.HTMLEscapeString. */
export function htmlEscape(text: string): string {
  return text.replace(/[&'<>"\0]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case "'":
        return '&#39;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&#34;';
      default:
        return '\uFFFD';
    }
  });
}

/** Go's template.JSEscapeString. */
export function jsEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '<':
        out += '\\u003C';
        break;
      case '>':
        out += '\\u003E';
        break;
      case '&':
        out += '\\u0026';
        break;
      case '=':
        out += '\\u003D';
        break;
      default:
        out += code < 0x20 ? '\\u' + code.toString(16).toUpperCase().padStart(4, '0') : ch;
    }
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** fmt.Sprint: spaces between operands when neither is a string. */
function sprint(args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += printValue(args[i]);
  }
  return out;
}

function evalArgsText(args: unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

function lengthOf(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Array.isArray(value)) return value.length;
  if (value instanceof StringMap) return Object.keys(value.entries).length;
  if (value !== null && typeof value === 'object' && !(value instanceof GoTime) && !(value instanceof GoDuration)) return Object.keys(value).length;
  throw new TemplateError(`error calling len: len of type ${typeof value}`);
}

function indexOne(container: unknown, key: unknown): unknown {
  if (container instanceof StringMap) return container.entries[String(key)] ?? '';
  if (Array.isArray(container) || typeof container === 'string') {
    if (typeof key !== 'bigint' && typeof key !== 'number') throw new TemplateError('error calling index: cannot index slice/array with type');
    const position = Number(key);
    if (position < 0 || position >= container.length) throw new TemplateError(`error calling index: index out of range: ${position}`);
    return typeof container === 'string' ? BigInt(Buffer.from(container)[position]!) : container[position];
  }
  if (container !== null && typeof container === 'object') {
    if (typeof key !== 'string') throw new TemplateError('error calling index: value has type int; should be string');
    return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string, unknown>)[key] : undefined;
  }
  throw new TemplateError(`error calling index: can't index item of type ${typeof container}`);
}

/** The json function's text: as encoding/json writes it, and a newline. */
function jsonFunctionText(value: unknown): string {
  return goJSONEscape(toJSONText(value) ?? 'null') + '\n';
}

export const FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  not: (args) => {
    arity('not', args, 1);
    return !isTrue(args[0]);
  },
  len: (args) => {
    arity('len', args, 1);
    return BigInt(lengthOf(args[0]));
  },
  index: (args) => {
    if (args.length < 1) throw new TemplateError('wrong number of args for index: want at least 1 got 0');
    let value = args[0];
    for (let i = 1; i < args.length; i++) value = indexOne(value, args[i]);
    return value;
  },
  slice: (args) => {
    if (args.length < 1) throw new TemplateError('wrong number of args for slice: want at least 1 got 0');
    const target = args[0];
    if (typeof target !== 'string' && !Array.isArray(target)) throw new TemplateError("error calling slice: can't slice item");
    const from = args.length > 1 ? Number(args[1]) : 0;
    const to = args.length > 2 ? Number(args[2]) : target.length;
    return target.slice(from, to);
  },
  print: (args) => sprint(args),
  println: (args) => args.map((value) => printValue(value)).join(' ') + '\n',
  printf: (args) => {
    if (typeof args[0] !== 'string') throw new TemplateError('wrong type for value; expected string');
    return sprintf(args[0], args.slice(1));
  },
  eq: (args) => {
    if (args.length < 2) throw new TemplateError('missing argument for comparison');
    for (let i = 1; i < args.length; i++) if (compare(args[0], args[i], false) === 0) return true;
    return false;
  },
  ne: (args) => {
    arity('ne', args, 2);
    return compare(args[0], args[1], false) !== 0;
  },
  lt: (args) => {
    arity('lt', args, 2);
    return compare(args[0], args[1], true) < 0;
  },
  le: (args) => {
    arity('le', args, 2);
    return compare(args[0], args[1], true) <= 0;
  },
  gt: (args) => {
    arity('gt', args, 2);
    return compare(args[0], args[1], true) > 0;
  },
  ge: (args) => {
    arity('ge', args, 2);
    return compare(args[0], args[1], true) >= 0;
  },
  html: (args) => htmlEscape(evalArgsText(args)),
  js: (args) => jsEscape(evalArgsText(args)),
  urlquery: (args) => queryEscape(evalArgsText(args)),
  json: (args) => {
    arity('json', args, 1);
    return jsonFunctionText(args[0]);
  },
};
