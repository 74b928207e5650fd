// /kapacitor/v1/api/v2/tasks: Flux tasks, their runs (list, run now, retry, cancel) and logs,
// with InfluxDB v2's shapes, statuses and {"code","message"} errors. Decoding and encoding
// only: every decision lives in the Flux task service.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { V2Error } from '../../services/fluxtasks/errors.js';
import { isValidId } from '../../services/fluxtasks/ids.js';
import type { FluxRun, FluxTask } from '../../services/fluxtasks/model.js';
import type { FluxTaskService, RunFilter } from '../../services/fluxtasks/service.js';
import { parseRFC3339 } from '../../models/time.js';
import { rawBody } from '../request-body.js';

const PREFIX = '/kapacitor/v1/api/v2/tasks';
const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;

type Params = { id?: string; rid?: string };
type Query = Record<string, string | undefined>;

function send(reply: FastifyReply, status: number, body?: unknown): void {
  if (body === undefined) {
    reply.code(status).send();
    return;
  }
  reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(`${JSON.stringify(body)}\n`);
}

function decodeError(message: string): V2Error {
  return new V2Error('invalid', `failed to decode request: ${message}`);
}

function checkId(id: string | undefined): string {
  if (id === undefined || id === '') throw decodeError('url missing id');
  if (id.length !== 16) throw decodeError('id must have a length of 16 bytes');
  if (!isValidId(id)) throw decodeError('invalid ID');
  return id;
}

function jsonBodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = rawBody(request);
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw decodeError((error as Error).message);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw decodeError('expected a JSON object');
  return parsed as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw decodeError(`"${key}" must be a string`);
  return value;
}

export function taskResponse(task: FluxTask): Record<string, unknown> {
  return {
    links: { self: `${PREFIX}/${task.id}`, runs: `${PREFIX}/${task.id}/runs`, logs: `${PREFIX}/${task.id}/logs` },
    labels: [],
    id: task.id,
    ownerID: task.ownerID,
    orgID: '',
    name: task.name,
    ...(task.description ? { description: task.description } : {}),
    status: task.status,
    flux: task.flux,
    ...(task.every ? { every: task.every } : {}),
    ...(task.cron ? { cron: task.cron } : {}),
    ...(task.offset ? { offset: task.offset } : {}),
    ...(task.latestCompleted ? { latestCompleted: task.latestCompleted.replace(/\.\d+Z$/, 'Z') } : {}),
    ...(task.lastRunStatus ? { lastRunStatus: task.lastRunStatus } : {}),
    ...(task.lastRunError ? { lastRunError: task.lastRunError } : {}),
    createdAt: task.createdAt.replace(/\.\d+Z$/, 'Z'),
    updatedAt: task.updatedAt.replace(/\.\d+Z$/, 'Z'),
  };
}

export function runResponse(run: FluxRun): Record<string, unknown> {
  const base = `${PREFIX}/${run.taskID}`;
  return {
    links: { self: `${base}/runs/${run.id}`, task: base, logs: `${base}/runs/${run.id}/logs`, retry: `${base}/runs/${run.id}/retry` },
    id: run.id,
    taskID: run.taskID,
    status: run.status,
    scheduledFor: run.scheduledFor,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.requestedAt ? { requestedAt: run.requestedAt } : {}),
    ...(run.log.length > 0 ? { log: run.log } : {}),
  };
}

function limitOf(query: Query, outOfBounds: () => V2Error): number | undefined {
  const text = query.limit;
  if (text === undefined || text === '') return undefined;
  if (!/^[+-]?\d+$/.test(text)) throw decodeError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const limit = Number(text);
  if (limit < 1 || limit > MAX_PAGE) throw outOfBounds();
  return limit;
}

function timeParam(query: Query, name: string): bigint | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  const time = /Z|[+-]\d\d:\d\d$/.test(text) ? parseRFC3339(text) : undefined;
  if (time === undefined) throw decodeError(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  return time;
}

