// The job API's own listener (SeaTunnel's `seatunnel.engine.http`): a separate Fastify
// instance on [jobs] bind-address, never reachable from the Kapacitor port. Errors answer
// SeaTunnel's {"status": "fail", "message": ...}. Access control is one onRequest hook away:
// `app.addHook('onRequest', check)` before the routes are registered covers every route.

import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { JobDefineError, JobRuntimeError } from '../../jobs/errors.js';
import { RequestError } from './body.js';
import { lazySchemaCompilers } from '../schema-compilers.js';

export interface JobsListenerOptions {
  logger: Logger;
  maxBodySize: number;
}

export function createJobsHttpServer(options: JobsListenerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    schemaController: lazySchemaCompilers,
    bodyLimit: options.maxBodySize > 0 ? options.maxBodySize : Number.MAX_SAFE_INTEGER,
    return503OnClosing: false,
  }) as unknown as FastifyInstance;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/json')
      .send(JSON.stringify({ status: 'fail', message: `${request.url} Not Found` }));
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    let status = 500;
    if (error instanceof RequestError || error instanceof JobDefineError) status = 400;
    else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) status = error.statusCode;
    else if (!(error instanceof JobRuntimeError)) options.logger.error({ err: error }, 'unhandled error in job API handler');
    void reply
      .code(status)
      .type('application/json;charset=UTF-8')
      .send(JSON.stringify({ status: 'fail', message: error.message }));
  });
  return app;
}

/**
 * Listens on host:port; when the port is taken and dynamic ports are enabled, on the next
 * free one up to port + portRange. Resolves with the bound port.
 */
export async function listenJobs(app: FastifyInstance, host: string, port: number, dynamic: boolean, portRange: number): Promise<number> {
  const last = dynamic && port !== 0 ? port + portRange : port;
  for (let candidate = port; ; candidate++) {
    try {
      await app.listen({ host, port: candidate });
      const address = app.server.address();
      return typeof address === 'object' && address !== null ? address.port : candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || candidate >= last) throw error;
    }
  }
}
