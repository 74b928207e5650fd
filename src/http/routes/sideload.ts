// POST /kapacitor/v1/sideload/reload: every sideload node reads its source files again.

import type { FastifyInstance } from 'fastify';

export function registerSideloadRoutes(app: FastifyInstance, sources: { reload(): void }): void {
  app.post('/kapacitor/v1/sideload/reload', async (_request, reply) => {
    sources.reload();
    return reply.code(204).send();
  });
}
