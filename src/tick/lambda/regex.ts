// Go RE2 regular expressions on top of JS RegExp: translates the syntax that differs (flags
// groups, \A \z, \Q..\E, (?P<name>), POSIX classes, ASCII-only \s, `.` matching \r, Go-style
// escapes) and implements Regexp.ReplaceAllString with Go's $1 / ${name} expansion.

import { LambdaError } from './errors.js';

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const SIMPLE_ESCAPES = new Set(['d', 'D', 'w', 'W', 'b', 'B', 'n', 't', 'r', 'f', 'v', 'S']);

function hexEscape(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? '\\x' + code.toString(16).padStart(2, '0') : `\\u{${code.toString(16)}}`;
}

function escapeLiteral(text: string): string {
  let out = '';
  for (const ch of text) out += /[0-9A-Za-z_]/.test(ch) ? ch : hexEscape(ch);
  return out;
}

interface Translation {
  source: string;
  flags: string;
}

/** Translates one escape sequence starting at pattern[i] === '\\'; returns [text, length]. */
function translateEscape(pattern: string, i: number, inClass: boolean): [string, number] {
  const ch = pattern[i + 1];
  if (ch === undefined) throw new LambdaError('error parsing regexp: trailing backslash at end of expression: ``');
  if (ch === 's') return [inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]', 2];
  if (ch === 'A' && !inClass) return ['(?<![\\s\\S])', 2];
  if (ch === 'z' && !inClass) return ['(?![\\s\\S])', 2];
  if (ch === 'a') return ['\\x07', 2];
  if (SIMPLE_ESCAPES.has(ch)) return ['\\' + ch, 2];
  if (ch === 'p' || ch === 'P') {
    let name: string;
    let length: number;
    if (pattern[i + 2] === '{') {
      const end = pattern.indexOf('}', i + 3);
      if (end < 0) throw new LambdaError('error parsing regexp: invalid character class range');
      name = pattern.slice(i + 3, end);
      length = end - i + 1;
    } else {
      name = pattern[i + 2] ?? '';
      length = 3;
    }
    const negated = name.startsWith('^');
    if (negated) name = name.slice(1);
    const property = name.length <= 2 || name === 'Any' ? name : `Script=${name}`;
    const letter = (ch === 'P') !== negated ? 'P' : 'p';
    return [property === 'Any' ? (letter === 'p' ? '[\\s\\S]' : '[^\\s\\S]') : `\\${letter}{${property}}`, length];
  }
  if (ch === 'x') {
    if (pattern[i + 2] === '{') {
      const end = pattern.indexOf('}', i + 3);
      return [`\\u{${pattern.slice(i + 3, end)}}`, end - i + 1];
    }
    return ['\\x' + pattern.slice(i + 2, i + 4), 4];
  }
  if (ch >= '0' && ch <= '7') {
    const octal = /^[0-7]{1,3}/.exec(pattern.slice(i + 1))![0];
    return [hexEscape(String.fromCodePoint(parseInt(octal, 8))), 1 + octal.length];
  }
  if (/[0-9A-Za-z]/.test(ch)) throw new LambdaError(`error parsing regexp: invalid escape sequence: \`\\${ch}\``);
  return [hexEscape(ch), 2];
}

function translate(pattern: string): Translation {
  const flags = new Set<string>(['u']);
  let out = '';
  let i = 0;
  let inClass = false;
  let classStart = false;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\' && pattern[i + 1] === 'Q') {
      const end = pattern.indexOf('\\E', i + 2);
      const literal = pattern.slice(i + 2, end < 0 ? pattern.length : end);
      out += escapeLiteral(literal);
      i = end < 0 ? pattern.length : end + 2;
      classStart = false;
      continue;
    }
    if (ch === '\\') {
      const [text, length] = translateEscape(pattern, i, inClass);
      out += text;
      i += length;
      classStart = false;
      continue;
    }
    if (inClass) {
      if (ch === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        const name = end < 0 ? undefined : POSIX_CLASSES[pattern.slice(i + 2, end)];
        if (name !== undefined) {
          out += name;
          i = end + 2;
          classStart = false;
          continue;
        }
      }
      if (ch === ']' && !classStart) inClass = false;
      out += ch === ']' && classStart ? '\\]' : ch === '[' ? '\\[' : ch;
      classStart = false;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      classStart = true;
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const group = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(pattern.slice(i));
      if (group !== null && (group[1] !== '' || group[2] !== undefined || group[3] === ':')) {
        for (const flag of group[1]!) if (flag !== 'U') flags.add(flag);
        out += group[3] === ':' ? '(?:' : '';
        i += group[0].length;
        continue;
      }
      if (pattern.startsWith('(?P<', i)) {
        out += '(?<';
        i += 4;
        continue;
      }
    }
    if (ch === '.') out += flags.has('s') ? '[\\s\\S]' : '[^\\n]';
    else if (ch === '{') {
      const quantifier = /^\{([0-9]+)(,([0-9]*))?\}/.exec(pattern.slice(i));
      if (quantifier === null) {
        out += '\\{';
      } else {
        const min = Number(quantifier[1]);
        const max = quantifier[3] === undefined || quantifier[3] === '' ? min : Number(quantifier[3]);
        if (min > 1000 || max > 1000 || max < min) {
          throw new LambdaError(`error parsing regexp: invalid repeat count: \`${quantifier[0]}\``);
        }
        out += quantifier[0];
        i += quantifier[0].length;
        continue;
      }
    }
    else if (ch === '}' || ch === ']') out += '\\' + ch;
    else out += ch;
    i++;
  }
  flags.delete('s');
  return { source: out, flags: [...flags].join('') };
}

