// POST /kapacitor/v1/loglevel {"level": "debug"}: changes the server's log level while it
// runs (the `kapacitor level` command). Names as Kapacitor takes them, any case.

import type { FastifyInstance } from 'fastify';
import type { LevelControl } from '../../logging/logger.js';
import { ApiError } from '../errors.js';
import { jsonBody } from '../request-body.js';

export function registerLogLevelRoutes(app: FastifyInstance, levels: LevelControl): void {
  app.post('/kapacitor/v1/loglevel', async (request, reply) => {
    const { level } = jsonBody(request);
    if (typeof level !== 'string') throw new ApiError(400, 'invalid log level: expected {"level": "<debug|info|warn|error|off>"}');
    try {
      levels.set(level);
    } catch (error) {
      throw new ApiError(400, (error as Error).message);
    }
    reply.code(204).send();
  });
}
