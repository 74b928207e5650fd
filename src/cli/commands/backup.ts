// `kapacitor backup <file>`: downloads a snapshot of the server's database
// (GET /kapacitor/v1/storage/backup) into a file, checking that every byte arrived.

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError, wrapError } from './errors.js';
import { fileErrorReason } from './files.js';
import type { RawResponse } from './http-client.js';
import { printUsage } from './usage.js';

const USAGE = `Usage: kapacitor backup <output file>

	Saves a snapshot of the server's database to a file.

	To restore it, stop the server and put the file in place of its database file.
`;

async function openFile(path: string): Promise<WriteStream> {
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
  } catch (error) {
    throw new CommandError(`failed to create backup file: open ${path}: ${fileErrorReason(error)}`);
  }
  return file;
}

/** Abandons the file; a write still in flight fails quietly. */
function discard(file: WriteStream): void {
  file.on('error', () => undefined);
  file.destroy();
}

async function save(file: WriteStream, response: RawResponse): Promise<number> {
  let written = 0;
  for await (const chunk of response.body) {
    written += chunk.length;
    if (!file.write(chunk)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
  return written;
}

export const backupCommand: Command = {
  name: 'backup',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], { client }: CommandContext) {
    if (args.length !== 1) throw new CommandError('must provide file path for backup.');
    const file = await openFile(args[0]!);
    let response: RawResponse;
    try {
      response = await client.raw('GET', '/kapacitor/v1/storage/backup');
    } catch (error) {
      discard(file);
      throw wrapError('failed to perform backup', error);
    }
    let written: number;
    try {
      written = await save(file, response);
    } catch (error) {
      discard(file);
      throw wrapError('failed to save backup', error);
    }
    const length = response.headers['content-length'];
    const size = typeof length === 'string' ? Number(length) : written;
    if (written !== size) {
      throw new CommandError(`failed to download entire backup, only wrote ${written} bytes out of a total ${size} bytes.`);
    }
  },
};
