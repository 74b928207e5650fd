// collectd's types.db: each line "type ds-name:KIND:min:max[, ...]" names the values a type
// carries, in order ('#' starts a comment). Reads one file or every file of a directory.
// Throws an Error naming the file when it cannot be read; malformed lines are skipped.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Data-source names by type name. */
export type TypesDB = Map<string, string[]>;

export function parseTypesDB(text: string, into: TypesDB = new Map()): TypesDB {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const match = /^(\S+)\s+(.+)$/.exec(line);
    if (match === null) continue;
    const names: string[] = [];
    for (const source of match[2]!.split(',')) {
      const parts = source.trim().split(':');
      if (parts.length !== 4 || parts[0] === '') {
        names.length = 0;
        break;
      }
      names.push(parts[0]!);
    }
    if (names.length > 0) into.set(match[1]!, names);
  }
  return into;
}

export function loadTypesDB(path: string): TypesDB {
  const types: TypesDB = new Map();
  try {
    const files = statSync(path).isDirectory()
      ? readdirSync(path)
          .sort()
          .map((name) => join(path, name))
      : [path];
    for (const file of files) parseTypesDB(readFileSync(file, 'utf8'), types);
  } catch (error) {
    throw new Error(`[collectd] typesdb: ${(error as Error).message}`, { cause: error });
  }
  return types;
}
