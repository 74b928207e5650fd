// Splits an InfluxQL SELECT statement into its clauses (select+from, where, group by, fill,
// and the rest: order by, limit, offset, slimit, soffset, tz) without a full parser: one scan
// that skips quoted strings, identifiers, regex literals and parentheses. Enough for a batch
// query's rewrite (time bounds, dimensions, fill), as Kapacitor rewrites it.

export interface SelectClauses {
  /** `SELECT ... FROM ...` as written. */
  head: string;
  /** The WHERE condition without the keyword, '' when none. */
  where: string;
  /** The GROUP BY dimensions as written, '' when none. */
  groupBy: string;
  /** The argument of fill(...), '' when none. */
  fill: string;
  /** ORDER BY / LIMIT / OFFSET / SLIMIT / SOFFSET / tz(), as written. */
  tail: string;
  /** Measurement sources of the FROM clause: [db, rp, measurement] ('' when not given). */
  sources: Array<{ db: string; rp: string; measurement: string }>;
}

type ClauseName = 'where' | 'groupBy' | 'fill' | 'tail';

const CLAUSE_START: Array<{ re: RegExp; name: ClauseName }> = [
  { re: /^where\b/i, name: 'where' },
  { re: /^group\s+by\b/i, name: 'groupBy' },
  { re: /^fill\s*\(/i, name: 'fill' },
  { re: /^(order\s+by\b|limit\b|offset\b|slimit\b|soffset\b|tz\s*\()/i, name: 'tail' },
];

export function splitSelect(query: string): SelectClauses {
  const text = query.trim().replace(/;\s*$/, '');
  if (!/^select\b/i.test(text)) throw new Error(`query is not a select statement ${JSON.stringify(query)}`);
  const marks: Array<{ at: number; name: ClauseName; length: number }> = [];
  let depth = 0;
  let previousWord = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(text, i, c);
      previousWord = 'x';
      continue;
    }
    if (c === '/' && (previousWord === '=~' || previousWord === '!~' || previousWord === 'from' || previousWord === ',' || previousWord === '.')) {
      i = skipQuoted(text, i, '/');
      previousWord = 'x';
      continue;
    }
    if (c === '(') {
      depth++;
      previousWord = '(';
      continue;
    }
    if (c === ')') {
      depth--;
      previousWord = ')';
      continue;
    }
    if (c === '=' || c === '!') {
      if (text[i + 1] === '~') {
        previousWord = c + '~';
        i++;
        continue;
      }
    }
    if (c === ',') {
      previousWord = ',';
      continue;
    }
    if (/\s/.test(c)) continue;
    const atWordStart = i === 0 || !/[\w.]/.test(text[i - 1]!);
    if (depth === 0 && atWordStart) {
      const rest = text.slice(i);
      for (const { re, name } of CLAUSE_START) {
        const match = re.exec(rest);
        if (match && (name !== 'fill' || marks.length === 0 || marks[marks.length - 1]!.name !== 'fill')) {
          if (name === 'fill') marks.push({ at: i, name, length: match[0].length });
          else if (name === 'tail') marks.push({ at: i, name, length: 0 });
          else marks.push({ at: i, name, length: match[0].length });
          break;
        }
      }
    }
    const word = /^[\w.]+/.exec(text.slice(i));
    if (word) {
      previousWord = word[0].toLowerCase();
      i += word[0].length - 1;
    } else {
      previousWord = c;
    }
  }
  const clauses: SelectClauses = { head: '', where: '', groupBy: '', fill: '', tail: '', sources: [] };
  const firstTail = marks.findIndex((m) => m.name === 'tail');
  const used = firstTail >= 0 ? marks.slice(0, firstTail + 1) : marks;
  clauses.head = text.slice(0, used[0]?.at ?? text.length).trim();
  for (let m = 0; m < used.length; m++) {
    const mark = used[m]!;
    const end = mark.name === 'tail' ? text.length : (used[m + 1]?.at ?? text.length);
    const body = text.slice(mark.at + mark.length, end).trim();
    if (mark.name === 'fill') clauses.fill = body.replace(/\)\s*$/, '').trim();
    else clauses[mark.name] = body;
  }
  clauses.sources = parseSources(clauses.head);
  return clauses;
}

function skipQuoted(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return text.length;
}

/** The FROM clause's measurements: "db"."rp"."m", db.rp.m, db..m, m. */
function parseSources(head: string): Array<{ db: string; rp: string; measurement: string }> {
  const at = findFrom(head);
  if (at < 0) return [];
  const from = head.slice(at + 4).trim();
  const sources: Array<{ db: string; rp: string; measurement: string }> = [];
  for (const part of splitTopLevel(from, ',')) {
    const segments = splitTopLevel(part.trim(), '.').map(unquoteIdent);
    if (segments.length === 3) sources.push({ db: segments[0]!, rp: segments[1]!, measurement: segments[2]! });
    else if (segments.length === 2) sources.push({ db: '', rp: segments[0]!, measurement: segments[1]! });
    else sources.push({ db: '', rp: '', measurement: segments[0] ?? '' });
  }
  return sources;
}

function findFrom(head: string): number {
  let depth = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(head, i, c);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /^from\b/i.test(head.slice(i)) && (i === 0 || /\s/.test(head[i - 1]!))) return i;
  }
  return -1;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || (c === '/' && (i === 0 || text[i - 1] === '.' || /[\s,]/.test(text[i - 1]!)))) {
      i = skipQuoted(text, i, c);
      continue;
    }
    if (c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquoteIdent(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}
