// The HTTP front door: a Fastify instance with Kapacitor's conventions — X-Kapacitor-Version
// and Request-Id on every response, JSON errors {"error": ...}, 404 "Not Found", bodies read
// raw (each route decodes its own), and a table of routes for /kapacitor/v1/:routes.

import type { SecureVersion } from 'node:tls';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerCors, registerGzip } from './http-filters.js';
import { ServiceError } from '../errors/service-error.js';
import { ApiError, apiErrors } from './errors.js';
import { stringifyJSON } from './json.js';
import { idTooLong } from '../util/id-limit.js';
import { BodyPool, lendBody } from './body-pool.js';
import { readBody } from './body-reader.js';

/** Certificate, key and the [tls] limits of the HTTPS API. */
export interface HttpsOptions {
  cert: Buffer;
  key: Buffer;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
}

export { KAPACITOR_VERSION } from '../models/version.js';
import { KAPACITOR_VERSION } from '../models/version.js';
import { lazySchemaCompilers } from './schema-compilers.js';

export interface HttpServerOptions {
  /** Largest request body accepted, bytes (Kapacitor's [http] max-body-size). 0 = no limit. */
  maxBodySize: number;
  logEnabled: boolean;
  logger: Logger;
  https?: HttpsOptions;
  /** [http] request-timeout, header-timeout and idle-timeout, ms (Node's defaults when absent). */
  timeouts?: { requestMs: number; headerMs: number; idleMs: number };
  /** Gzip responses for clients that accept it (Kapacitor does); on unless false. */
  gzip?: boolean;
  /**
   * What a GET waits for first, when it gives a promise: the engine workers catching up with
   * the points written so far, so that a read after a write sees them.
   */
  beforeRead?: () => Promise<void> | undefined;
}

const PREVIEW_PREFIX = '/kapacitor/v1preview/';
const BASE_PREFIX = '/kapacitor/v1/';

/** Path → methods, as GET /kapacitor/v1/:routes lists them. */
export type RouteTable = Record<string, string[]>;

export function createHttpServer(options: HttpServerOptions): { app: FastifyInstance; routes: RouteTable } {
  const routes: RouteTable = {};
  const app = Fastify({
    logger: false,
    schemaController: lazySchemaCompilers,
    bodyLimit: options.maxBodySize > 0 ? options.maxBodySize : Number.MAX_SAFE_INTEGER,
    return503OnClosing: false,
    ...(options.timeouts ? { requestTimeout: options.timeouts.requestMs, keepAliveTimeout: options.timeouts.idleMs } : {}),
    // Long path ids reach the id-cap hook below (a clear 400) instead of Fastify's 414.
    routerOptions: { maxParamLength: 8192 },
    ...(options.https ? { https: options.https } : {}),
    // Kapacitor serves every /kapacitor/v1 route under /kapacitor/v1preview as well.
    rewriteUrl: (request) => {
      const url = request.url ?? '/';
      return url.startsWith(PREVIEW_PREFIX) ? BASE_PREFIX + url.slice(PREVIEW_PREFIX.length) : url;
    },
  }) as unknown as FastifyInstance;
  if (options.gzip !== false) registerGzip(app);

  app.addHook('onRoute', (route) => {
    const path = route.url.replaceAll('::', ':');
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const known = (routes[path] ??= []);
    for (const method of methods) if (method !== 'HEAD' && !known.includes(method)) known.push(method);
  });

  if (options.timeouts) app.server.headersTimeout = options.timeouts.headerMs;

  app.removeAllContentTypeParsers();
  // Bodies are read raw and, when gzipped, inflated here under the max-body-size bound;
  // routes see decoded bytes (request-body.ts).
  // Routes that give their body back when done (config.pooledBody: the writes) read it into a
  // reused buffer (body-pool.ts).
  const bodyPool = new BodyPool();
  app.addContentTypeParser('*', (request, payload, done) => {
    const pool = (request.routeOptions.config as { pooledBody?: boolean } | undefined)?.pooledBody === true ? bodyPool : undefined;
    readBody(
      payload,
      options.maxBodySize,
      (error, body, pooled) => {
        if (pooled === true) lendBody(request, bodyPool);
        done(error, body);
      },
      pool,
    );
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Kapacitor-Version', KAPACITOR_VERSION);
    reply.header('Request-Id', randomUUID());
    (request as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
    // InfluxDB's subscription writes send an empty Content-Type, which Fastify would refuse (415).
    if (request.headers['content-type'] === '') delete request.headers['content-type'];
  });
  registerCors(app);

  // Ids in the path are capped before any route (or store) sees them.
  app.addHook('preHandler', async (request) => {
    const params = request.params as Record<string, string> | undefined;
    if (params === undefined || params === null) return;
    for (const value of Object.values(params)) {
      const problem = typeof value === 'string' ? idTooLong('ID', value) : undefined;
      if (problem !== undefined) throw new ApiError(400, problem);
    }
  });

  const beforeRead = options.beforeRead;
  if (beforeRead !== undefined) {
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const pending = beforeRead();
      if (pending !== undefined) await pending;
    });
  }

  if (options.logEnabled) {
    const accessLog = options.logger.child({ service: 'http' });
    app.addHook('onResponse', async (request, reply) => {
      const startedAt = (request as { startedAt?: bigint }).startedAt ?? process.hrtime.bigint();
      accessLog.info(
        {
          host: request.ip,
          method: request.method,
          uri: request.url,
          protocol: `HTTP/${request.raw.httpVersion}`,
          status: reply.statusCode,
          referer: request.headers.referer ?? '-',
          'user-agent': request.headers['user-agent'] ?? '-',
          'request-id': reply.getHeader('Request-Id'),
          duration: `${Number(process.hrtime.bigint() - startedAt) / 1e6}ms`,
        },
        'http request',
      );
    });
  }

  app.setNotFoundHandler((_request, reply) => {
    sendError(reply, apiErrors.notFound());
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof ApiError) {
      sendError(reply, error);
    } else if (error instanceof ServiceError) {
      sendError(reply, new ApiError(error.status, error.message));
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      sendError(reply, apiErrors.bodyTooLarge(options.maxBodySize));
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      sendError(reply, new ApiError(error.statusCode, error.message));
    } else {
      options.logger.error({ err: error }, 'unhandled error in HTTP handler');
      sendError(reply, new ApiError(500, error.message || 'internal error'));
    }
  });

  return { app, routes };
}

interface ReplyLike {
  code(status: number): ReplyLike;
  type(contentType: string): ReplyLike;
  send(body: string): unknown;
}

export function sendError(reply: ReplyLike, error: ApiError): void {
  if (error.plainText) {
    reply
      .code(error.status)
      .type('text/plain; charset=utf-8')
      .send(error.message + '\n');
  } else {
    reply
      .code(error.status)
      .type('application/json; charset=utf-8')
      .send(stringifyJSON({ error: error.message }));
  }
}

/** Sends a JSON body (bigint-safe). */
export function sendJSON(reply: ReplyLike, status: number, body: unknown): void {
  reply.code(status).type('application/json; charset=utf-8').send(stringifyJSON(body));
}
