// Flux tasks: create/update/delete, the scheduler (every/cron/offset, now() = scheduled time),
// run execution on our Flux engine, run history with logs, retries and retention. Every task
// and run change is written to the store before it is acknowledged, so kill -9 loses nothing;
// a run found executing at startup is marked failed. Missed schedules during downtime are
// skipped (as Kapacitor does: on startup every active task resumes from now).

import type { Logger } from 'pino';
import { FluxError } from '../../flux/errors.js';
import { compileScript, runScript, type CompiledScript } from '../../flux-runtime/run.js';
import type { FluxDataSource } from '../../flux-runtime/context.js';
import { formatDuration } from '../../flux-runtime/values.js';
import { formatRFC3339Nano, parseRFC3339 } from '../../models/time.js';
import type { Point } from '../../models/point.js';
import type { Store } from '../../storage/store.js';
import { CronSchedule } from '../../influxql/cron.js';
import { taskNotFound, runNotFound, V2Error } from './errors.js';
import { newId } from './ids.js';
import type { FluxRun, FluxTask, RunStatus } from './model.js';

const TASKS = 'fluxtasks';
const RUNS = 'fluxtask_runs';
const NS_PER_MS = 1_000_000n;

export interface FluxTaskSettings {
  /** Where run records are also written as points (undefined = only our store). */
  runWriter?: (point: Point) => Promise<void>;
  runMeasurement: string;
  /** Runs kept per task (oldest deleted first). */
  historyCount: number;
  /** Runs older than this (ms) are deleted. */
  historyAgeMs: number;
  /** Wall clock in ms (tests may move it). */
  clock?: () => number;
}

export interface TaskCreate {
  flux: string;
  status?: string;
  description?: string;
}

export interface TaskUpdate {
  flux?: string;
  status?: string;
  description?: string;
  name?: string;
  every?: string;
  cron?: string;
  offset?: string;
}

export interface RunFilter {
  after?: string;
  afterTime?: bigint;
  beforeTime?: bigint;
  limit: number;
}

function rfc3339(ns: bigint): string {
  return formatRFC3339Nano(ns);
}

function parseTime(text: string | undefined): bigint {
  return text === undefined ? 0n : (parseRFC3339(text) ?? 0n);
}

/** Wraps a compile error as the API reports it (422 with the positioned message). */
function compileFailure(error: unknown): V2Error {
  if (error instanceof FluxError) return new V2Error('unprocessable entity', `compilation failed: ${error.message}`);
  return new V2Error('invalid', (error as Error).message);
}

