// One server per data directory: a lock file (kapacitor.lock, holding the owner's pid) taken
// at start and removed at close. A lock left by a dead process (kill -9) is taken over; one
// held by a live process refuses the start with a one-line error.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dataDir} is in use by another kapacitord (pid ${pid}); stop it or choose another data_dir`);
    this.name = 'DataDirLockedError';
  }
}

export class DataDirLock {
  private constructor(readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'kapacitor.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number.parseInt(readLock(path), 10);
        if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
        rmSync(path, { force: true });
      }
    }
    throw new DataDirLockedError(dataDir, Number.parseInt(readLock(path), 10) || 0);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}

function readLock(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
