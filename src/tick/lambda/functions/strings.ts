// String functions with Go's semantics: lengths and indexes are UTF-8 byte offsets, "any"
// functions and trims work on runes, case mapping is per rune (no special casing), and
// regexReplace expands $1 / ${name} like Go's Regexp.ReplaceAllString.

import type { GoRegex } from '../regex.js';
import { T_BOOL, T_INT, T_REGEX, T_STRING, type LambdaValue } from '../types.js';
import type { FunctionDef } from './registry.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** UTF-8 byte offset of a UTF-16 index, or -1 for -1. */
function byteOffset(text: string, index: number): number {
  return index <= 0 ? index : byteLength(text.slice(0, index));
}

function runeSet(chars: string): Set<string> {
  return new Set(Array.from(chars));
}

function indexAny(text: string, chars: string): number {
  if (chars === '') return -1;
  const set = runeSet(chars);
  let index = 0;
  for (const ch of text) {
    if (set.has(ch)) return byteOffset(text, index);
    index += ch.length;
  }
  return -1;
}

function lastIndexAny(text: string, chars: string): number {
  if (chars === '') return -1;
  const set = runeSet(chars);
  let found = -1;
  let index = 0;
  for (const ch of text) {
    if (set.has(ch)) found = index;
    index += ch.length;
  }
  return byteOffset(text, found);
}

function count(text: string, sep: string): number {
  if (sep === '') return Array.from(text).length + 1;
  let total = 0;
  for (let at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, at + sep.length)) total++;
  return total;
}

/** strings.Replace: the first n (all when n < 0) non-overlapping instances; "" matches between runes. */
function replace(text: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return text;
  if (old === '') {
    const runes = Array.from(text);
    let out = '';
    let done = 0;
    for (let k = 0; k <= runes.length; k++) {
      if (n < 0 || done < n) {
        out += replacement;
        done++;
      }
      if (k < runes.length) out += runes[k];
    }
    return out;
  }
  let out = '';
  let from = 0;
  let done = 0;
  for (let at = text.indexOf(old); at >= 0 && (n < 0 || done < n); at = text.indexOf(old, from)) {
    out += text.slice(from, at) + replacement;
    from = at + old.length;
    done++;
  }
  return out + text.slice(from);
}

function substring(text: string, start: bigint, stop: bigint): string {
  if (start < 0n) throw new Error(`found negative index for strSubstring: ${start}`);
  if (stop < 0n) throw new Error(`found negative index for strSubstring: ${stop}`);
  const bytes = encoder.encode(text);
  if (stop >= BigInt(bytes.length)) throw new Error(`stop index too large for string in strSubstring: ${stop}`);
  if (start > stop) throw new Error('runtime error: slice bounds out of range');
  return decoder.decode(bytes.subarray(Number(start), Number(stop)));
}

function trimLeftSet(text: string, set: Set<string>): string {
  const runes = Array.from(text);
  let k = 0;
  while (k < runes.length && set.has(runes[k]!)) k++;
  return runes.slice(k).join('');
}

function trimRightSet(text: string, set: Set<string>): string {
  const runes = Array.from(text);
  let k = runes.length;
  while (k > 0 && set.has(runes[k - 1]!)) k--;
  return runes.slice(0, k).join('');
}

/** Go's unicode.IsSpace: JS's \s without U+FEFF, plus U+0085. */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`);
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`);

function trimSpace(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Per-rune simple case mapping: a rune whose mapping is not a single rune stays as it is. */
function mapRunes(text: string, map: (ch: string) => string): string {
  // eslint-disable-next-line no-control-regex -- an ASCII-only test, NUL included
  if (/^[\x00-\x7f]*$/.test(text)) return map(text);
  let out = '';
  for (const ch of text) {
    const mapped = map(ch);
    out += Array.from(mapped).length === 1 ? mapped : ch;
  }
  return out;
}

type S2 = (a: string, b: string) => LambdaValue;

function string2(name: string, returns: number, fn: S2): FunctionDef {
  return {
    name,
    signatures: [[[T_STRING, T_STRING], returns]],
    call: (args) => fn(args[0] as string, args[1] as string),
  };
}

function string1(name: string, fn: (a: string) => string): FunctionDef {
  return { name, signatures: [[[T_STRING], T_STRING]], call: (args) => fn(args[0] as string) };
}

export const stringFunctions: FunctionDef[] = [
  string2('strContains', T_BOOL, (a, b) => a.includes(b)),
  string2('strContainsAny', T_BOOL, (a, b) => indexAny(a, b) >= 0),
  string2('strCount', T_INT, (a, b) => BigInt(count(a, b))),
  string2('strHasPrefix', T_BOOL, (a, b) => a.startsWith(b)),
  string2('strHasSuffix', T_BOOL, (a, b) => a.endsWith(b)),
  string2('strIndex', T_INT, (a, b) => BigInt(byteOffset(a, a.indexOf(b)))),
  string2('strIndexAny', T_INT, (a, b) => BigInt(indexAny(a, b))),
  string2('strLastIndex', T_INT, (a, b) => BigInt(byteOffset(a, a.lastIndexOf(b)))),
  string2('strLastIndexAny', T_INT, (a, b) => BigInt(lastIndexAny(a, b))),
  { name: 'strLength', signatures: [[[T_STRING], T_INT]], call: (args) => BigInt(byteLength(args[0] as string)) },
  {
    name: 'strReplace',
    signatures: [[[T_STRING, T_STRING, T_STRING, T_INT], T_STRING]],
    call: (args) => replace(args[0] as string, args[1] as string, args[2] as string, Number(BigInt.asIntN(53, args[3] as bigint))),
  },
  {
    name: 'strSubstring',
    signatures: [[[T_STRING, T_INT, T_INT], T_STRING]],
    call: (args) => substring(args[0] as string, args[1] as bigint, args[2] as bigint),
  },
  string1('strToLower', (a) => mapRunes(a, (ch) => ch.toLowerCase())),
  string1('strToUpper', (a) => mapRunes(a, (ch) => ch.toUpperCase())),
  string2('strTrim', T_STRING, (a, b) => trimRightSet(trimLeftSet(a, runeSet(b)), runeSet(b))),
  string2('strTrimLeft', T_STRING, (a, b) => trimLeftSet(a, runeSet(b))),
  string2('strTrimPrefix', T_STRING, (a, b) => (a.startsWith(b) ? a.slice(b.length) : a)),
  string2('strTrimRight', T_STRING, (a, b) => trimRightSet(a, runeSet(b))),
  string1('strTrimSpace', trimSpace),
  string2('strTrimSuffix', T_STRING, (a, b) => (b !== '' && a.endsWith(b) ? a.slice(0, a.length - b.length) : a)),
  {
    name: 'regexReplace',
    signatures: [[[T_REGEX, T_STRING, T_STRING], T_STRING]],
    call: (args) => (args[0] as GoRegex).replaceAll(args[1] as string, args[2] as string),
  },
];
