// GET/HEAD /kapacitor/v1/ping: 204 with no body, the liveness probe clients use.

import type { FastifyInstance } from 'fastify';

export function registerPingRoutes(app: FastifyInstance): void {
  const ping = async (_request: unknown, reply: { code(status: number): { send(): unknown } }) => reply.code(204).send();
  app.get('/kapacitor/v1/ping', ping);
  app.get('/kapacitor/v1preview/ping', ping);
}
