// Reading the files commands are given (TICKscripts, vars, task and handler specs) with Go's
// error wording (`open x.tick: no such file or directory`), and decoding YAML or JSON specs.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createRequire } from 'node:module';
import { CommandError, wrapError } from './errors.js';

/** Loaded on first use, so commands without a spec file never load the YAML parser. */
let yaml: typeof import('yaml') | undefined;
function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

/** The system's reason for a failed file operation, as Go words it. */
export function fileErrorReason(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  return REASONS[code] ?? (error as Error).message;
}

/** Reads a text file; fails with `open PATH: reason`. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const verb = (error as { code?: string }).code === 'EISDIR' ? 'read' : 'open';
    throw new CommandError(`${verb} ${path}: ${fileErrorReason(error)}`);
  }
}

/**
 * Decodes a spec file by its extension: .yaml/.yml or .json. `what` names it in errors
 * ("task vars", "handler"); other extensions give undefined so callers can word their refusal.
 */
export function decodeSpecFile(path: string, text: string, what: string): unknown {
  switch (extname(path)) {
    case '.yaml':
    case '.yml':
      try {
        return parseYaml(text);
      } catch (error) {
        throw wrapError(`failed to unmarshal yaml ${what} file ${JSON.stringify(path)}`, error);
      }
    case '.json':
      try {
        return JSON.parse(text);
      } catch (error) {
        throw wrapError(`failed to unmarshal json ${what} file ${JSON.stringify(path)}`, error);
      }
    default:
      return undefined;
  }
}
