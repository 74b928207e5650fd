// Per-job log files (job-<id>.log) in the jobs log directory: every line is appended
// synchronously, so a job's log survives kill -9. Oldest files go with their jobs' history.

import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobLog } from '../../jobs/plugin.js';

const LOG_NAME = /^job-\d+\.log$/;

export class JobLogs {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  fileName(jobId: string): string {
    return `job-${jobId}.log`;
  }

  logger(jobId: string): JobLog {
    const path = join(this.dir, this.fileName(jobId));
    const write = (level: string, message: string) => {
      try {
        appendFileSync(path, `${formatLogTime(new Date())} ${level.padEnd(5)} [job-${jobId}] - ${message}\n`);
      } catch {
        // A full or removed log directory must never fail the job.
      }
    };
    return { info: (m) => write('INFO', m), warn: (m) => write('WARN', m), error: (m) => write('ERROR', m) };
  }

  /** Log file names, newest first; only those of jobId when given. */
  list(jobId?: string): string[] {
    if (!existsSync(this.dir)) return [];
    const names = readdirSync(this.dir).filter((name) => LOG_NAME.test(name) && (jobId === undefined || name === this.fileName(jobId)));
    return names
      .map((name) => ({ name, mtime: statSync(join(this.dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)
      .map((entry) => entry.name);
  }

  /** A log file's content, or undefined when there is no such file. */
  read(name: string): string | undefined {
    if (!LOG_NAME.test(name)) return undefined;
    const path = join(this.dir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  remove(jobId: string): void {
    rmSync(join(this.dir, this.fileName(jobId)), { force: true });
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatLogTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`;
}

/** SeaTunnel's createTime/finishTime text: local "yyyy-MM-dd HH:mm:ss". */
export function formatJobTime(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
