// /kapacitor/v1/tasks: create, list, get, update (PATCH) and delete tasks, and the httpOut
// endpoints of executing tasks at /kapacitor/v1/tasks/ID/NAME.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TaskService } from '../../services/tasks/task-service.js';
import { ApiError } from '../errors.js';
import { jsonBody, queryValue, queryValues } from '../request-body.js';
import { sendJSON } from '../server.js';

export interface HttpOutSource {
  /**
   * The JSON result an httpOut node serves, or undefined when the task has no such endpoint
   * (a promise of it when the task runs on an engine worker thread).
   */
  httpOutResult(taskId: string, name: string): unknown;
}

type IdParams = { Params: { id: string } };

export function registerTaskRoutes(app: FastifyInstance, tasks: TaskService, httpOut: HttpOutSource): void {
  app.get('/kapacitor/v1/tasks', async (request, reply) => {
    const list = tasks.list(listOptions(request));
    sendJSON(reply, 200, { tasks: list });
  });

  app.post('/kapacitor/v1/tasks', async (request, reply) => {
    const task = await tasks.create(jsonBody(request));
    sendJSON(reply, 200, tasks.view(task));
  });

  app.get<IdParams>('/kapacitor/v1/tasks/:id', async (request, reply) => {
    const task = tasks.get(request.params.id);
    sendJSON(
      reply,
      200,
      tasks.view(task, {
        scriptFormat: queryValue(request, 'script-format'),
        dotView: queryValue(request, 'dot-view'),
      }),
    );
  });

  app.patch<IdParams>('/kapacitor/v1/tasks/:id', async (request, reply) => {
    const task = await tasks.update(request.params.id, jsonBody(request));
    sendJSON(reply, 200, tasks.view(task));
  });

  app.delete<IdParams>('/kapacitor/v1/tasks/:id', async (request, reply) => {
    await tasks.delete(request.params.id);
    reply.code(204).send();
  });

  app.get<{ Params: { id: string; name: string } }>('/kapacitor/v1/tasks/:id/:name', async (request, reply) => {
    const result: unknown = await httpOut.httpOutResult(request.params.id, request.params.name);
    if (result === undefined) throw new ApiError(404, 'Not Found');
    sendJSON(reply, 200, result);
  });
}

export function listOptions(request: FastifyRequest) {
  return {
    pattern: queryValue(request, 'pattern'),
    fields: queryValues(request, 'fields'),
    offset: queryValue(request, 'offset'),
    limit: queryValue(request, 'limit'),
    scriptFormat: queryValue(request, 'script-format'),
    dotView: queryValue(request, 'dot-view'),
  };
}
