// Starts a real kapacitord in-process with the job API listening on its own loopback port
// (port 0), plus small helpers to submit jobs and wait for their states.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request, startTestServer, type TestServer } from './test-server.js';
import type { ServerSettings } from '../../src/server.js';

export interface JobsTestServer extends TestServer {
  jobsUrl: string;
}

export async function startJobsServer(overrides: Partial<ServerSettings> = {}): Promise<JobsTestServer> {
  const server = await startTestServer({
    jobs: { enabled: true, bindHost: '127.0.0.1', bindPort: 0, contextPath: '', enableDynamicPort: false, portRange: 100, historyLimit: 1000 },
    ...overrides,
  });
  const address = server.server.jobsAddress();
  assert.ok(address, 'the job API listens');
  return { ...server, jobsUrl: `http://127.0.0.1:${address.port}` };
}

export async function submitJob(url: string, body: unknown, query = ''): Promise<string> {
  const reply = await request(url, 'POST', `/submit-job${query}`, { json: body });
  assert.equal(reply.status, 200, reply.text);
  return String(reply.json.jobId);
}

/** Polls /job-info until the job's status is one of statuses; returns the job info. */
export async function waitForStatus(url: string, jobId: string, statuses: string[], timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await request(url, 'GET', `/job-info/${jobId}`);
    if (statuses.includes(reply.json?.jobStatus)) return reply.json;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not reach ${statuses.join('/')}: ${reply.text}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

/** The rows a Console sink printed into a job's log, as their value texts. */
export async function consoleRows(url: string, jobId: string): Promise<string[]> {
  const reply = await request(url, 'GET', `/logs/job-${jobId}.log`);
  assert.equal(reply.status, 200, reply.text);
  return reply.text
    .split('\n')
    .filter((line) => line.includes('SeaTunnelRow#kind='))
    .map((line) => line.slice(line.indexOf('SeaTunnelRow#kind=')));
}

/** Runs a batch job whose single sink is a JSON LocalFile sink into dir; returns the rows written. */
export async function runToJsonFile(
  url: string,
  dir: string,
  job: { source: unknown[]; transform?: unknown[]; env?: Record<string, unknown>; sinkInput?: string },
): Promise<Array<Record<string, unknown>>> {
  const jobId = await submitJob(url, {
    env: { 'job.mode': 'BATCH', ...job.env },
    source: job.source,
    transform: job.transform ?? [],
    sink: [{ plugin_name: 'LocalFile', path: dir, file_format_type: 'json', ...(job.sinkInput ? { source_table_name: job.sinkInput } : {}) }],
  });
  const info = await waitForStatus(url, jobId, ['FINISHED', 'FAILED']);
  assert.equal(info.jobStatus, 'FINISHED', info.errorMsg);
  const rows: Array<Record<string, unknown>> = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.includes(jobId)) continue;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) if (line !== '') rows.push(JSON.parse(line));
  }
  return rows;
}
