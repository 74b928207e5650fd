// GET /kapacitor/v1/storage/backup: a consistent snapshot of the embedded database as one
// file (the `kapacitor backup` command). Restore by stopping the server and putting the file
// at the [storage] boltdb path.

import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

export interface BackupSource {
  /** Writes a consistent copy of the database to path. */
  backup(path: string): Promise<void>;
}

export function registerStorageRoutes(app: FastifyInstance, source: BackupSource | undefined): void {
  app.get('/kapacitor/v1/storage/backup', async (_request, reply) => {
    if (source === undefined) throw new ApiError(500, 'storage does not support backups');
    const path = join(tmpdir(), `kapacitor-backup-${randomUUID()}.db`);
    await source.backup(path);
    const { size } = await stat(path);
    const file = createReadStream(path);
    file.on('close', () => void rm(path, { force: true }));
    reply.header('Content-Type', 'application/octet-stream');
    reply.header('Content-Length', size);
    return reply.send(file);
  });
}
