// Tasks: define, update, enable/disable, delete and list them as Kapacitor 1.5 does, keep
// them in the store, and start enabled tasks in the engine (again on boot, and after their
// template changes). Never loses a stored task: a task is written before it is started, and a
// task that fails to start keeps its definition and records the error. Templates live in
// template-service.ts, request parsing in task-request.ts, paging in paging.ts.

import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { FileAccessCheck } from '../../config/file-access.js';
import type { Logger } from 'pino';
import type { Pipeline } from '../../pipeline/types.js';
import type { Store } from '../../storage/store.js';
import { ServiceError } from '../../errors/service-error.js';
import { requestErrors, taskErrors } from '../../errors/catalogue.js';
import { formatScript, TaskCompiler, taskDot, type CompiledTask } from './task-compiler.js';
import type { TaskEngine } from './task-engine.js';
import { paginate, type ListOptions } from './paging.js';
import {
  checkId,
  compileOrThrow,
  newId as newTaskId,
  nowRFC3339,
  optionalString,
  parseDBRPs,
  parseStatus,
  parseTaskType,
  parseVars,
  resolveDBRPs,
  type TaskOptions,
} from './task-request.js';
import { TASKS_BUCKET, TEMPLATES_BUCKET, ZERO_TIME, type TaskRecord, type TaskType, type TemplateRecord } from './task-record.js';
import { TASK_FIELDS, parseDotView, parseScriptFormat, statsJSON, taskFieldValue, type TaskComputed } from './task-view.js';

export type { ListOptions } from './paging.js';
export type { TaskOptions } from './task-request.js';

export interface ViewOptions {
  scriptFormat?: string;
  dotView?: string;
}

export class TaskService {
  constructor(
    private readonly store: Store,
    private readonly engine: TaskEngine,
    private readonly logger: Logger,
    /** Compiles every task and template; recordings and replays use it too. */
    readonly compiler: TaskCompiler = new TaskCompiler(),
    /** Decides which sideload file:// sources a task defined through the API may read. */
    private readonly fileAccess?: FileAccessCheck,
  ) {}

