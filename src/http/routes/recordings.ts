// /kapacitor/v1/recordings: record stream / batch / query data, list (newest first, pattern,
// fields, offset, limit), get (202 while running, 200 when done), delete.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RecordingService } from '../../services/recording/recording-service.js';
import { ServiceError } from '../../errors/service-error.js';
import { ApiError } from '../errors.js';
import { jsonBody, queryValue, queryValues } from '../request-body.js';
import { sendJSON } from '../server.js';

type IdParams = { Params: { id: string } };

export function registerRecordingRoutes(app: FastifyInstance, recordings: RecordingService): void {
  const created = (reply: FastifyReply, record: Parameters<RecordingService['view']>[0]) => sendJSON(reply, 201, recordings.view(record));

  app.post('/kapacitor/v1/recordings/stream', async (request, reply) => {
    const body = jsonBody(request);
    created(reply, await asApi(() => recordings.recordStream(body)));
  });
  app.post('/kapacitor/v1/recordings/batch', async (request, reply) => {
    const body = jsonBody(request);
    created(reply, await asApi(() => recordings.recordBatch(body)));
  });
  app.post('/kapacitor/v1/recordings/query', async (request, reply) => {
    const body = jsonBody(request);
    created(reply, await asApi(() => recordings.recordQuery(body)));
  });

  app.get('/kapacitor/v1/recordings', async (request, reply) => {
    const list = await asApi(async () =>
      recordings.list({
        pattern: queryValue(request, 'pattern'),
        fields: queryValues(request, 'fields'),
        offset: queryValue(request, 'offset'),
        limit: queryValue(request, 'limit'),
      }),
    );
    sendJSON(reply, 200, { recordings: list });
  });

  app.get<IdParams>('/kapacitor/v1/recordings/:id', async (request, reply) => {
    const record = recordings.find(request.params.id);
    if (record === undefined) throw new ApiError(404, 'error finding recording: no recording exists');
    sendJSON(reply, record.status === 'running' ? 202 : 200, recordings.view(record));
  });

  app.delete<IdParams>('/kapacitor/v1/recordings/:id', async (request, reply) => {
    await asApi(() => recordings.delete(request.params.id));
    reply.code(204).send();
  });
}

/** Runs a service call, turning its ServiceError into the API's error. */
export async function asApi<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServiceError) throw new ApiError(error.status, error.message);
    throw error;
  }
}
