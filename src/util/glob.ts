// Go's path.Match pattern semantics, compiled once into a matcher function: `*` and `?` never
// cross '/', `[a-z]` / `[^...]` classes, `\` escapes. A malformed pattern throws when compiled.

export class GlobPatternError extends Error {
  constructor(readonly pattern: string) {
    super('syntax error in pattern');
    this.name = 'GlobPatternError';
  }
}

interface CharClass {
  negated: boolean;
  ranges: Array<[number, number]>;
}

/** One code point to match: a literal, any non-'/' (`?`) or a class. */
type Atom = number | 'any' | CharClass;

/** A run of atoms, optionally preceded by one or more stars. */
interface Chunk {
  star: boolean;
  atoms: Atom[];
}

const SLASH = 0x2f;

/** Compiles a pattern; the matcher reports whether a whole name matches it. */
export function compileGlob(pattern: string): (name: string) => boolean {
  const chunks = parsePattern(pattern);
  if (chunks.every((chunk) => !chunk.star && chunk.atoms.every((atom) => typeof atom === 'number'))) {
    const literal = String.fromCodePoint(...chunks.flatMap((chunk) => chunk.atoms as number[]));
    return (name) => name === literal;
  }
  return (name) =>
    matchChunks(
      chunks,
      Array.from(name, (char) => char.codePointAt(0)!),
    );
}

/** Go's path.Match as a one-shot call; throws GlobPatternError for a malformed pattern. */
export function globMatch(pattern: string, name: string): boolean {
  return compileGlob(pattern)(name);
}

function parsePattern(pattern: string): Chunk[] {
  const points = Array.from(pattern, (char) => char.codePointAt(0)!);
  const chunks: Chunk[] = [];
  let index = 0;
  while (index < points.length || chunks.length === 0) {
    let star = false;
    while (points[index] === 0x2a) {
      star = true;
      index++;
    }
    const atoms: Atom[] = [];
    while (index < points.length && points[index] !== 0x2a) {
      const point = points[index]!;
      if (point === 0x3f) {
        atoms.push('any');
        index++;
      } else if (point === 0x5c) {
        if (index + 1 >= points.length) throw new GlobPatternError(pattern);
        atoms.push(points[index + 1]!);
        index += 2;
      } else if (point === 0x5b) {
        index = parseClass(pattern, points, index + 1, atoms);
      } else {
        atoms.push(point);
        index++;
      }
    }
    chunks.push({ star, atoms });
    if (index >= points.length) break;
  }
  return chunks;
}

/** Parses a class body starting after '['; returns the index after the closing ']'. */
function parseClass(pattern: string, points: number[], start: number, atoms: Atom[]): number {
  let index = start;
  const negated = points[index] === 0x5e;
  if (negated) index++;
  const ranges: Array<[number, number]> = [];
  const classChar = (): number => {
    const point = points[index];
    if (point === undefined || point === 0x2d || point === 0x5d) throw new GlobPatternError(pattern);
    if (point === 0x5c) {
      index++;
      if (points[index] === undefined) throw new GlobPatternError(pattern);
    }
    const escaped = points[index]!;
    index++;
    if (index >= points.length) throw new GlobPatternError(pattern);
    return escaped;
  };
  for (;;) {
    if (points[index] === 0x5d && ranges.length > 0) {
      atoms.push({ negated, ranges });
      return index + 1;
    }
    const low = classChar();
    let high = low;
    if (points[index] === 0x2d) {
      index++;
      high = classChar();
    }
    ranges.push([low, high]);
  }
}

function matchChunks(chunks: Chunk[], name: number[]): boolean {
  let position = 0;
  for (let chunkIndex = 0; chunkIndex < chunks.length; chunkIndex++) {
    const chunk = chunks[chunkIndex]!;
    const last = chunkIndex === chunks.length - 1;
    if (chunk.star && chunk.atoms.length === 0) {
      return !name.slice(position).includes(SLASH);
    }
    const end = matchAtoms(chunk.atoms, name, position);
    if (end !== -1 && (!last || end === name.length)) {
      position = end;
      continue;
    }
    if (!chunk.star) return false;
    let found = false;
    for (let start = position; start < name.length && name[start] !== SLASH; start++) {
      const next = matchAtoms(chunk.atoms, name, start + 1);
      if (next !== -1 && (!last || next === name.length)) {
        position = next;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return position === name.length;
}

/** Matches atoms at position; returns the index after them, or -1. */
function matchAtoms(atoms: Atom[], name: number[], position: number): number {
  let index = position;
  for (const atom of atoms) {
    const point = name[index];
    if (point === undefined) return -1;
    if (typeof atom === 'number') {
      if (point !== atom) return -1;
    } else if (atom === 'any') {
      if (point === SLASH) return -1;
    } else {
      const inClass = atom.ranges.some(([low, high]) => low <= point && point <= high);
      if (inClass === atom.negated) return -1;
    }
    index++;
  }
  return index;
}