  /**
   * Refuses (403) a sideload file:// source outside the allowed directories, for scripts that
   * come through the API ('api'); scripts of the [load] directory are trusted like the config file.
   */
  checkFileSources(pipeline: Pipeline, origin: TaskOrigin): void {
    if (origin === 'trusted' || this.fileAccess === undefined) return;
    for (const node of pipeline.nodes) {
      if (node.kind !== 'sideload') continue;
      for (const property of node.properties) {
        const source = property.args[0];
        if (property.name !== 'source' || typeof source !== 'string' || !source.startsWith('file://')) continue;
        const refused = this.fileAccess('sideload source', sideloadDir(source));
        if (refused !== undefined) throw taskErrors.fileRefused(refused);
      }
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /** Starts every enabled task, as Kapacitor does on boot. Failures are logged and recorded. */
  async startEnabledTasks(): Promise<void> {
    for (const { value: task } of this.store.list<TaskRecord>(TASKS_BUCKET)) {
      if (task.status !== 'enabled') continue;
      try {
        await this.start(task);
        this.logger.debug({ task: task.id }, 'started task during startup');
      } catch (error) {
        this.logger.error({ task: task.id, err: (error as Error).message }, 'error starting enabled task');
      }
    }
  }

  stopAll(): void {
    for (const { key } of this.store.list<TaskRecord>(TASKS_BUCKET)) {
      if (this.engine.isExecuting(key)) this.engine.stopTask(key);
    }
  }

  counts(): { tasks: number; enabled: number } {
    const tasks = this.store.list<TaskRecord>(TASKS_BUCKET);
    return { tasks: tasks.length, enabled: tasks.filter((t) => t.value.status === 'enabled').length };
  }

  // ---- tasks -----------------------------------------------------------------------------

  get(id: string): TaskRecord {
    const task = this.store.get<TaskRecord>(TASKS_BUCKET, id);
    if (task === undefined) throw taskErrors.notFound();
    return task;
  }

  find(id: string): TaskRecord | undefined {
    return this.store.get<TaskRecord>(TASKS_BUCKET, id);
  }

  async create(options: TaskOptions, origin: TaskOrigin = 'api'): Promise<TaskRecord> {
    const id = newTaskId('task', options.id);
    if (this.find(id) !== undefined) throw taskErrors.exists(id);

    const templateId = optionalString(options['template-id'], 'template-id');
    let type: TaskType | undefined;
    let script: string;
    if (templateId !== '') {
      const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, templateId);
      if (template === undefined) throw taskErrors.unknownTemplate(templateId);
      type = template.type;
      script = template.script;
    } else {
      type = parseTaskType(options.type, true);
      script = optionalString(options.script, 'script');
      if (script === '') throw requestErrors.mustProvideTICKscript();
    }
    const vars = parseVars(options.vars);
    const compiled = compileOrThrow(this.compiler, script, type, vars);
    this.checkFileSources(compiled.pipeline, origin);
    const dbrps = resolveDBRPs(parseDBRPs(options.dbrps), compiled);
    const status = parseStatus(options.status) ?? 'disabled';

    const now = nowRFC3339();
    const task: TaskRecord = {
      id,
      templateId,
      type: compiled.type,
      dbrps,
      script,
      vars,
      status,
      error: '',
      created: now,
      modified: now,
      lastEnabled: status === 'enabled' ? now : ZERO_TIME,
    };
    await this.store.batch((batch) => {
      batch.put(TASKS_BUCKET, id, task);
      if (templateId !== '') this.associate(batch, templateId, id);
    });
    if (status === 'enabled') await this.start(task, compiled);
    return this.get(id);
  }

  async update(id: string, options: TaskOptions, origin: TaskOrigin = 'api'): Promise<TaskRecord> {
    const existing = this.store.get<TaskRecord>(TASKS_BUCKET, id);
    if (existing === undefined) throw taskErrors.notFoundForUpdate();
    const updated: TaskRecord = { ...existing };

    const newId = optionalString(options.id, 'id');
    if (newId !== '' && newId !== id) {
      checkId('task', newId);
      if (this.find(newId) !== undefined) throw taskErrors.exists(newId);
      updated.id = newId;
    }

    const templateId = optionalString(options['template-id'], 'template-id') || existing.templateId;
    if (templateId !== '') {
      const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, templateId);
      if (template === undefined) throw taskErrors.unknownTemplate(templateId);
      updated.templateId = templateId;
      updated.type = template.type;
      updated.script = template.script;
    } else {
      updated.type = parseTaskType(options.type, false) ?? existing.type;
      const script = optionalString(options.script, 'script');
      if (script !== '') updated.script = script;
    }
    const dbrps = parseDBRPs(options.dbrps);
    if (dbrps.length > 0) updated.dbrps = dbrps;
    const status = parseStatus(options.status);
    if (status !== undefined) updated.status = status;
    if (options.vars !== undefined && options.vars !== null && Object.keys(options.vars).length > 0) {
      updated.vars = parseVars(options.vars);
    }

    const compiled = compileOrThrow(this.compiler, updated.script, updated.type, updated.vars);
    // Only a changed definition is checked: enabling a task keeps the sources it was given.
    if (updated.script !== existing.script || !isDeepStrictEqual(updated.vars, existing.vars)) this.checkFileSources(compiled.pipeline, origin);
    updated.type = compiled.type;
    if (compiled.dbrps.length > 0) {
      if (dbrps.length > 0) throw taskErrors.dbrpBothOnUpdate();
      updated.dbrps = compiled.dbrps;
    } else if (dbrps.length === 0 && updated.script !== existing.script && hasDbrpStatements(this.compiler, existing)) {
      throw taskErrors.mustSpecifyDbrp();
    }

    const now = nowRFC3339();
    updated.modified = now;
    const becameEnabled = updated.status === 'enabled' && existing.status !== 'enabled';
    if (becameEnabled) updated.lastEnabled = now;

    const wasExecuting = this.engine.isExecuting(id);
    await this.store.batch((batch) => {
      if (updated.id !== id) batch.delete(TASKS_BUCKET, id);
      batch.put(TASKS_BUCKET, updated.id, updated);
      if (existing.templateId !== updated.templateId || updated.id !== id) {
        if (existing.templateId !== '') this.disassociate(batch, existing.templateId, id);
        if (updated.templateId !== '') this.associate(batch, updated.templateId, updated.id);
      }
    });
    if (wasExecuting) this.engine.stopTask(id);
    if (updated.status === 'enabled') await this.start(updated, compiled);
    return this.get(updated.id);
  }

  async delete(id: string): Promise<void> {
    const task = this.find(id);
    if (task === undefined) return;
    if (this.engine.isExecuting(id)) this.engine.stopTask(id);
    await this.store.batch((batch) => {
      batch.delete(TASKS_BUCKET, id);
      if (task.templateId !== '') this.disassociate(batch, task.templateId, id);
    });
    this.engine.taskDeleted?.(id);
  }

  list(options: ListOptions): Record<string, unknown>[] {
    const fields = options.fields.length === 0 ? [...TASK_FIELDS] : [...options.fields, 'id', 'link'];
    const page = paginate(
      this.store.list<TaskRecord>(TASKS_BUCKET).map((e) => e.value),
      options,
    );
    const view = { scriptFormat: options.scriptFormat, dotView: options.dotView };
    return page.map((task) => this.pick(task, fields, view));
  }

  /** The full API view of one task. */
  view(task: TaskRecord, options: ViewOptions = {}): Record<string, unknown> {
    return this.pick(task, [...TASK_FIELDS], options);
  }

