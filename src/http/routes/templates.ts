// /kapacitor/v1/templates: create, list, get, update (PATCH) and delete task templates.
// Updating a template redefines and restarts every task made from it.

import type { FastifyInstance } from 'fastify';
import type { TaskService } from '../../services/tasks/task-service.js';
import { jsonBody, queryValue } from '../request-body.js';
import { sendJSON } from '../server.js';
import { listOptions } from './tasks.js';

type IdParams = { Params: { id: string } };

export function registerTemplateRoutes(app: FastifyInstance, tasks: TaskService): void {
  app.get('/kapacitor/v1/templates', async (request, reply) => {
    sendJSON(reply, 200, { templates: tasks.listTemplates(listOptions(request)) });
  });

  app.post('/kapacitor/v1/templates', async (request, reply) => {
    const template = await tasks.createTemplate(jsonBody(request));
    sendJSON(reply, 200, tasks.viewTemplate(template, 'raw'));
  });

  app.get<IdParams>('/kapacitor/v1/templates/:id', async (request, reply) => {
    const template = tasks.getTemplate(request.params.id);
    sendJSON(reply, 200, tasks.viewTemplate(template, queryValue(request, 'script-format')));
  });

  app.patch<IdParams>('/kapacitor/v1/templates/:id', async (request, reply) => {
    const template = await tasks.updateTemplate(request.params.id, jsonBody(request));
    sendJSON(reply, 200, tasks.viewTemplate(template));
  });

  app.delete<IdParams>('/kapacitor/v1/templates/:id', async (request, reply) => {
    await tasks.deleteTemplate(request.params.id);
    reply.code(204).send();
  });
}
