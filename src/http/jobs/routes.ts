// The routes of the SeaTunnel REST API v2 over the job service, under the context path:
// overview, job lists and info, submit/stop (one or many), encrypt-config, update-tags,
// system monitoring and job logs. Shapes and status codes follow SeaTunnel's servlets.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JobService, SubmitParams } from '../../services/jobs/job-service.js';
import type { JobLogs } from '../../services/jobs/job-logs.js';
import { encryptConfig } from '../../services/jobs/config-shade.js';
import type { SystemMonitor } from '../../services/jobs/system-monitoring.js';
import { readJsonArray, readJsonBody, readJsonObject, RequestError } from './body.js';

export const PROJECT_VERSION = '2.3.8';
export const GIT_COMMIT_ABBREV = 'kapacitor-ts';

export interface JobRoutesDeps {
  jobs: JobService;
  logs: JobLogs;
  monitor: SystemMonitor;
  contextPath: string;
  /** host:port of this listener, as the logs list names nodes. */
  node(): string;
  connections(): number;
}

function json(reply: FastifyReply, body: unknown, status = 200): void {
  void reply.code(status).type('application/json').send(JSON.stringify(body));
}

function queryParams(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    out[key] = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
  }
  return out;
}

function stopRequest(value: unknown): { jobId: string; savepoint: boolean } {
  const map = (value ?? {}) as Record<string, unknown>;
  if (map.jobId === undefined || map.jobId === null) throw new RequestError('jobId cannot be empty.');
  return { jobId: String(map.jobId), savepoint: String(map.isStopWithSavePoint ?? 'false').toLowerCase() === 'true' };
}

function logsHtml(title: string, entries: Array<{ logLink: string; logName: string }>): string {
  const items = entries.map((e) => `<li><a href="${e.logLink}">${e.logName}</a></li>`).join('\n');
  return `<html><head><title>${title}</title></head><body><h2>${title}</h2><ul>\n${items}\n</ul></body></html>\n`;
}

export function registerJobRoutes(app: FastifyInstance, deps: JobRoutesDeps): void {
  const base = deps.contextPath.replace(/\/+$/, '');
  const path = (p: string) => `${base}${p}`;
  const { jobs } = deps;

  app.get(path('/overview'), async (request, reply) => {
    const filter = queryParams(request);
    const tags = jobs.nodeTags();
    const matches = Object.entries(filter).every(([key, value]) => tags[key] === value);
    const counts = jobs.counts();
    json(reply, {
      projectVersion: PROJECT_VERSION,
      gitCommitAbbrev: GIT_COMMIT_ABBREV,
      totalSlot: '0',
      unassignedSlot: '0',
      works: matches ? '1' : '0',
      runningJobs: String(counts.running),
      finishedJobs: String(counts.finished),
      failedJobs: String(counts.failed),
      cancelledJobs: String(counts.canceled),
    });
  });

  app.get(path('/running-jobs'), async (_request, reply) => json(reply, jobs.runningJobs()));

  app.get<{ Params: { jobId: string } }>(path('/job-info/:jobId'), async (request, reply) => json(reply, jobs.jobInfo(request.params.jobId, false)));
  app.get<{ Params: { jobId: string } }>(path('/running-job/:jobId'), async (request, reply) => json(reply, jobs.jobInfo(request.params.jobId, true)));
  app.get(path('/job-info'), async () => {
    throw new RequestError('The jobId must not be empty.');
  });
  app.get(path('/running-job'), async () => {
    throw new RequestError('The jobId must not be empty.');
  });

  app.get(path('/finished-jobs'), async (_request, reply) => json(reply, jobs.finishedJobs()));
  app.get<{ Params: { state: string } }>(path('/finished-jobs/:state'), async (request, reply) => json(reply, jobs.finishedJobs(request.params.state)));

  app.get(path('/system-monitoring-information'), async (_request, reply) => json(reply, [deps.monitor.snapshot(deps.connections())]));

  app.post(path('/submit-job'), async (request, reply) => {
    const params = queryParams(request) as SubmitParams;
    if (String(params.isStartWithSavePoint ?? '').toLowerCase() === 'true' && (params.jobId === undefined || params.jobId === '')) {
      throw new RequestError('Please provide jobId when start with save point.');
    }
    json(reply, await jobs.submit(readJsonObject(request.body), params));
  });

  app.post(path('/submit-jobs'), async (request, reply) => {
    const results: Array<{ jobId: string; jobName: string }> = [];
    for (const item of readJsonArray(request.body)) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new RequestError('Invalid JSON format in request body.');
      const { params, ...config } = item as Record<string, unknown>;
      const submitParams: SubmitParams = {};
      for (const [key, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
        (submitParams as Record<string, string>)[key] = String(value);
      }
      results.push(await jobs.submit(config, submitParams));
    }
    json(reply, results);
  });

  app.post(path('/stop-job'), async (request, reply) => {
    const { jobId, savepoint } = stopRequest(readJsonObject(request.body));
    if (!jobs.stop(jobId, savepoint)) throw new RequestError(`Job with id ${jobId} not found.`);
    json(reply, { jobId });
  });

  app.post(path('/stop-jobs'), async (request, reply) => {
    const requests = readJsonArray(request.body).map(stopRequest);
    const results: Array<{ jobId: string }> = [];
    for (const { jobId, savepoint } of requests) {
      if (!jobs.stop(jobId, savepoint)) throw new RequestError(`Job with id ${jobId} not found.`);
      results.push({ jobId });
    }
    json(reply, results);
  });

  app.post(path('/encrypt-config'), async (request, reply) => json(reply, encryptConfig(readJsonObject(request.body))));

  app.post(path('/update-tags'), async (request, reply) => {
    const body = readJsonBody(request.body);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RequestError('Invalid JSON format in request body.');
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) tags[key] = value === null || value === undefined ? '' : String(value);
    await jobs.updateTags(tags);
    json(reply, { status: 'success', message: 'update node tags done.' });
  });

  const logEntries = (jobId?: string) =>
    deps.logs.list(jobId).map((logName) => ({
      node: deps.node(),
      logLink: `http://${deps.node()}${base}/logs/${logName}`,
      logName,
    }));
  const listLogs = (request: FastifyRequest, reply: FastifyReply, jobId?: string) => {
    const entries = logEntries(jobId);
    if (queryParams(request).format === 'json') json(reply, entries);
    else
      void reply
        .code(200)
        .type('text/html; charset=UTF-8')
        .send(logsHtml(jobId === undefined ? 'Log file list' : `Logs of job ${jobId}`, entries));
  };
  app.get(path('/logs'), async (request, reply) => listLogs(request, reply));
  app.get(path('/log'), async (request, reply) => listLogs(request, reply));
  app.get<{ Params: { name: string } }>(path('/logs/:name'), async (request, reply) => {
    const { name } = request.params;
    if (name.endsWith('.log')) {
      const content = deps.logs.read(name);
      if (content === undefined) {
        json(reply, { status: 'fail', message: `Log file ${name} not found.` }, 404);
        return;
      }
      void reply.code(200).type('text/plain; charset=UTF-8').send(content);
      return;
    }
    if (!/^\d+$/.test(name)) throw new RequestError(`For input string: "${name}"`);
    listLogs(request, reply, name);
  });
}
