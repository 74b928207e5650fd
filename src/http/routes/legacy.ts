// The pre-1.0 API, mapped onto the same tasks, recordings and replays: /task?name= (define with
// the TICKscript as the body, show, delete), /api/v1/enable|disable?name=, /api/v1/tasks,
// /api/v1/recordings, /api/v1/record, /api/v1/replay. Capitalized keys, Type 0 = stream,
// 1 = batch, errors as {"Error": "..."}.

import { parseUserJSON } from '../../util/safe-json.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseInfluxqlDuration } from '../../gofmt/influxql-duration.js';
import type { RecordingService } from '../../services/recording/recording-service.js';
import type { ReplayService } from '../../services/recording/replay-service.js';
import { ServiceError } from '../../errors/service-error.js';
import { legacyErrors } from '../../errors/catalogue.js';
import type { TaskService } from '../../services/tasks/task-service.js';
import { decodedBody, queryValue } from '../request-body.js';
import { sendJSON } from '../server.js';

const typeNumber = (type: string) => (type === 'batch' ? 1 : 0);

export function registerLegacyRoutes(app: FastifyInstance, deps: { tasks: TaskService; recordings: RecordingService; replays?: ReplayService }): void {
  const { tasks, recordings } = deps;

  const handle = (run: (request: FastifyRequest, reply: FastifyReply) => Promise<void>) => async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await run(request, reply);
    } catch (error) {
      const status = error instanceof ServiceError ? error.status : 500;
      sendJSON(reply, status, { Error: (error as Error).message });
    }
  };

  const defineTask = handle(async (request, reply) => {
    const name = queryValue(request, 'name');
    if (name === '') throw legacyErrors.mustPassTaskName();
    const type = queryValue(request, 'type');
    const dbrpsParam = queryValue(request, 'dbrps');
    let dbrps: unknown;
    if (dbrpsParam !== '') {
      try {
        dbrps = parseUserJSON(dbrpsParam);
      } catch (error) {
        throw legacyErrors.invalidDbrps((error as Error).message);
      }
    }
    const script = decodedBody(request).toString('utf8');
    const options = { type: type || undefined, dbrps, script: script || undefined };
    if (tasks.find(name) === undefined) await tasks.create({ ...options, id: name });
    else await tasks.update(name, options);
    reply.code(204).send();
  });

  const showTask = handle(async (request, reply) => {
    const task = tasks.get(queryValue(request, 'name'));
    const view = tasks.view(task);
    sendJSON(reply, 200, {
      Name: task.id,
      Type: typeNumber(task.type),
      DBRPs: task.dbrps,
      TICKscript: task.script,
      Dot: view.dot,
      Enabled: task.status === 'enabled',
      Executing: view.executing,
      Error: view.error ?? '',
    });
  });

  const deleteTask = handle(async (request, reply) => {
    await tasks.delete(queryValue(request, 'name'));
    reply.code(204).send();
  });

  const setStatus = (status: 'enabled' | 'disabled') =>
    handle(async (request, reply) => {
      const name = queryValue(request, 'name');
      tasks.get(name);
      await tasks.update(name, { status });
      reply.code(204).send();
    });

  const listTasks = handle(async (request, reply) => {
    const names = queryValue(request, 'tasks');
    const wanted = names === '' ? undefined : new Set(names.split(','));
    const list = tasks
      .list({ pattern: '', fields: ['type', 'dbrps', 'status', 'executing'], offset: '0', limit: '1000000', scriptFormat: '', dotView: '' })
      .filter((t) => wanted === undefined || wanted.has(String(t.id)))
      .map((t) => ({
        Name: t.id,
        Type: typeNumber(String(t.type)),
        DBRPs: t.dbrps,
        Enabled: t.status === 'enabled',
        Executing: t.executing,
      }));
    sendJSON(reply, 200, { Tasks: list });
  });

  const listRecordings = handle(async (request, reply) => {
    const rids = queryValue(request, 'rids');
    const wanted = rids === '' ? undefined : new Set(rids.split(','));
    const list = recordings
      .list({ pattern: '', fields: ['type', 'size', 'date', 'error'], offset: '0', limit: '1000000' })
      .filter((r) => wanted === undefined || wanted.has(String(r.id)))
      .map((r) => ({
        ID: r.id,
        Type: typeNumber(String(r.type)),
        Size: r.size,
        Created: r.date,
        ...(r.error ? { Error: r.error } : {}),
      }));
    sendJSON(reply, 200, { Recordings: list });
  });

  const record = handle(async (request, reply) => {
    const type = queryValue(request, 'type');
    let id: string;
    switch (type) {
      case 'stream': {
        const name = queryValue(request, 'name');
        if (name === '') throw legacyErrors.noTaskSpecified();
        const duration = parseGoDurationParam(queryValue(request, 'duration'));
        id = (await recordings.recordStreamFor(name, duration)).id;
        break;
      }
      case 'batch': {
        const name = queryValue(request, 'name');
        if (name === '') throw legacyErrors.noTaskSpecified();
        const startParam = queryValue(request, 'start');
        const past = queryValue(request, 'past');
        if (startParam !== '' && past !== '') throw legacyErrors.startAndPast();
        const start = past !== '' ? new Date(Date.now() - Number(parseGoDurationParam(past) / 1_000_000n)).toISOString() : startParam;
        id = (
          await recordings.recordBatch({
            task: name,
            start,
            stop: queryValue(request, 'stop') || undefined,
            cluster: queryValue(request, 'cluster'),
          })
        ).id;
        break;
      }
      case 'query':
        id = (
          await recordings.recordQuery({
            query: queryValue(request, 'query'),
            type: queryValue(request, 'ttype'),
            cluster: queryValue(request, 'cluster'),
          })
        ).id;
        break;
      default:
        throw legacyErrors.invalidRecordingType();
    }
    // Answered once the recording has started (Kapacitor 0.10+); GET /api/v1/record?id= waits
    // for it to finish, so a client polls that before replaying.
    sendJSON(reply, 200, { RecordingID: id });
  });

  const getRecording = handle(async (request, reply) => {
    const id = queryValue(request, 'id');
    // A running recording is answered once it is done, with its outcome.
    const found = await recordings.finished(id);
    if (found === undefined) throw legacyErrors.recordingNotFound();
    sendJSON(reply, 200, { ID: found.id, Type: typeNumber(found.type), Size: found.size, Created: found.date, ...(found.error ? { Error: found.error } : {}) });
  });

  const deleteRecording = handle(async (request, reply) => {
    await recordings.delete(queryValue(request, 'rid'));
    reply.code(204).send();
  });

  const replay = handle(async (request, reply) => {
    if (deps.replays === undefined) throw legacyErrors.replaysUnavailable();
    const recTime = queryValue(request, 'rec-time');
    if (recTime !== '' && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False', 'T', 'F'].includes(recTime)) {
      throw legacyErrors.invalidBool(recTime);
    }
    const clock = queryValue(request, 'clock');
    const created = await deps.replays.replayRecording({
      task: queryValue(request, 'name'),
      recording: queryValue(request, 'id'),
      clock: clock === 'wall' || clock === '' ? 'real' : clock,
      'recording-time': ['true', '1', 't', 'TRUE', 'True', 'T'].includes(recTime),
    });
    const finished = await deps.replays.wait(created.id);
    if (finished.status === 'failed') throw legacyErrors.replayFailed(finished.error);
    reply.code(204).send();
  });

  for (const prefix of ['', '/api/v1']) {
    app.post(`${prefix}/task`, defineTask);
    app.get(`${prefix}/task`, showTask);
    app.delete(`${prefix}/task`, deleteTask);
  }
  app.post('/api/v1/enable', setStatus('enabled'));
  app.post('/api/v1/disable', setStatus('disabled'));
  app.get('/api/v1/tasks', listTasks);
  app.get('/api/v1/recordings', listRecordings);
  app.post('/api/v1/record', record);
  app.get('/api/v1/record', getRecording);
  app.delete('/api/v1/recording', deleteRecording);
  app.post('/api/v1/replay', replay);
}

function parseGoDurationParam(text: string): bigint {
  const ns = parseInfluxqlDuration(text);
  if (ns === undefined) throw legacyErrors.invalidDuration(text);
  return ns;
}
