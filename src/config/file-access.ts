// Which files the server may be told to read through the API: with [http] auth-enabled, a file
// path set through the config API (template files, TLS files), a task definition (sideload
// file:// sources) or a job (LocalFile sources) must lie inside one of [auth] allowed-file-dirs.
// Paths from the configuration file (and the [load] directory) stay unrestricted, as in
// Kapacitor. Decides only; never reads the files themselves.

import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Config } from './sections.js';

/** Options (TOML names) whose value is a path of a file the server reads. */
export const FILE_PATH_OPTIONS: ReadonlySet<string> = new Set([
  'alert-template-file',
  'row-template-file',
  'ssl-ca',
  'ssl-cert',
  'ssl-key',
  'https-certificate',
  'https-private-key',
  'certificate',
  'typesdb',
  // [[file-discovery]] files: a list of paths.
  'files',
]);

/** Why `path` (named `what` in the text) may not be read, or undefined when it may. */
export type FileAccessCheck = (what: string, path: string) => string | undefined;

export function fileAccessCheck(config: () => Partial<Config>): FileAccessCheck {
  return (what, path) => {
    const running = config();
    if (running.http?.authEnabled !== true) return undefined;
    const dirs = (running.auth?.allowedFileDirs ?? []).filter((dir) => dir !== '');
    if (dirs.length > 0 && dirs.some((dir) => inside(real(resolve(dir)), real(resolve(path))))) return undefined;
    return (
      `${what} ${JSON.stringify(path)} is not allowed: with authentication on, a file the server reads must be inside ` +
      (dirs.length === 0 ? 'a directory of [auth] allowed-file-dirs, and none is configured' : `one of [auth] allowed-file-dirs (${dirs.join(', ')})`)
    );
  };
}

/** The path with symbolic links resolved, as far as it exists. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : resolve(real(parent), relative(parent, path));
  }
}

/** The dir itself or a path under it. */
function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}
