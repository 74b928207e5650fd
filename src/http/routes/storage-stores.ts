// GET /kapacitor/v1/storage/stores lists the named stores as Kapacitor does (tasks, recordings,
// replays, handler-specs, topic-states, overrides, load); POST /kapacitor/v1/storage/stores/NAME
// {"action": "rebuild"} rebuilds one. Our store keeps no secondary indexes, so a rebuild only
// checks that the store is readable.

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { jsonBody } from '../request-body.js';
import { sendJSON } from '../server.js';

const STORES_PATH = '/kapacitor/v1/storage/stores';

export interface NamedStores {
  /** Store names, sorted. */
  names(): string[];
  /** Rebuilds the store's indexes; throws on failure. */
  rebuild(name: string): Promise<void>;
}

export function registerStorageStoreRoutes(app: FastifyInstance, stores: NamedStores): void {
  app.get(STORES_PATH, async (_request, reply) => {
    sendJSON(reply, 200, {
      link: { rel: 'self', href: STORES_PATH },
      storage: stores.names().map((name) => ({ link: { rel: 'self', href: `${STORES_PATH}/${name}` }, name })),
    });
  });

  app.post<{ Params: { name: string } }>(`${STORES_PATH}/:name`, async (request, reply) => {
    const name = request.params.name;
    if (!stores.names().includes(name)) throw new ApiError(404, `unknown storage ${JSON.stringify(name)}`);
    let action: unknown;
    try {
      action = (jsonBody(request) as { action?: unknown }).action;
    } catch (error) {
      throw new ApiError(400, `failed to unmarshal storage action ${(error as Error).message}`);
    }
    // Kapacitor's message has this spelling.
    if (action !== 'rebuild') throw new ApiError(400, `unkown storage action ${JSON.stringify(String(action ?? ''))}`);
    try {
      await stores.rebuild(name);
    } catch (error) {
      throw new ApiError(500, `failed to rebuild ${JSON.stringify(name)}: ${(error as Error).message}`);
    }
    return reply.code(204).send();
  });
}
