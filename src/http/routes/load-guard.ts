// Keeps items from the [load] directory read-only through the API: PATCH, PUT and DELETE of a
// loaded task, template or topic handler answer 403 naming the file-based origin. Reads pass.

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { sendError } from '../server.js';

export interface LoadedItems {
  isLoaded(kind: 'tasks' | 'templates' | 'handlers', id: string): boolean;
}

const TASK = /^\/kapacitor\/v1(?:preview)?\/(tasks|templates)\/([^/?]+)(?:\?|$)/;
const HANDLER = /^\/kapacitor\/v1(?:preview)?\/alerts\/topics\/([^/?]+)\/handlers\/([^/?]+)(?:\?|$)/;
const WRITES = new Set(['PATCH', 'PUT', 'DELETE']);

export function registerLoadGuard(app: FastifyInstance, items: LoadedItems): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!WRITES.has(request.method)) return undefined;
    const task = TASK.exec(request.url);
    if (task !== null) {
      const kind = task[1] as 'tasks' | 'templates';
      const id = decodeURIComponent(task[2]!);
      if (items.isLoaded(kind, id)) return refuse(reply, `${kind === 'tasks' ? 'task' : 'template'} ${id}`);
      return undefined;
    }
    const handler = HANDLER.exec(request.url);
    if (handler !== null) {
      const topic = decodeURIComponent(handler[1]!);
      const id = decodeURIComponent(handler[2]!);
      if (items.isLoaded('handlers', `${topic}/${id}`)) return refuse(reply, `handler ${id} of topic ${topic}`);
    }
    return undefined;
  });
}

function refuse<R extends Parameters<typeof sendError>[0]>(reply: R, what: string): R {
  sendError(reply, new ApiError(403, `${what} was loaded from the load directory and is read-only; change its file and reload`));
  return reply;
}
