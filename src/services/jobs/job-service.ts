// The job manager behind the job API: submits jobs (checked, built, run by the executor),
// stops them (cancel or savepoint), answers job info and lists, and keeps every job's record,
// checkpoints and savepoints in the embedded store so history survives restarts and kill -9.

import type { Logger } from 'pino';
import type { FileAccessCheck } from '../../config/file-access.js';
import { buildDag, type JobDagDocument } from '../../jobs/dag.js';
import { JobDefineError } from '../../jobs/errors.js';
import { JobExecutor, type CheckpointState } from '../../jobs/executor.js';
import { parseJobConfig } from '../../jobs/job-config.js';
import { isEndState, type JobStatus } from '../../jobs/job-status.js';
import { jobInfoMetrics, metricsReport, type SerializedMetrics } from '../../jobs/metrics.js';
import type { JobPorts, PluginCatalogue } from '../../jobs/plugin.js';
import type { Store } from '../../storage/store.js';
import { decryptConfig } from './config-shade.js';
import { formatJobTime, JobLogs } from './job-logs.js';

const JOBS_BUCKET = 'jobs';
const CHECKPOINTS_BUCKET = 'job_checkpoints';
const INT64_MAX = 9223372036854775807n;

export interface JobRecord {
  jobId: string;
  jobName: string;
  jobStatus: JobStatus;
  createTime: number;
  finishTime?: number;
  errorMsg: string | null;
  envOptions: Record<string, unknown>;
  jobDag: JobDagDocument;
  metrics: SerializedMetrics;
  isStartWithSavePoint: boolean;
}

export interface SubmitParams {
  jobId?: string;
  jobName?: string;
  isStartWithSavePoint?: string | boolean;
}

export interface JobServiceOptions {
  store: Store;
  catalogue: PluginCatalogue;
  ports: JobPorts;
  logs: JobLogs;
  logger: Logger;
  /** Finished jobs kept; the oldest are dropped with their logs. */
  historyLimit: number;
  /** Decides which paths a LocalFile source submitted through the API may read. */
  fileAccess?: FileAccessCheck;
}

let lastIdMs = 0;
let idSequence = 0;

/** A new job id: milliseconds since 2020 shifted left, plus a sequence (like SeaTunnel's longs). */
function newJobId(): string {
  const now = Date.now();
  if (now === lastIdMs) idSequence++;
  else {
    lastIdMs = now;
    idSequence = 0;
  }
  return String((BigInt(now - Date.UTC(2020, 0, 1)) << 22n) | BigInt(idSequence & 0x3fffff));
}

function parseLong(text: string): string {
  if (!/^[+-]?\d+$/.test(text.trim()) || BigInt(text.trim()) > INT64_MAX || BigInt(text.trim()) < -INT64_MAX - 1n) {
    throw new JobDefineError(`For input string: "${text}"`);
  }
  return BigInt(text.trim()).toString();
}

export class JobService {
  private readonly running = new Map<string, { executor: JobExecutor; record: JobRecord }>();
  private readonly writes = new Map<string, Promise<void>>();
  /** Every job's record, kept equal to the store (which is written behind, in order). */
  private readonly records = new Map<string, JobRecord>();
  private tags: Record<string, string> = {};

  constructor(private readonly options: JobServiceOptions) {}

  /** Loads the history; jobs that were running when the process died end as FAILED. */
  async open(): Promise<void> {
    this.tags = this.options.store.get<Record<string, string>>('job_node', 'tags') ?? {};
    for (const { value } of this.options.store.list<JobRecord>(JOBS_BUCKET)) {
      this.records.set(value.jobId, value);
      if (isEndState(value.jobStatus)) continue;
      value.jobStatus = 'FAILED';
      value.finishTime = Date.now();
      value.errorMsg = 'The job was interrupted: the server stopped while it was running.';
      value.metrics.endedAt ??= value.finishTime;
      await this.options.store.put(JOBS_BUCKET, value.jobId, value);
      this.options.logs.logger(value.jobId).error(value.errorMsg);
    }
  }

  /** Stops every running job (a server shutdown): they end as CANCELED. */
  async close(): Promise<void> {
    const executors = [...this.running.values()].map((entry) => entry.executor);
    for (const executor of executors) executor.stop(false);
    await Promise.all(executors.map((executor) => executor.done));
    await Promise.all([...this.writes.values()]);
  }

  nodeTags(): Record<string, string> {
    return { ...this.tags };
  }

