// Where a line of line protocol ends, as InfluxDB 1.x's scanner decides it: a newline ends the
// line unless it sits inside a quoted string field or follows a backslash. Once past the first
// unescaped space (the fields), an unescaped `"` opens or closes a string when more `=` than
// `,` were seen outside quotes. Used to cut large bodies into slices that never split a line.
// Never parses or validates: a malformed line still ends where InfluxDB would end it.

const NEWLINE = 10;
const SPACE = 32;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const QUOTE = 34;

/** Index of the newline ending the line that starts at `start` in bytes, or bytes.length. */
export function lineEnd(bytes: Uint8Array, start: number): number {
  const length = bytes.length;
  let quoted = false;
  let fields = false;
  let equals = 0;
  let commas = 0;
  let i = start;
  while (i < length) {
    const c = bytes[i]!;
    if (c === BACKSLASH && i + 2 < length) {
      i += 2;
      continue;
    }
    if (c === SPACE) fields = true;
    if (fields) {
      if (!quoted && c === EQUALS) {
        equals++;
        i++;
        continue;
      }
      if (!quoted && c === COMMA) {
        commas++;
        i++;
        continue;
      }
      if (c === QUOTE && equals > commas) {
        quoted = !quoted;
        i++;
        continue;
      }
    }
    if (c === NEWLINE && !quoted) return i;
    i++;
  }
  return length;
}

/** The same scan over decoded text (the structural characters are all ASCII). */
export function textLineEnd(text: string, start: number): number {
  const length = text.length;
  let quoted = false;
  let fields = false;
  let equals = 0;
  let commas = 0;
  let i = start;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH && i + 2 < length) {
      i += 2;
      continue;
    }
    if (c === SPACE) fields = true;
    if (fields) {
      if (!quoted && c === EQUALS) {
        equals++;
        i++;
        continue;
      }
      if (!quoted && c === COMMA) {
        commas++;
        i++;
        continue;
      }
      if (c === QUOTE && equals > commas) {
        quoted = !quoted;
        i++;
        continue;
      }
    }
    if (c === NEWLINE && !quoted) return i;
    i++;
  }
  return length;
}

/**
 * The end of a slice that starts at a line start and holds at least `size` bytes: just past
 * the first line end at or after start + size, or bytes.length. Lines without quotes (the
 * usual case) are crossed with memchr-speed searches; only lines holding a `"` or a newline
 * right after a backslash are scanned byte by byte.
 */
export function sliceEnd(bytes: Buffer, start: number, size: number): number {
  const length = bytes.length;
  if (length - start <= size) return length;
  const target = start + size;
  let quote = bytes.indexOf(QUOTE, start);
  // Fast path: no quote before the first newline past the target, which no backslash escapes.
  const candidate = bytes.indexOf(NEWLINE, target);
  if (candidate === -1) return length;
  if ((quote === -1 || quote > candidate) && bytes[candidate - 1] !== BACKSLASH) return candidate + 1;
  let i = start;
  while (i < length) {
    const newline = bytes.indexOf(NEWLINE, i);
    if (newline === -1) return length;
    if (quote !== -1 && quote < i) quote = bytes.indexOf(QUOTE, i);
    const end = (quote === -1 || quote > newline) && bytes[newline - 1] !== BACKSLASH ? newline : lineEnd(bytes, i);
    if (end >= length) return length;
    i = end + 1;
    if (i >= target) return i;
  }
  return length;
}
