// /kapacitor/v1/replays: replay a recording into a task (POST /replays), a batch task's own
// queries (/replays/batch) or one query (/replays/query); list, get (202 while running), delete.

import type { FastifyInstance } from 'fastify';
import type { ReplayService } from '../../services/recording/replay-service.js';
import { ApiError } from '../errors.js';
import { jsonBody, queryValue, queryValues } from '../request-body.js';
import { sendJSON } from '../server.js';
import { asApi } from './recordings.js';

type IdParams = { Params: { id: string } };

export function registerReplayRoutes(app: FastifyInstance, replays: ReplayService): void {
  app.post('/kapacitor/v1/replays', async (request, reply) => {
    const body = jsonBody(request);
    sendJSON(reply, 201, replays.view(await asApi(() => replays.replayRecording(body))));
  });
  app.post('/kapacitor/v1/replays/batch', async (request, reply) => {
    const body = jsonBody(request);
    sendJSON(reply, 201, replays.view(await asApi(() => replays.replayBatch(body))));
  });
  app.post('/kapacitor/v1/replays/query', async (request, reply) => {
    const body = jsonBody(request);
    sendJSON(reply, 201, replays.view(await asApi(() => replays.replayQuery(body))));
  });

  app.get('/kapacitor/v1/replays', async (request, reply) => {
    const list = await asApi(async () =>
      replays.list({
        pattern: queryValue(request, 'pattern'),
        fields: queryValues(request, 'fields'),
        offset: queryValue(request, 'offset'),
        limit: queryValue(request, 'limit'),
      }),
    );
    sendJSON(reply, 200, { replays: list });
  });

  app.get<IdParams>('/kapacitor/v1/replays/:id', async (request, reply) => {
    const record = replays.find(request.params.id);
    if (record === undefined) throw new ApiError(404, 'could not find replay: no replay exists');
    sendJSON(reply, record.status === 'running' ? 202 : 200, replays.view(record));
  });

  app.delete<IdParams>('/kapacitor/v1/replays/:id', async (request, reply) => {
    await asApi(() => replays.delete(request.params.id));
    reply.code(204).send();
  });
}