  async updateTags(tags: Record<string, string>): Promise<void> {
    this.tags = { ...tags };
    await this.options.store.put('job_node', 'tags', this.tags);
  }

  /** With authentication on, a LocalFile source must read inside [auth] allowed-file-dirs. */
  private checkFileSources(definition: ReturnType<typeof parseJobConfig>): void {
    const check = this.options.fileAccess;
    if (check === undefined) return;
    for (const source of definition.sources) {
      if (source.name !== 'LocalFile' || typeof source.options.path !== 'string') continue;
      const refused = check('LocalFile path', source.options.path);
      if (refused !== undefined) throw new JobDefineError(refused);
    }
  }

  async submit(config: Record<string, unknown>, params: SubmitParams): Promise<{ jobId: string; jobName: string }> {
    const startWithSavePoint = String(params.isStartWithSavePoint ?? 'false').toLowerCase() === 'true';
    if (startWithSavePoint && (params.jobId === undefined || params.jobId === '')) {
      throw new JobDefineError('Please provide jobId when start with save point.');
    }
    const definition = parseJobConfig(decryptConfig(config));
    this.checkFileSources(definition);
    const dag = buildDag(definition, this.options.catalogue);
    const jobId = params.jobId !== undefined && params.jobId !== '' ? parseLong(params.jobId) : newJobId();
    const existing = this.records.get(jobId);
    if (this.running.has(jobId) || (existing !== undefined && !startWithSavePoint)) {
      throw new JobDefineError(`The job id ${jobId} has already been submitted and is not starting with a savepoint.`);
    }
    const restored = startWithSavePoint ? this.options.store.get<CheckpointState>(CHECKPOINTS_BUCKET, jobId) : undefined;
    const jobName = params.jobName !== undefined && params.jobName !== '' ? params.jobName : definition.jobName;
    const log = this.options.logs.logger(jobId);
    const record: JobRecord = {
      jobId,
      jobName,
      jobStatus: 'CREATED',
      createTime: Date.now(),
      errorMsg: null,
      envOptions: definition.env,
      jobDag: dag.document(jobId),
      metrics: undefined as unknown as SerializedMetrics,
      isStartWithSavePoint: startWithSavePoint,
    };
    const executor = new JobExecutor(
      jobId,
      definition,
      dag,
      this.options.ports,
      {
        log,
        onStatus: (status) => {
          if (!isEndState(status)) {
            record.jobStatus = status;
            void this.persist(record, executor);
            return;
          }
          // An end state is shown only once it is stored: a state the API reported survives kill -9.
          record.finishTime = Date.now();
          executor.metrics.end();
          void this.persist(record, executor, status).then(() => {
            record.jobStatus = status;
            // only this run's entry: a job resumed from its savepoint under the same id may already be running
            if (this.running.get(jobId)?.record === record) this.running.delete(jobId);
          });
        },
        saveCheckpoint: async (state, savepoint) => {
          await this.options.store.put(CHECKPOINTS_BUCKET, jobId, state);
          log.info(`${savepoint ? 'savepoint' : 'checkpoint'} of job ${jobId} stored`);
        },
      },
      restored,
    );
    record.metrics = executor.metrics.serialize();
    this.records.set(jobId, record);
    await this.options.store.put(JOBS_BUCKET, jobId, record);
    log.info(`job ${jobId} (${jobName}) submitted${restored !== undefined ? ', restored from its savepoint' : ''}`);
    this.running.set(jobId, { executor, record });
    void executor.run().then(() => this.ended(record, executor));
    return { jobId, jobName };
  }

  /** Writes the record behind, in order; status, when given, is stored ahead of being shown. */
  private persist(record: JobRecord, executor: JobExecutor, status: JobStatus = record.jobStatus): Promise<void> {
    record.metrics = executor.metrics.serialize();
    record.errorMsg = executor.errorMsg;
    const snapshot = { ...record, jobStatus: status };
    const previous = this.writes.get(record.jobId) ?? Promise.resolve();
    const next = previous
      .then(() => this.options.store.put(JOBS_BUCKET, record.jobId, snapshot))
      .catch((error) => {
        this.options.logger.error({ err: error, job: record.jobId }, 'cannot store job record');
      });
    this.writes.set(record.jobId, next);
    return next;
  }

