// Puts the authentication check in front of every route of a Fastify instance, including
// routes registered after it and the not-found handler, so no route can forget it. The
// authenticated user is kept on the request (requestUser) for routes that need more than the
// path-based check (admin-only operations). Never decides anything itself: see
// services/auth/request-check.ts.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../services/auth/auth-service.js';
import { ADMIN_USER, type AuthUser } from '../services/auth/privileges.js';
import { checkRequest } from '../services/auth/request-check.js';
import { ApiError } from './errors.js';
import { sendError } from './server.js';

const USER = Symbol('authUser');

export function installAuthHook(app: FastifyInstance, auth: () => AuthService | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const result = await checkRequest(auth(), {
      method: request.method,
      path: requestPath(request),
      authorization: request.headers.authorization,
      query: { u: firstString(query.u), p: firstString(query.p), db: firstString(query.db), rp: firstString(query.rp) },
    });
    if (result.ok) {
      (request as unknown as Record<symbol, AuthUser>)[USER] = result.user;
      return;
    }
    sendError(reply, new ApiError(result.status, result.error));
    return reply;
  });
}

/** The user a request was authenticated as (every-privilege admin when auth is off). */
export function requestUser(request: FastifyRequest): AuthUser {
  return (request as unknown as Record<symbol, AuthUser | undefined>)[USER] ?? ADMIN_USER;
}

function requestPath(request: FastifyRequest): string {
  const raw = request.raw.url ?? '/';
  const question = raw.indexOf('?');
  const path = question === -1 ? raw : raw.slice(0, question);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
