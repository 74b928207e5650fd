// GET /kapacitor/v1/logs (and /kapacitor/v1preview/logs): the server's log records as they happen, one JSON object a
// line, filtered by the query parameters (e.g. ?task=cpu_alert keeps the records whose `task`
// field is "cpu_alert"). The response stays open until the client goes away.
// Logging never waits for a client: what the socket does not take yet is buffered per client,
// up to a bound; a client that reads too slowly for that is disconnected and counted
// (`logs` statistics in /kapacitor/v1/debug/vars: clients, dropped_clients).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LogTap } from '../../logging/log-tap.js';

/** Bytes of log lines a client may have waiting before it is dropped. */
export const DEFAULT_CLIENT_BUFFER_BYTES = 1024 * 1024;

export interface LogStreamStatistics {
  /** Kapacitor-style statistics entry: {"logs:": {name, tags, values}}. */
  statistics(): Record<string, unknown>;
}

export function registerLogsRoutes(app: FastifyInstance, tap: LogTap, clientBufferBytes = DEFAULT_CLIENT_BUFFER_BYTES): LogStreamStatistics {
  const open = new Set<() => void>();
  let dropped = 0;
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
    let closed = false;
    const unsubscribe = tap.subscribe(filter, (_record, line) => {
      if (closed) return;
      // writableLength: what the socket has not taken yet (it reads too slowly when this grows).
      if (response.writableLength + line.length + 1 > clientBufferBytes) {
        dropped++;
        closed = true;
        unsubscribe();
        open.delete(end);
        const buffered = response.writableLength;
        response.destroy();
        // Logged outside the tap's delivery, which is what called this.
        setImmediate(() => request.log.warn({ buffered }, 'log stream client too slow: disconnected'));
        return;
      }
      response.write(`${line}\n`);
    });
    const end = () => {
      closed = true;
      open.delete(end);
      unsubscribe();
      if (!response.writableEnded) response.end();
    };
    open.add(end);
    request.raw.on('close', end);
    response.on('close', end);
  });
  return {
    statistics: () => ({ 'logs:': { name: 'logs', tags: {}, values: { clients: open.size, dropped_clients: dropped } } }),
  };
}

/** Every query parameter is one field filter; repeated ones keep the first value. */
function logFilter(request: FastifyRequest): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query as Record<string, string | string[]>)) {
    filter[name] = Array.isArray(value) ? (value[0] ?? '') : value;
  }
  return filter;
}