  private async ended(record: JobRecord, executor: JobExecutor): Promise<void> {
    record.finishTime ??= Date.now();
    const stored = this.persist(record, executor, executor.status);
    await stored;
    record.jobStatus = executor.status;
    if (this.writes.get(record.jobId) === stored) this.writes.delete(record.jobId);
    if (this.running.get(record.jobId)?.record === record) this.running.delete(record.jobId);
    if (record.jobStatus === 'FINISHED' || record.jobStatus === 'CANCELED') {
      await this.options.store.delete(CHECKPOINTS_BUCKET, record.jobId);
    }
    await this.enforceRetention();
  }

  private async enforceRetention(): Promise<void> {
    const finished = [...this.records.values()].filter((r) => isEndState(r.jobStatus));
    const excess = finished.length - this.options.historyLimit;
    if (excess <= 0) return;
    finished.sort((a, b) => (a.finishTime ?? 0) - (b.finishTime ?? 0));
    for (const record of finished.slice(0, excess)) {
      this.records.delete(record.jobId);
      await this.options.store.delete(JOBS_BUCKET, record.jobId);
      await this.options.store.delete(CHECKPOINTS_BUCKET, record.jobId);
      this.options.logs.remove(record.jobId);
    }
  }

  /** Stops a job; false when there is no such job at all. */
  stop(jobIdText: string, withSavepoint: boolean): boolean {
    const jobId = parseLong(jobIdText);
    const entry = this.running.get(jobId);
    if (entry !== undefined) {
      entry.executor.stop(withSavepoint);
      return true;
    }
    return this.records.has(jobId);
  }

  /** Waits for a running job to end (tests, shutdown). */
  async waitFor(jobId: string): Promise<void> {
    await this.running.get(jobId)?.executor.done;
    await this.writes.get(jobId);
  }

  counts(): { running: number; finished: number; failed: number; canceled: number } {
    const counts = { running: this.running.size, finished: 0, failed: 0, canceled: 0 };
    for (const value of this.records.values()) {
      if (this.running.has(value.jobId)) continue;
      if (value.jobStatus === 'FINISHED' || value.jobStatus === 'SAVEPOINT_DONE') counts.finished++;
      else if (value.jobStatus === 'FAILED') counts.failed++;
      else if (value.jobStatus === 'CANCELED') counts.canceled++;
    }
    return counts;
  }

  private runningView(entry: { executor: JobExecutor; record: JobRecord }, detailed: boolean): Record<string, unknown> {
    const { executor, record } = entry;
    const metrics = executor.metrics.serialize();
    return {
      jobId: record.jobId,
      jobName: record.jobName,
      jobStatus: record.jobStatus,
      envOptions: record.envOptions,
      createTime: formatJobTime(record.createTime),
      jobDag: record.jobDag,
      pluginJarsUrls: [],
      isStartWithSavePoint: record.isStartWithSavePoint,
      metrics: detailed ? metricsReport(metrics) : jobInfoMetrics(metrics),
    };
  }

  private finishedView(record: JobRecord, detailed: boolean): Record<string, unknown> {
    const finishTime = record.finishTime === undefined ? '' : formatJobTime(record.finishTime);
    return {
      jobId: record.jobId,
      jobName: record.jobName,
      jobStatus: record.jobStatus,
      errorMsg: record.errorMsg,
      createTime: formatJobTime(record.createTime),
      finishTime,
      finishedTime: finishTime,
      jobDag: record.jobDag,
      pluginJarsUrls: [],
      metrics: detailed ? metricsReport(record.metrics) : jobInfoMetrics(record.metrics),
    };
  }

  runningJobs(): Array<Record<string, unknown>> {
    return [...this.running.values()].map((entry) => this.runningView(entry, false));
  }

  /** /job-info (and with detailed metrics, /running-job); { jobId } when unknown. */
  jobInfo(jobIdText: string, detailed: boolean): Record<string, unknown> {
    let jobId: string;
    try {
      jobId = parseLong(jobIdText);
    } catch {
      return { jobId: jobIdText };
    }
    const entry = this.running.get(jobId);
    if (entry !== undefined) return this.runningView(entry, detailed);
    const record = this.records.get(jobId);
    return record === undefined ? { jobId } : this.finishedView(record, detailed);
  }

  /** Finished jobs, oldest first; only those in state when given. */
  finishedJobs(state?: string): Array<Record<string, unknown>> {
    const wanted = state === undefined || state === '' ? undefined : state.toUpperCase();
    return [...this.records.values()]
      .filter((record) => !this.running.has(record.jobId) && isEndState(record.jobStatus) && (wanted === undefined || record.jobStatus === wanted))
      .sort((a, b) => (a.finishTime ?? 0) - (b.finishTime ?? 0))
      .map((record) => this.finishedView(record, true));
  }
}
