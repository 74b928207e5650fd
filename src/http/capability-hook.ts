// Keeps admin-only capabilities (services/auth/capabilities.ts) away from other users on every
// route that defines scripts or topic handlers: tasks, templates, the pre-1.0 /task routes and
// /alerts/topics/:topic/handlers; and the store backup (it holds every secret). Runs after the body is read, before the route. Admins (and
// every request when authentication is off) pass untouched.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { adminHandlersInDefinition, adminHandlersInScript, ADMIN_HANDLER_KINDS } from '../services/auth/capabilities.js';
import { requestUser } from './auth-hook.js';
import { ApiError } from './errors.js';
import { rawBody } from './request-body.js';

export interface CapabilityLookups {
  taskScript(id: string): string | undefined;
  templateScript(id: string): string | undefined;
  handlerKind(topic: string, id: string): string | undefined;
}

const SCRIPT_ROUTES = /^\/kapacitor\/v1\/(tasks|templates)(?:\/([^/]+))?$/;
const LEGACY_TASK_ROUTES = new Set(['/task', '/api/v1/task']);
const HANDLER_ROUTES = /^\/kapacitor\/v1\/alerts\/topics\/([^/]+)\/handlers(?:\/([^/]+))?$/;

export function installCapabilityHook(app: FastifyInstance, lookups: CapabilityLookups): void {
  app.addHook('preHandler', async (request) => {
    const user = requestUser(request);
    if (user.admin) return;
    // The backup is the whole store: every secret set through the config API included.
    if (request.url.split('?')[0] === '/kapacitor/v1/storage/backup') {
      throw new ApiError(403, `user ${user.name} may not download the store backup: only admin users may`);
    }
    if (request.method !== 'POST' && request.method !== 'PATCH' && request.method !== 'PUT') return;
    const kinds = adminKinds(request, lookups);
    if (kinds.length > 0) {
      throw new ApiError(403, `user ${user.name} may not use the ${kinds.join(' and ')} handler${kinds.length > 1 ? 's' : ''}: only admin users may`);
    }
  });
}

function adminKinds(request: FastifyRequest, lookups: CapabilityLookups): string[] {
  const path = safeDecode((request.raw.url ?? '').split('?')[0]!);
  const body = bodyJSON(request);
  const scripted = SCRIPT_ROUTES.exec(path);
  if (scripted !== null || LEGACY_TASK_ROUTES.has(path)) {
    const scripts: string[] = [];
    if (LEGACY_TASK_ROUTES.has(path)) scripts.push(rawBody(request).toString('utf8'));
    const fields = (body ?? {}) as Record<string, unknown>;
    if (typeof fields.script === 'string') scripts.push(fields.script);
    if (typeof fields['template-id'] === 'string') scripts.push(lookups.templateScript(fields['template-id']) ?? '');
    const id = scripted?.[2];
    if (id !== undefined) scripts.push((scripted![1] === 'tasks' ? lookups.taskScript(id) : lookups.templateScript(id)) ?? '');
    return [...new Set(scripts.flatMap(adminHandlersInScript))].sort();
  }
  const handler = HANDLER_ROUTES.exec(path);
  if (handler !== null) {
    const kinds = new Set(adminHandlersInDefinition(body));
    if (handler[2] !== undefined) {
      const existing = lookups.handlerKind(handler[1]!, handler[2]);
      if (existing !== undefined && ADMIN_HANDLER_KINDS.has(existing)) kinds.add(existing);
    }
    return [...kinds].sort();
  }
  return [];
}

function bodyJSON(request: FastifyRequest): unknown {
  try {
    return JSON.parse(rawBody(request).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
