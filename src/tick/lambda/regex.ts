// Go RE2 regular expressions for TICKscript and alert matching: compiled by re2js (a port of
// RE2), so matching is linear in the input whatever the pattern; Go's syntax and Go's error
// texts come with it. Implements Regexp.ReplaceAllString with Go's $1 / ${name} expansion.
// Never falls back to a backtracking engine.

import { RE2JS } from 're2js';
import { LambdaError } from './errors.js';

type Groups = (index: number | string) => string;

/** A compiled Go regular expression. */
export class GoRegex {
  private readonly compiled: RE2JS;

  constructor(readonly source: string) {
    try {
      this.compiled = RE2JS.compile(source);
    } catch (err) {
      throw new LambdaError((err as Error).message);
    }
  }

  test(text: string): boolean {
    return this.compiled.matcher(text).find();
  }

  /** Regexp.ReplaceAllString: every non-overlapping match replaced by the expanded template. */
  replaceAll(text: string, template: string): string {
    const matcher = this.compiled.matcher(text);
    const groupCount = matcher.groupCount();
    const names = this.compiled.namedGroups();
    let out = '';
    let copied = 0;
    let previousEnd = -1;
    let position = 0;
    while (position <= text.length && matcher.find(position)) {
      const start = matcher.start();
      const end = matcher.end();
      if (start === end && start === previousEnd) {
        position = start + codePointWidth(text, start);
        continue;
      }
      const groups: Groups = (key) => {
        const index = typeof key === 'number' ? key : names[key];
        if (index === undefined || index > groupCount) return '';
        return matcher.group(index) ?? '';
      };
      out += text.slice(copied, start) + expandTemplate(template, groups);
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
function expandTemplate(template: string, groups: Groups): string {
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
    out += /^[0-9]+$/.test(name) ? groups(Number(name)) : groups(name);
    i = next;
  }
  return out;
}