/** Go's regexp/syntax wording for the pattern errors JS reports, e.g. "missing closing ): `a(`". */
function goSyntaxError(source: string, jsMessage: string): string {
  if (/Unterminated group/i.test(jsMessage)) return `missing closing ): \`${source}\``;
  if (/Unmatched '\)'/i.test(jsMessage)) return `unexpected ): \`${source}\``;
  if (/Unterminated character class/i.test(jsMessage)) return `missing closing ]: \`${source.slice(source.lastIndexOf('['))}\``;
  if (/Nothing to repeat/i.test(jsMessage)) {
    const nested = /[*+?][*+]|\?\?\?|[*+?]\{|\}[*+]/.exec(source);
    if (nested !== null) return `invalid nested repetition operator: \`${nested[0]}\``;
    const bare = /(?:^|[(|])([*+?]|\{\d+(?:,\d*)?\})/.exec(source);
    return `missing argument to repetition operator: \`${bare?.[1] ?? source}\``;
  }
  if (/out of order in character class/i.test(jsMessage)) {
    const range = [...source.matchAll(/(.)-(.)/gu)].find((m) => m[1]! > m[2]!);
    return `invalid character class range: \`${range?.[0] ?? source}\``;
  }
  if (/out of order in \{\} quantifier|too large/i.test(jsMessage)) {
    const count = /\{\d+(?:,\d*)?\}/.exec(source);
    return `invalid repeat count: \`${count?.[0] ?? source}\``;
  }
  if (/Invalid capture group name|Duplicate capture group name/i.test(jsMessage)) {
    const name = /\(\?P?<[^>]*>/.exec(source);
    return `${/Duplicate/i.test(jsMessage) ? 'duplicate capture group name' : 'invalid named capture'}: \`${name?.[0] ?? source}\``;
  }
  return `${jsMessage}: \`${source}\``;
}

/** A compiled Go regular expression. */
export class GoRegex {
  readonly matcher: RegExp;
  private readonly global: RegExp;

  constructor(readonly source: string) {
    const { source: translated, flags } = translate(source);
    try {
      this.matcher = new RegExp(translated, flags);
      this.global = new RegExp(translated, flags + 'g');
    } catch (err) {
      throw new LambdaError(`error parsing regexp: ${goSyntaxError(source, (err as Error).message)}`);
    }
  }

  test(text: string): boolean {
    return this.matcher.test(text);
  }

  /** Regexp.ReplaceAllString: every non-overlapping match replaced by the expanded template. */
  replaceAll(text: string, template: string): string {
    const re = this.global;
    let out = '';
    let copied = 0;
    let previousEnd = -1;
    let position = 0;
    while (position <= text.length) {
      re.lastIndex = position;
      const match = re.exec(text);
      if (match === null) break;
      const start = match.index;
      const end = start + match[0].length;
      if (start === end && start === previousEnd) {
        position = start + codePointWidth(text, start);
        continue;
      }
      out += text.slice(copied, start) + expandTemplate(template, match);
      copied = end;
      previousEnd = end;
      position = start === end ? start + codePointWidth(text, start) : end;
    }
    return out + text.slice(copied);
  }
}

function codePointWidth(text: string, index: number): number {
  const code = text.codePointAt(index);
  return code !== undefined && code > 0xffff ? 2 : 1;
}

/** Go's Regexp.Expand: $1, ${1}, $name, ${name}, $$; unknown groups expand to nothing. */
function expandTemplate(template: string, match: RegExpExecArray): string {
  if (!template.includes('$')) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    let name: string | undefined;
    let next = i + 1;
    if (template[i + 1] === '{') {
      const end = template.indexOf('}', i + 2);
      const inner = end < 0 ? '' : template.slice(i + 2, end);
      if (/^[0-9A-Za-z_]+$/.test(inner)) {
        name = inner;
        next = end + 1;
      }
    } else {
      const word = /^[0-9A-Za-z_]+/.exec(template.slice(i + 1));
      if (word !== null) {
        name = word[0];
        next = i + 1 + name.length;
      }
    }
    if (name === undefined) {
      out += '$';
      i++;
      continue;
    }
    out += groupValue(match, name);
    i = next;
  }
  return out;
}

function groupValue(match: RegExpExecArray, name: string): string {
  if (/^[0-9]+$/.test(name)) {
    const index = Number(name);
    return index < match.length ? (match[index] ?? '') : '';
  }
  return match.groups?.[name] ?? '';
}
