// /kapacitor/v1/templates: create, list, get, update (PATCH) and delete task templates.
// Updating a template redefines and restarts every task made from it.

import type { FastifyInstance } from 'fastify';
import type { TemplateService } from '../../services/tasks/template-service.js';
import { jsonBody, queryValue } from '../request-body.js';
import { sendJSON } from '../server.js';
import { listOptions } from './tasks.js';

type IdParams = { Params: { id: string } };

export function registerTemplateRoutes(app: FastifyInstance, templates: TemplateService): void {
  app.get('/kapacitor/v1/templates', async (request, reply) => {
    sendJSON(reply, 200, { templates: templates.list(listOptions(request)) });
  });

  app.post('/kapacitor/v1/templates', async (request, reply) => {
    const template = await templates.create(jsonBody(request));
    sendJSON(reply, 200, templates.view(template, 'raw'));
  });

  app.get<IdParams>('/kapacitor/v1/templates/:id', async (request, reply) => {
    const template = templates.get(request.params.id);
    sendJSON(reply, 200, templates.view(template, queryValue(request, 'script-format')));
  });

  app.patch<IdParams>('/kapacitor/v1/templates/:id', async (request, reply) => {
    const template = await templates.update(request.params.id, jsonBody(request));
    sendJSON(reply, 200, templates.view(template));
  });

  app.delete<IdParams>('/kapacitor/v1/templates/:id', async (request, reply) => {
    await templates.delete(request.params.id);
    reply.code(204).send();
  });
}
