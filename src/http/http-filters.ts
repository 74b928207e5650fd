// Kapacitor's response filters: CORS headers for requests with an Origin, OPTIONS answered
// for every path, and gzip-compressed bodies for clients sending Accept-Encoding: gzip.
// Streamed bodies (logs, backups) and empty ones pass untouched.

import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const ALLOW_METHODS = 'DELETE, GET, OPTIONS, POST, PATCH';
const ALLOW_HEADERS = 'Accept, Accept-Encoding, Authorization, Content-Length, Content-Type, X-CSRF-Token, X-HTTP-Method-Override';

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== '') {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      reply.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
    }
    // Kapacitor answers OPTIONS on any path, before routing, with an empty 200.
    if (request.method === 'OPTIONS') return reply.code(200).send('');
    return undefined;
  });
}

export function registerGzip(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (payload.length === 0) return payload;
    const accepted = request.headers['accept-encoding'];
    if (typeof accepted !== 'string' || !accepted.includes('gzip')) return payload;
    if (reply.getHeader('Content-Encoding') !== undefined) return payload;
    reply.header('Content-Encoding', 'gzip');
    reply.removeHeader('Content-Length');
    return gzipSync(payload);
  });
}
