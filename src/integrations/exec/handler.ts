// The `exec` alert handler: runs a program with arguments for each event and writes the alert
// data JSON to its standard input; a non-zero exit is a handler error (logged, counted). Each
// program runs in its own process group, killed whole after [alert] exec-timeout and when the
// handler closes (task deleted or disabled), so no child outlives its task.

import { spawn, type ChildProcess } from 'node:child_process';
import { alertDataJSON, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { HandlerOptionError, stringListOption, stringOption, type HandlerOptions } from '../../alert/handler-context.js';

export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;

export class ExecHandler implements AlertHandler {
  readonly prog: string;
  readonly args: string[];
  private readonly running = new Set<ChildProcess>();
  private closed = false;

  constructor(
    options: HandlerOptions,
    private readonly timeoutMs = DEFAULT_EXEC_TIMEOUT_MS,
  ) {
    this.prog = stringOption(options, 'prog');
    if (this.prog === '') throw new HandlerOptionError('exec: prog must be provided');
    this.args = stringListOption(options, 'args');
  }

  handle(event: AlertEvent): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const child = spawn(this.prog, this.args, { stdio: ['pipe', 'ignore', 'pipe'], detached: true });
      this.running.add(child);
      let timedOut = false;
      const timer =
        this.timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              killGroup(child);
            }, this.timeoutMs)
          : undefined;
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 4096) stderr += chunk;
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        this.running.delete(child);
        reject(error);
      });
      child.stdin.once('error', () => undefined);
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        this.running.delete(child);
        if (code === 0) resolve();
        else if (timedOut) reject(new Error(`exec ${this.prog}: killed after ${this.timeoutMs / 1000}s timeout`));
        else reject(new Error(`exec ${this.prog}: ${code === null ? `signal: ${signal}` : `exit status ${code}`}${stderr === '' ? '' : ': ' + stderr.trim()}`));
      });
      child.stdin.end(alertDataJSON(event) + '\n');
    });
  }

  /** Kills every running program's process group; later events run nothing. */
  close(): void {
    this.closed = true;
    for (const child of this.running) killGroup(child);
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
