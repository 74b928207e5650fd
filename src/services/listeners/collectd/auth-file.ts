// collectd's auth file: one "user: password" a line (both trimmed; lines without a colon and
// users starting with '#' are skipped). Read again whenever its modification time changes, as
// collectd and InfluxDB do, so users can be added without a restart.
// load() throws an Error naming the file; passwords() never throws (undefined: unreadable).

import { readFileSync, statSync } from 'node:fs';
import type { Passwords } from './packet-crypto.js';

export function parseAuthFile(text: string): Map<string, string> {
  const passwords = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[ \r\n\t\v]+|[ \r\n\t\v]+$/g, '');
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const user = line.slice(0, colon).trim();
    if (user.startsWith('#')) continue;
    passwords.set(user, line.slice(colon + 1).trim());
  }
  return passwords;
}

export class AuthFile {
  private modified = -1;
  private table: Passwords | undefined;

  constructor(readonly path: string) {}

  /** Reads the file now; throws when it cannot be read. */
  load(): Passwords {
    try {
      return this.refresh();
    } catch (error) {
      throw new Error(`[collectd] auth-file ${JSON.stringify(this.path)}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The current table, read again if the file changed; undefined when it cannot be read. */
  passwords(): Passwords | undefined {
    try {
      return this.refresh();
    } catch {
      this.modified = -1;
      this.table = undefined;
      return undefined;
    }
  }

  private refresh(): Passwords {
    if (this.path === '') throw new Error('no auth file configured');
    const modified = statSync(this.path).mtimeMs;
    if (this.table === undefined || modified !== this.modified) {
      this.table = parseAuthFile(readFileSync(this.path, 'utf8'));
      this.modified = modified;
    }
    return this.table;
  }
}
