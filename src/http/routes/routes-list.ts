// GET /kapacitor/v1/:routes — every API path with its methods.

import type { FastifyInstance } from 'fastify';
import { sendJSON, type RouteTable } from '../server.js';

export function registerRoutesListing(app: FastifyInstance, routes: RouteTable): void {
  app.get('/kapacitor/v1/::routes', async (_request, reply) => {
    const sorted: RouteTable = {};
    for (const path of Object.keys(routes).sort()) sorted[path] = [...routes[path]!].sort();
    sendJSON(reply, 200, sorted);
  });
}
