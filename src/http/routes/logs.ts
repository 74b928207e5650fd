// GET /kapacitor/v1/logs (and /kapacitor/v1preview/logs): the server's log records as they happen, one JSON object a
// line, filtered by the query parameters (e.g. ?task=cpu_alert keeps the records whose `task`
// field is "cpu_alert"). The response stays open until the client goes away.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LogTap } from '../../logging/log-tap.js';

export function registerLogsRoutes(app: FastifyInstance, tap: LogTap): void {
  const open = new Set<() => void>();
  // Streams never end by themselves: end them so a graceful shutdown does not wait on them.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.get('/kapacitor/v1/logs', async (request, reply) => {
    const filter = logFilter(request);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'X-Kapacitor-Version': String(reply.getHeader('X-Kapacitor-Version') ?? ''),
      'Request-Id': String(reply.getHeader('Request-Id') ?? ''),
    });
    response.flushHeaders();
    const unsubscribe = tap.subscribe(filter, (_record, line) => {
      response.write(`${line}\n`);
    });
    const end = () => {
      open.delete(end);
      unsubscribe();
      if (!response.writableEnded) response.end();
    };
    open.add(end);
    request.raw.on('close', end);
    response.on('close', end);
  });
}

/** Every query parameter is one field filter; repeated ones keep the first value. */
function logFilter(request: FastifyRequest): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query as Record<string, string | string[]>)) {
    filter[name] = Array.isArray(value) ? value[0] ?? '' : value;
  }
  return filter;
}
