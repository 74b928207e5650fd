// The `log` alert handler: appends each event's alert data JSON as one line to a file,
// created with the configured mode (default 0600). The file stays open between events.

import { open, type FileHandle } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { alertDataJSON, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { HandlerOptionError, numberOption, stringOption, type HandlerOptions } from '../../alert/handler-context.js';

export class LogHandler implements AlertHandler {
  private file: Promise<FileHandle> | undefined;
  readonly path: string;
  readonly mode: number;

  constructor(options: HandlerOptions) {
    this.path = stringOption(options, 'path');
    if (this.path === '' || !isAbsolute(this.path)) throw new HandlerOptionError(`log path must be absolute: ${JSON.stringify(this.path)}`);
    this.mode = numberOption(options, 'mode', 0o600);
  }

  private async opened(): Promise<FileHandle> {
    this.file ??= open(this.path, 'a', this.mode);
    try {
      return await this.file;
    } catch (err) {
      this.file = undefined;
      throw err;
    }
  }

  async handle(event: AlertEvent): Promise<void> {
    await (await this.opened()).write(alertDataJSON(event) + '\n');
  }

  /** Queued events go out in one write. */
  async handleBatch(events: AlertEvent[]): Promise<void> {
    let text = '';
    for (const event of events) text += alertDataJSON(event) + '\n';
    await (await this.opened()).write(text);
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    if (file !== undefined) await (await file).close();
  }
}
