// /kapacitor/v1/users: list, get, create (POST), update (PATCH) and delete users, answered as
// Kapacitor answers them. Changing users takes an admin: a user allowed the API must not be
// able to make itself an admin.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../../services/auth/auth-service.js';
import { permissionsFromPrivileges, Privilege } from '../../services/auth/privileges.js';
import { forbidden } from '../../services/auth/request-check.js';
import type { StoredUser } from '../../services/auth/user-store.js';
import { requestUser } from '../auth-hook.js';
import { ApiError, apiErrors } from '../errors.js';
import { jsonBody, queryValue, queryValues } from '../request-body.js';
import { sendJSON } from '../server.js';
import { globMatch } from '../../util/glob.js';

type NameParams = { Params: { name: string } };
const FIELDS = ['link', 'name', 'type', 'permissions'] as const;

export function registerUserRoutes(app: FastifyInstance, auth: AuthService): void {
  app.get('/kapacitor/v1/users', async (request, reply) => {
    const pattern = queryValue(request, 'pattern');
    const requested = queryValues(request, 'fields');
    const fields = requested.length === 0 ? [...FIELDS] : [...requested, 'name', 'link'];
    for (const field of fields) if (!(FIELDS as readonly string[]).includes(field)) throw apiErrors.unsupportedField(field);
    const offset = integer(request, 'offset', 0);
    const limit = integer(request, 'limit', 100);
    const users = auth
      .list()
      .filter((user) => pattern === '' || globMatch(pattern, user.name))
      .slice(offset, offset + limit);
    sendJSON(reply, 200, {
      users: users.map((user) => {
        const view = userView(user) as Record<string, unknown>;
        return Object.fromEntries(fields.map((field) => [field, view[field]]));
      }),
    });
  });

  app.get<NameParams>('/kapacitor/v1/users/:name', async (request, reply) => {
    sendJSON(reply, 200, userView(auth.get(request.params.name)));
  });

  app.post('/kapacitor/v1/users', async (request, reply) => {
    requireAdmin(request);
    const user = await auth.createUser(jsonBody(request));
    sendJSON(reply, 200, userView(user));
  });

  app.patch<NameParams>('/kapacitor/v1/users/:name', async (request, reply) => {
    requireAdmin(request);
    const user = await auth.updateUser(request.params.name, jsonBody(request));
    sendJSON(reply, 200, userView(user));
  });

  app.delete<NameParams>('/kapacitor/v1/users/:name', async (request, reply) => {
    requireAdmin(request);
    await auth.deleteUser(request.params.name);
    reply.code(204).send();
  });
}

function userView(user: StoredUser) {
  return {
    link: { rel: 'self', href: `/kapacitor/v1/users/${user.name}` },
    name: user.name,
    type: user.admin ? 'admin' : 'normal',
    permissions: user.admin ? [] : permissionsFromPrivileges(user.privileges),
  };
}

function requireAdmin(request: FastifyRequest): void {
  const user = requestUser(request);
  if (user.admin) return;
  const path = (request.raw.url ?? '').split('?')[0]!;
  const refusal = forbidden(user, request.method === 'DELETE' ? Privilege.delete : Privilege.write, path);
  if (!refusal.ok) throw new ApiError(refusal.status, refusal.error);
}

function integer(request: FastifyRequest, name: string, fallback: number): number {
  const text = queryValue(request, name);
  if (text === '') return fallback;
  if (!/^[-+]?\d+$/.test(text)) throw apiErrors.invalidInteger(name, text);
  return Math.max(0, Number(text));
}
