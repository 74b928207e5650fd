// The `exec` alert handler: runs a program with arguments for each event and writes the alert
// data JSON to its standard input; a non-zero exit is a handler error (logged, counted).

import { spawn } from 'node:child_process';
import { alertDataJSON, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { HandlerOptionError, stringListOption, stringOption, type HandlerOptions } from '../../alert/handler-context.js';

export class ExecHandler implements AlertHandler {
  readonly prog: string;
  readonly args: string[];

  constructor(options: HandlerOptions) {
    this.prog = stringOption(options, 'prog');
    if (this.prog === '') throw new HandlerOptionError('exec: prog must be provided');
    this.args = stringListOption(options, 'args');
  }

  handle(event: AlertEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.prog, this.args, { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 4096) stderr += chunk;
      });
      child.once('error', reject);
      child.stdin.once('error', () => undefined);
      child.once('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`exec ${this.prog}: exit status ${code}${stderr === '' ? '' : ': ' + stderr.trim()}`));
      });
      child.stdin.end(alertDataJSON(event) + '\n');
    });
  }
}
