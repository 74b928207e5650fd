// The `log` alert handler: appends each event's alert data JSON as one line to a file,
// created with the configured mode (default 0600). The file stays open between events.

import { open, type FileHandle } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { alertDataJSON, alertDataText, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { HandlerOptionError, numberOption, stringOption, type HandlerOptions } from '../../alert/handler-context.js';

/** Characters of event text turned into bytes at once. */
const CHUNK_CHARS = 64 * 1024;

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

  /**
   * Queued events go out in one write. Their text is turned into bytes a chunk at a time and
   * not kept on the events, so no event's text outlives its chunk.
   */
  async handleBatch(events: AlertEvent[]): Promise<void> {
    const chunks: Buffer[] = [];
    let text = '';
    for (const event of events) {
      text += alertDataText(event) + '\n';
      if (text.length >= CHUNK_CHARS) {
        chunks.push(Buffer.from(text));
        text = '';
      }
    }
    if (text !== '') chunks.push(Buffer.from(text));
    const file = await this.opened();
    if (chunks.length === 1) await file.write(chunks[0]!);
    else await file.writev(chunks);
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    if (file !== undefined) await (await file).close();
  }
}
