// The -dbrp flag value: `db.rp` or `"db"."rp"` (quotes optional, `\"` escapes inside quotes),
// parsed as Kapacitor's CLI parses it, with its error texts.

import { FlagValueError } from '../flags.js';

export interface Dbrp {
  db: string;
  rp: string;
}

export function parseDbrp(value: string): Dbrp {
  if (value.length === 0) throw new FlagValueError('dbrp cannot be empty');
  let db: string;
  let next: number;
  if (value[0] === '"') {
    [db, next] = readQuoted(value);
  } else {
    next = value.indexOf('.');
    if (next === -1) {
      throw new FlagValueError('does not contain a \'.\', it must be in the form "dbname"."rpname" where the quotes are optional.');
    }
    db = value.slice(0, next);
  }
  if (value[next] !== '.') throw new FlagValueError("dbrp must specify retention policy, do you have a missing or extra '.'?");
  const rest = value.slice(next + 1);
  const rp = rest[0] === '"' ? readQuoted(rest)[0] : rest;
  return { db, rp };
}

/** Reads from the opening quote to the next unescaped one: the unescaped text and the index after it. */
function readQuoted(text: string): [string, number] {
  const quote = text[0]!;
  let out = '';
  let i = 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\' && text[i + 1] === quote) {
      out += quote;
      i += 2;
    } else if (char === quote) {
      return [out, i + 1];
    } else {
      out += char;
      i++;
    }
  }
  return [out, i];
}