  private pick(task: TaskRecord, fields: string[], options: ViewOptions): Record<string, unknown> {
    const scriptFormat = parseScriptFormat(options.scriptFormat ?? '');
    const dotView = parseDotView(options.dotView ?? '');
    let computed: TaskComputed | undefined;
    const compute = (): TaskComputed => (computed ??= this.computeView(task, scriptFormat === 'formatted', dotView === 'labels'));
    const out: Record<string, unknown> = {};
    for (const field of fields) out[field] = taskFieldValue(field, task, compute);
    return out;
  }

  /** Compiled pipelines for views, reused while a task's script, type and vars are unchanged. */
  private readonly viewPipelines = new Map<string, { key: string; compiled: CompiledTask }>();

  private viewCompile(task: TaskRecord): CompiledTask {
    const key = JSON.stringify([task.script, task.type, task.vars]);
    const cached = this.viewPipelines.get(task.id);
    if (cached !== undefined && cached.key === key) return cached.compiled;
    const compiled = this.compiler.compile(task.script, task.type, task.vars);
    if (this.viewPipelines.size > 10000) this.viewPipelines.clear();
    this.viewPipelines.set(task.id, { key, compiled });
    return compiled;
  }

  private computeView(task: TaskRecord, formatted: boolean, labels: boolean): TaskComputed {
    const executing = this.engine.isExecuting(task.id);
    const script = formatted ? formatScript(task.script) : task.script;
    let error = task.error;
    const stats = executing ? this.engine.stats(task.id) : undefined;
    let compiled: CompiledTask | undefined;
    try {
      compiled = this.viewCompile(task);
    } catch (err) {
      error = (err as Error).message;
    }
    // The DOT is rendered only when the view asks for it (stats polling skips it).
    let dot: string | undefined;
    return {
      script,
      executing,
      error,
      stats: statsJSON(stats),
      type: task.type,
      get dot() {
        return (dot ??= compiled === undefined ? '' : taskDot(task.id, compiled.pipeline, stats, labels));
      },
    };
  }

  /**
   * Runs a task again after its template changed (the store already holds the new script):
   * stops it and, when enabled, starts it with `compiled`; a failure is logged and recorded.
   */
  async reload(id: string, compiled: CompiledTask): Promise<void> {
    const task = this.get(id);
    if (this.engine.isExecuting(task.id)) this.engine.stopTask(task.id);
    if (task.status !== 'enabled') return;
    try {
      await this.start(task, compiled);
    } catch (error) {
      this.logger.error({ task: task.id, err: (error as Error).message }, 'error reloading associated task');
    }
  }

  private async start(task: TaskRecord, compiled?: CompiledTask): Promise<void> {
    try {
      const ready = compiled ?? compileOrThrow(this.compiler, task.script, task.type, task.vars);
      this.engine.startTask(task.id, ready.pipeline, task.dbrps);
      if (task.error !== '') await this.saveError(task.id, '');
    } catch (error) {
      const message = (error as Error).message;
      await this.saveError(task.id, message);
      throw taskErrors.startFailed(error instanceof ServiceError ? error.status : 400, message);
    }
  }

  /**
   * An executing task ended because a node failed (task_store startTask: the task is stopped,
   * stays enabled, and its error is saved until it starts again).
   */
  async taskFailed(id: string, message: string): Promise<void> {
    if (this.engine.isExecuting(id)) this.engine.stopTask(id);
    this.logger.error({ task: id, err: message }, 'task finished with error');
    await this.saveError(id, message);
  }

  private async saveError(id: string, message: string): Promise<void> {
    const task = this.find(id);
    if (task === undefined) return;
    task.error = message;
    await this.store.put(TASKS_BUCKET, id, task);
  }

  private associate(batch: { put(bucket: string, key: string, value: unknown): void }, templateId: string, taskId: string): void {
    const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, templateId);
    if (template === undefined || template.taskIds.includes(taskId)) return;
    batch.put(TEMPLATES_BUCKET, templateId, { ...template, taskIds: [...template.taskIds, taskId] });
  }

  private disassociate(batch: { put(bucket: string, key: string, value: unknown): void }, templateId: string, taskId: string): void {
    const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, templateId);
    if (template === undefined) return;
    batch.put(TEMPLATES_BUCKET, templateId, { ...template, taskIds: template.taskIds.filter((t) => t !== taskId) });
  }
}

function hasDbrpStatements(compiler: TaskCompiler, task: TaskRecord): boolean {
  try {
    return compiler.compile(task.script, task.type, task.vars).dbrps.length > 0;
  } catch {
    return false;
  }
}

/** Where a task's script comes from: the API (checked) or the [load] directory (trusted). */
export type TaskOrigin = 'api' | 'trusted';

/** The directory of a sideload file:// source. */
function sideloadDir(source: string): string {
  return source.startsWith('file:///') ? fileURLToPath(source) : source.slice('file://'.length);
}