export class FluxTaskService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly compiled = new Map<string, { flux: string; script: CompiledScript }>();
  /** Per task, the last read-modify-write of its record (update, delete, a run's completion). */
  private readonly taskWrites = new Map<string, Promise<unknown>>();
  /** Runs executing or waiting for a concurrency slot, per task. */
  private readonly active = new Map<string, Set<string>>();
  private readonly queues = new Map<string, Array<() => void>>();
  private closed = false;
  private readonly clock: () => number;

  constructor(
    private readonly store: Store,
    private readonly source: FluxDataSource,
    private readonly settings: FluxTaskSettings,
    private readonly logger: Logger,
  ) {
    this.clock = settings.clock ?? Date.now;
  }

  private nowNs(): bigint {
    return BigInt(this.clock()) * NS_PER_MS;
  }

  /** Marks runs left executing by a crash as failed, then schedules every active task from now. */
  async open(): Promise<void> {
    const now = this.nowNs();
    for (const { key, value: run } of this.store.list<FluxRun>(RUNS)) {
      if (run.status === 'started' || run.status === 'scheduled') {
        const failed: FluxRun = {
          ...run,
          status: 'failed',
          finishedAt: rfc3339(now),
          log: [...run.log, { runID: run.id, time: rfc3339(now), message: 'run was executing when the server stopped; marked failed on restart' }],
        };
        await this.store.put(RUNS, key, failed);
      }
    }
    for (const task of this.listAll()) {
      if (task.status === 'active') this.schedule(task, now);
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private listAll(): FluxTask[] {
    return this.store.list<FluxTask>(TASKS).map((e) => e.value);
  }

  findTasks(filter: { after?: string; limit: number; name?: string; status?: string }): FluxTask[] {
    let tasks = this.listAll();
    if (filter.after !== undefined) tasks = tasks.filter((t) => t.id > filter.after!);
    if (filter.name !== undefined) tasks = tasks.filter((t) => t.name === filter.name);
    if (filter.status !== undefined) tasks = tasks.filter((t) => t.status === filter.status);
    return tasks.slice(0, filter.limit);
  }

  findTask(id: string): FluxTask {
    const task = this.store.get<FluxTask>(TASKS, id);
    if (task === undefined) throw taskNotFound();
    return task;
  }

  private compile(flux: string): CompiledScript {
    let script: CompiledScript;
    try {
      script = compileScript(flux);
    } catch (error) {
      throw compileFailure(error);
    }
    if (script.task === undefined) throw new V2Error('invalid', 'invalid options: no task options defined');
    return script;
  }

  async createTask(create: TaskCreate): Promise<FluxTask> {
    if (create.flux === undefined || create.flux === '') throw new V2Error('invalid', 'failed to decode request: missing flux');
    if (create.status !== undefined && create.status !== '' && create.status !== 'active' && create.status !== 'inactive') {
      throw new V2Error('invalid', `failed to decode request: invalid task status: "${create.status}"`);
    }
    const script = this.compile(create.flux);
    const options = script.task!;
    const now = rfc3339(this.nowNs());
    const task: FluxTask = {
      id: newId(),
      ownerID: '',
      name: options.name,
      description: create.description || undefined,
      status: create.status || 'active',
      flux: create.flux,
      every: options.every ? formatDuration(options.every) : undefined,
      cron: options.cron,
      offset: options.offset && options.offset.ns !== 0n ? formatDuration(options.offset) : undefined,
      concurrency: options.concurrency,
      retry: options.retry,
      createdAt: now,
      updatedAt: now,
      latestCompleted: now,
    };
    await this.store.put(TASKS, task.id, task);
    this.compiled.set(task.id, { flux: task.flux, script });
    if (task.status === 'active') this.schedule(task, this.nowNs());
    return task;
  }

  /**
   * Runs a read-modify-write of one task's record after the previous one has been stored, so a
   * run completing while the task is updated or deleted neither undoes the update nor brings
   * the deleted task back.
   */
  private serialized<T>(id: string, change: () => Promise<T>): Promise<T> {
    const previous = this.taskWrites.get(id) ?? Promise.resolve();
    const next = previous.then(change, change);
    const settled = next.catch(() => undefined);
    this.taskWrites.set(id, settled);
    void settled.then(() => {
      if (this.taskWrites.get(id) === settled) this.taskWrites.delete(id);
    });
    return next;
  }

  updateTask(id: string, update: TaskUpdate): Promise<FluxTask> {
    return this.serialized(id, () => this.applyUpdate(id, update));
  }

  private async applyUpdate(id: string, update: TaskUpdate): Promise<FluxTask> {
    const task = this.findTask(id);
    if (update.status !== undefined && update.status !== 'active' && update.status !== 'inactive') {
      throw new V2Error('invalid', `failed to decode request: invalid task status: "${update.status}"`);
    }
    if (update.every && update.cron) throw new V2Error('invalid', 'failed to decode request: cannot specify both every and cron');
    if (
      update.flux === undefined &&
      update.status === undefined &&
      update.description === undefined &&
      !update.name &&
      !update.every &&
      !update.cron &&
      update.offset === undefined
    ) {
      throw new V2Error('invalid', 'failed to decode request: cannot update task without content');
    }
    let flux = update.flux ?? task.flux;
    if (update.name || update.every || update.cron || update.offset !== undefined) flux = rewriteTaskOption(flux, update);
    const script = this.compile(flux);
    const options = script.task!;
    const now = this.nowNs();
    const next: FluxTask = {
      ...task,
      flux,
      name: options.name,
      every: options.every ? formatDuration(options.every) : undefined,
      cron: options.cron,
      offset: options.offset && options.offset.ns !== 0n ? formatDuration(options.offset) : undefined,
      concurrency: options.concurrency,
      retry: options.retry,
      description: update.description ?? task.description,
      status: update.status ?? task.status,
      updatedAt: rfc3339(now),
    };
    if (next.status === 'active' && task.status !== 'active') next.latestCompleted = rfc3339((now / 1_000_000_000n) * 1_000_000_000n);
    await this.store.put(TASKS, id, next);
    this.compiled.set(id, { flux, script });
    this.unschedule(id);
    if (next.status === 'active') this.schedule(next, parseTime(next.latestCompleted));
    return next;
  }

  deleteTask(id: string): Promise<void> {
    return this.serialized(id, () => this.applyDelete(id));
  }

  private async applyDelete(id: string): Promise<void> {
    this.findTask(id);
    this.unschedule(id);
    this.compiled.delete(id);
    const runs = this.store.list<FluxRun>(RUNS, `${id}/`);
    await this.store.batch((batch) => {
      batch.delete(TASKS, id);
      for (const run of runs) batch.delete(RUNS, run.key);
    });
  }

  findRuns(taskId: string, filter: RunFilter): FluxRun[] {
    this.findTask(taskId);
    let runs = this.store.list<FluxRun>(RUNS, `${taskId}/`).map((e) => e.value);
    runs.sort((a, b) => {
      const d = parseTime(b.scheduledFor) - parseTime(a.scheduledFor);
      return d > 0n ? 1 : d < 0n ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
    });
    if (filter.after !== undefined) {
      const at = runs.findIndex((r) => r.id === filter.after);
      runs = at < 0 ? runs.filter((r) => r.id < filter.after!) : runs.slice(at + 1);
    }
    if (filter.afterTime !== undefined) runs = runs.filter((r) => parseTime(r.scheduledFor) > filter.afterTime!);
    if (filter.beforeTime !== undefined) runs = runs.filter((r) => parseTime(r.scheduledFor) < filter.beforeTime!);
    return runs.slice(0, filter.limit);
  }

  findRun(taskId: string, runId: string): FluxRun {
    this.findTask(taskId);
    const run = this.store.get<FluxRun>(RUNS, `${taskId}/${runId}`);
    if (run === undefined) throw runNotFound();
    return run;
  }

  findLogs(taskId: string, runId?: string): FluxRun['log'] {
    if (runId !== undefined) return this.findRun(taskId, runId).log;
    this.findTask(taskId);
    const runs = this.store.list<FluxRun>(RUNS, `${taskId}/`).map((e) => e.value);
    return runs.flatMap((r) => r.log);
  }

  /** POST /runs: a run for scheduledFor (default now), executed as soon as possible. */
  async forceRun(taskId: string, scheduledFor?: bigint): Promise<FluxRun> {
    const task = this.findTask(taskId);
    const now = this.nowNs();
    return this.startRun(task, scheduledFor ?? now, now, 0);
  }

  /** A new run with the same scheduledFor as runId, executed now. */
  async retryRun(taskId: string, runId: string): Promise<FluxRun> {
    const task = this.findTask(taskId);
    const run = this.findRun(taskId, runId);
    if (run.status === 'started' || run.status === 'scheduled') {
      throw new V2Error('conflict', `previous retry for start=${run.scheduledFor} end=${run.scheduledFor} has not yet finished`);
    }
    return this.startRun(task, parseTime(run.scheduledFor), this.nowNs(), 0);
  }

  /** DELETE /runs/:rid: cancels a run that has not finished. */
  async cancelRun(taskId: string, runId: string): Promise<void> {
    const run = this.findRun(taskId, runId);
    if (run.status !== 'started' && run.status !== 'scheduled') throw runNotFound();
    const now = rfc3339(this.nowNs());
    await this.store.put(RUNS, `${taskId}/${runId}`, {
      ...run,
      status: 'canceled',
      finishedAt: now,
      log: [...run.log, { runID: runId, time: now, message: 'run canceled' }],
    });
  }

  // ---- scheduling ----

  private unschedule(id: string): void {
    const timer = this.timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(id);
  }

  /** The first scheduled time strictly after `after` (epoch ns). */
  static nextScheduled(task: Pick<FluxTask, 'every' | 'cron'>, script: CompiledScript, after: bigint): bigint {
    const options = script.task!;
    if (options.every !== undefined) {
      const every = options.every.ns;
      return after - (((after % every) + every) % every) + every;
    }
    return CronSchedule.parse(task.cron!).next(after);
  }

  private schedule(task: FluxTask, after: bigint): void {
    if (this.closed) return;
    let script: CompiledScript;
    try {
      script = this.scriptOf(task);
    } catch (error) {
      this.logger.error({ task: task.id, err: error }, 'cannot schedule Flux task');
      return;
    }
    const scheduledFor = FluxTaskService.nextScheduled(task, script, after);
    if (scheduledFor === 0n) return;
    const offset = script.task!.offset?.ns ?? 0n;
    const dueMs = Number((scheduledFor + offset) / NS_PER_MS);
    const delay = Math.max(0, dueMs - this.clock());
    const timer = setTimeout(
      () => {
        this.timers.delete(task.id);
        const current = this.store.get<FluxTask>(TASKS, task.id);
        if (current === undefined || current.status !== 'active' || this.closed) return;
        this.schedule(current, scheduledFor);
        void this.startRun(current, scheduledFor, undefined, 0).catch((error) => {
          this.logger.error({ task: task.id, err: error }, 'Flux task run failed to start');
        });
      },
      Math.min(delay, 2_147_483_647),
    );
    timer.unref?.();
    this.timers.set(task.id, timer);
  }

  private scriptOf(task: FluxTask): CompiledScript {
    const cached = this.compiled.get(task.id);
    if (cached !== undefined && cached.flux === task.flux) return cached.script;
    const script = this.compile(task.flux);
    this.compiled.set(task.id, { flux: task.flux, script });
    return script;
  }

  // ---- execution ----

  /** Records a run (durably) and executes it when a concurrency slot is free. */
  private async startRun(task: FluxTask, scheduledFor: bigint, requestedAt: bigint | undefined, attempt: number): Promise<FluxRun> {
    const id = newId();
    const run: FluxRun = {
      id,
      taskID: task.id,
      status: 'scheduled',
      scheduledFor: rfc3339(scheduledFor),
      requestedAt: requestedAt === undefined ? undefined : rfc3339(requestedAt),
      log: [],
      attempt,
    };
    await this.store.put(RUNS, `${task.id}/${id}`, run);
    const active = this.active.get(task.id) ?? new Set<string>();
    this.active.set(task.id, active);
    active.add(id);
    const limit = Math.max(task.concurrency ?? 1, 1);
    const execute = (): void => {
      void this.execute(task.id, id).finally(() => this.release(task.id, id));
    };
    if (this.runningCount(task.id) < limit) {
      this.running.add(`${task.id}/${id}`);
      execute();
    } else {
      const queue = this.queues.get(task.id) ?? [];
      this.queues.set(task.id, queue);
      queue.push(() => {
        this.running.add(`${task.id}/${id}`);
        execute();
      });
    }
    return run;
  }

  private readonly running = new Set<string>();

  private runningCount(taskId: string): number {
    let n = 0;
    for (const key of this.running) if (key.startsWith(`${taskId}/`)) n++;
    return n;
  }

  private release(taskId: string, runId: string): void {
    this.running.delete(`${taskId}/${runId}`);
    this.active.get(taskId)?.delete(runId);
    const next = this.queues.get(taskId)?.shift();
    if (next !== undefined) next();
  }

  /** A run's end, stored with its task's last status; undefined when the run or task is gone. */
  private async complete(
    taskId: string,
    runId: string,
    started: FluxRun,
    status: RunStatus,
    errorMessage: string | undefined,
    log: (message: string) => void,
  ): Promise<{ run: FluxRun; updatedTask: FluxTask; current: FluxTask; scheduledFor: bigint } | undefined> {
    const key = `${taskId}/${runId}`;
    const latest = this.store.get<FluxRun>(RUNS, key);
    const task = this.store.get<FluxTask>(TASKS, taskId);
    if (latest?.status === 'canceled' || task === undefined) return undefined;
    log(`Completed(${status})`);
    const finishedAt = this.nowNs();
    const run: FluxRun = { ...started, status, finishedAt: rfc3339(finishedAt) };
    const current = task;
    const scheduledFor = parseTime(run.scheduledFor);
    const updatedTask: FluxTask = {
      ...current,
      lastRunStatus: status,
      lastRunError: errorMessage,
      latestCompleted: scheduledFor > parseTime(current.latestCompleted) ? run.scheduledFor : current.latestCompleted,
    };
    const expired = this.expiredRuns(taskId, finishedAt, runId);
    await this.store.batch((batch) => {
      batch.put(RUNS, key, run);
      batch.put(TASKS, taskId, updatedTask);
      for (const old of expired) batch.delete(RUNS, old);
    });
    return { run, updatedTask, current, scheduledFor };
  }

  private async execute(taskId: string, runId: string): Promise<void> {
    const key = `${taskId}/${runId}`;
    const task = this.store.get<FluxTask>(TASKS, taskId);
    let run = this.store.get<FluxRun>(RUNS, key);
    if (task === undefined || run === undefined || run.status === 'canceled') return;
    const startedAt = this.nowNs();
    const log = (message: string) => {
      run!.log.push({ runID: runId, time: rfc3339(this.nowNs()), message });
    };
    run = { ...run, status: 'started', startedAt: rfc3339(startedAt), log: [...run.log] };
    log(`Started task from script: ${JSON.stringify(task.flux)}`);
    await this.store.put(RUNS, key, run);
    let status: RunStatus = 'success';
    let errorMessage: string | undefined;
    try {
      const script = this.scriptOf(task);
      const result = await runScript(script, { now: parseTime(run.scheduledFor), source: this.source, log });
      if (result.pointsWritten > 0) log(`wrote ${result.pointsWritten} points`);
    } catch (error) {
      status = 'failed';
      errorMessage = error instanceof V2Error || error instanceof FluxError ? error.message : `could not execute task run: ${(error as Error).message}`;
      log(errorMessage);
    }
    const completed = await this.serialized(taskId, () => this.complete(taskId, runId, run!, status, errorMessage, log));
    if (completed === undefined) return;
    const { updatedTask, scheduledFor, current } = completed;
    run = completed.run;
    if (this.settings.runWriter !== undefined) {
      await this.settings.runWriter(this.runPoint(run)).catch((error) => {
        this.logger.warn({ task: taskId, err: error }, 'failed to write Flux task run to InfluxDB');
      });
    }
    const attempt = run.attempt ?? 0;
    if (status === 'failed' && attempt < (current.retry ?? 0) && !this.closed) {
      setTimeout(() => {
        void this.startRun(updatedTask, scheduledFor, this.nowNs(), attempt + 1).catch(() => undefined);
      }, 1000).unref?.();
    }
  }

  /** Runs beyond the history count or age (never the one just finished). */
  private expiredRuns(taskId: string, now: bigint, keep: string): string[] {
    const runs = this.store.list<FluxRun>(RUNS, `${taskId}/`);
    const oldestAllowed = now - BigInt(this.settings.historyAgeMs) * NS_PER_MS;
    const expired: string[] = [];
    const finished = runs.filter((r) => r.value.status !== 'started' && r.value.status !== 'scheduled' && r.value.id !== keep);
    const excess = runs.length - this.settings.historyCount;
    for (let i = 0; i < finished.length; i++) {
      const entry = finished[i]!;
      if (i < excess || parseTime(entry.value.finishedAt ?? entry.value.scheduledFor) < oldestAllowed) expired.push(entry.key);
    }
    return expired;
  }

  private runPoint(run: FluxRun): Point {
    return {
      name: this.settings.runMeasurement,
      tags: { status: run.status, taskID: run.taskID },
      fields: {
        runID: run.id,
        startedAt: run.startedAt ?? '',
        finishedAt: run.finishedAt ?? '',
        scheduledFor: run.scheduledFor,
        requestedAt: run.requestedAt ?? '',
        logs: JSON.stringify(run.log),
      },
      time: parseTime(run.scheduledFor),
      database: '',
      retentionPolicy: '',
    };
  }
}

/** Rewrites the fields of `option task = {...}` in a script (PATCH with name/every/cron/offset). */
function rewriteTaskOption(flux: string, update: TaskUpdate): string {
  const match = /option\s+task\s*=\s*\{([^}]*)\}/.exec(flux);
  if (match === null) throw new V2Error('invalid', 'invalid options: no task options defined');
  const body = match[1]!;
  const props = new Map<string, string>();
  const order: string[] = [];
  for (const part of body.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const key = part.slice(0, colon).trim();
    props.set(key, part.slice(colon + 1).trim());
    order.push(key);
  }
  const set = (key: string, value: string) => {
    if (!props.has(key)) order.push(key);
    props.set(key, value);
  };
  if (update.name) set('name', JSON.stringify(update.name));
  if (update.every) {
    set('every', update.every);
    props.delete('cron');
  }
  if (update.cron) {
    set('cron', JSON.stringify(update.cron));
    props.delete('every');
  }
  if (update.offset !== undefined) {
    if (update.offset === '' || update.offset === '0s') props.delete('offset');
    else set('offset', update.offset);
  }
  const rebuilt = `option task = {${order
    .filter((k, i) => props.has(k) && order.indexOf(k) === i)
    .map((k) => `${k}: ${props.get(k)}`)
    .join(', ')}}`;
  return flux.slice(0, match.index) + rebuilt + flux.slice(match.index + match[0].length);
}