export function registerFluxTaskRoutes(app: FastifyInstance, service: FluxTaskService): void {
  const handle =
    (what: string, fn: (request: FastifyRequest<{ Params: Params; Querystring: Query }>, reply: FastifyReply) => Promise<void> | void) =>
    async (request: FastifyRequest<{ Params: Params; Querystring: Query }>, reply: FastifyReply) => {
      try {
        await fn(request, reply);
      } catch (error) {
        const v2 = error instanceof V2Error ? error : new V2Error('internal error', `${what}: ${(error as Error).message}`);
        const message =
          v2.message.startsWith('failed to decode request') || v2.code === 'unprocessable entity' || what === '' ? v2.message : `${what}: ${v2.message}`;
        send(reply, v2.status, { code: v2.code, message });
      }
    };

  app.get(
    PREFIX,
    handle('failed to find tasks', (request, reply) => {
      const query = request.query;
      const after = query.after ? checkId(query.after) : undefined;
      const limit = limitOf(query, () => new V2Error('unprocessable entity', `limit must be between 1 and ${MAX_PAGE}`)) ?? DEFAULT_PAGE;
      const status = query.status === 'active' || query.status === 'inactive' ? query.status : undefined;
      if (query.type !== undefined && query.type !== '' && query.type !== 'system') {
        send(reply, 200, { links: { self: PREFIX }, tasks: [] });
        return;
      }
      const tasks = service.findTasks({ after, limit, name: query.name || undefined, status });
      const params = new URLSearchParams();
      if (after) params.set('after', after);
      params.set('limit', String(limit));
      if (query.name) params.set('name', query.name);
      if (status) params.set('status', status);
      params.set('type', 'system');
      const links: Record<string, string> = { self: `${PREFIX}?${params.toString()}` };
      if (tasks.length >= limit) {
        params.set('after', tasks[limit - 1]!.id);
        links.next = `${PREFIX}?${params.toString()}`;
      }
      send(reply, 200, { links, tasks: tasks.map(taskResponse) });
    }),
  );

  app.post(
    PREFIX,
    handle('failed to create task', async (request, reply) => {
      const body = jsonBodyOf(request);
      const flux = optionalString(body, 'flux');
      if (!flux) throw decodeError('missing flux');
      const task = await service.createTask({ flux, status: optionalString(body, 'status'), description: optionalString(body, 'description') });
      send(reply, 201, taskResponse(task));
    }),
  );

  app.get(
    `${PREFIX}/:id`,
    handle('failed to find task', (request, reply) => {
      send(reply, 200, taskResponse(service.findTask(checkId(request.params.id))));
    }),
  );

  app.patch(
    `${PREFIX}/:id`,
    handle('failed to update task', async (request, reply) => {
      const id = checkId(request.params.id);
      const body = jsonBodyOf(request);
      const task = await service.updateTask(id, {
        flux: optionalString(body, 'flux'),
        status: optionalString(body, 'status'),
        description: optionalString(body, 'description'),
        name: optionalString(body, 'name'),
        every: optionalString(body, 'every'),
        cron: optionalString(body, 'cron'),
        offset: optionalString(body, 'offset'),
      });
      send(reply, 200, taskResponse(task));
    }),
  );

  app.delete(
    `${PREFIX}/:id`,
    handle('failed to delete task', async (request, reply) => {
      await service.deleteTask(checkId(request.params.id));
      send(reply, 204);
    }),
  );

  const logs = handle('failed to find task logs', (request, reply) => {
    const id = checkId(request.params.id);
    const rid = request.params.rid === undefined ? undefined : checkId(request.params.rid);
    send(reply, 200, { events: service.findLogs(id, rid) });
  });
  app.get(`${PREFIX}/:id/logs`, logs);
  app.get(`${PREFIX}/:id/runs/:rid/logs`, logs);

  app.get(
    `${PREFIX}/:id/runs`,
    handle('failed to find runs', (request, reply) => {
      const id = checkId(request.params.id);
      const query = request.query;
      const filter: RunFilter = {
        after: query.after ? checkId(query.after) : undefined,
        limit: limitOf(query, () => decodeError(`run limit is out of bounds, must be between 1 and ${MAX_PAGE}`)) ?? DEFAULT_PAGE,
        afterTime: timeParam(query, 'afterTime'),
        beforeTime: timeParam(query, 'beforeTime'),
      };
      if (filter.afterTime !== undefined && filter.beforeTime !== undefined && filter.beforeTime <= filter.afterTime) {
        throw new V2Error('unprocessable entity', 'beforeTime must be later than afterTime');
      }
      const runs = service.findRuns(id, filter);
      send(reply, 200, { links: { self: `${PREFIX}/${id}/runs`, task: `${PREFIX}/${id}` }, runs: runs.map(runResponse) });
    }),
  );

  app.post(
    `${PREFIX}/:id/runs`,
    handle('failed to force run', async (request, reply) => {
      const id = checkId(request.params.id);
      const body = jsonBodyOf(request);
      const text = optionalString(body, 'scheduledFor');
      let scheduledFor: bigint | undefined;
      if (text) {
        scheduledFor = parseRFC3339(text);
        if (scheduledFor === undefined) throw decodeError(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
        scheduledFor = (scheduledFor / 1_000_000_000n) * 1_000_000_000n;
      }
      const run = await service.forceRun(id, scheduledFor);
      send(reply, 201, runResponse(run));
    }),
  );

  app.get(
    `${PREFIX}/:id/runs/:rid`,
    handle('failed to find run', (request, reply) => {
      send(reply, 200, runResponse(service.findRun(checkId(request.params.id), checkId(request.params.rid))));
    }),
  );

  app.delete(
    `${PREFIX}/:id/runs/:rid`,
    handle('failed to cancel run', async (request, reply) => {
      await service.cancelRun(checkId(request.params.id), checkId(request.params.rid));
      send(reply, 200);
    }),
  );

  app.post(
    `${PREFIX}/:id/runs/:rid/retry`,
    handle('failed to retry run', async (request, reply) => {
      const run = await service.retryRun(checkId(request.params.id), checkId(request.params.rid));
      send(reply, 200, runResponse(run));
    }),
  );
}
