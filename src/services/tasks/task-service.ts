// Tasks and templates: define, update, enable/disable, delete and list them as Kapacitor 1.5
// does, keep them in the store, and start enabled tasks in the engine (again on boot).
// Never loses a stored task: a task is written before it is started, and a task that fails
// to start keeps its definition and records the error.

import { checkIdLength } from '../id-check.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { compileGlob } from '../../util/glob.js';
import type { DBRP } from '../../pipeline/types.js';
import type { Store } from '../../storage/store.js';
import { ServiceError } from '../../errors/service-error.js';
import { formatScript, TaskCompiler, taskDot, templateVars, type CompiledTask, type CompileOptions } from './task-compiler.js';
import type { TaskEngine } from './task-engine.js';
import {
  TASKS_BUCKET, TEMPLATES_BUCKET, ZERO_TIME,
  type TaskRecord, type TaskStatus, type TaskType, type TemplateRecord, type VarSpec,
} from './task-record.js';
import {
  TASK_FIELDS, TEMPLATE_FIELDS, parseDotView, parseScriptFormat, statsJSON, taskFieldValue,
  templateFieldValue, type TaskComputed,
} from './task-view.js';

const VALID_ID = /^[-._\p{L}0-9]+$/u;

export interface TaskOptions {
  id?: unknown;
  'template-id'?: unknown;
  type?: unknown;
  dbrps?: unknown;
  script?: unknown;
  status?: unknown;
  vars?: unknown;
}

export interface ListOptions {
  pattern: string;
  fields: string[];
  offset: string;
  limit: string;
  scriptFormat: string;
  dotView: string;
}

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
  ) {}

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
    if (task === undefined) throw new ServiceError(404, 'no task exists');
    return task;
  }

  find(id: string): TaskRecord | undefined {
    return this.store.get<TaskRecord>(TASKS_BUCKET, id);
  }

  async create(options: TaskOptions): Promise<TaskRecord> {
    const id = optionalString(options.id, 'id') || randomUUID();
    checkIdLength('task ID', id);
    if (!VALID_ID.test(id)) {
      throw new ServiceError(400, `task ID must contain only letters, numbers, '-', '.' and '_'. ${JSON.stringify(id)}`);
    }
    if (this.find(id) !== undefined) throw new ServiceError(400, `task ${id} already exists`);

    const templateId = optionalString(options['template-id'], 'template-id');
    let type: TaskType | undefined;
    let script: string;
    if (templateId !== '') {
      const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, templateId);
      if (template === undefined) throw new ServiceError(400, `unknown template ${templateId}: err: no template exists`);
      type = template.type;
      script = template.script;
    } else {
      type = parseTaskType(options.type, true);
      script = optionalString(options.script, 'script');
      if (script === '') throw new ServiceError(400, 'must provide TICKscript');
    }
    const vars = parseVars(options.vars);
    const compiled = compileOrThrow(this.compiler, script, type, vars);
    const dbrps = resolveDBRPs(parseDBRPs(options.dbrps), compiled);
    const status = parseStatus(options.status) ?? 'disabled';

    const now = nowRFC3339();
    const task: TaskRecord = {
      id, templateId, type: compiled.type, dbrps, script, vars, status, error: '',
      created: now, modified: now, lastEnabled: status === 'enabled' ? now : ZERO_TIME,
    };
    await this.store.batch((batch) => {
      batch.put(TASKS_BUCKET, id, task);
      if (templateId !== '') this.associate(batch, templateId, id);
    });
    if (status === 'enabled') await this.start(task, compiled);
    return this.get(id);
  }

  async update(id: string, options: TaskOptions): Promise<TaskRecord> {
    const existing = this.store.get<TaskRecord>(TASKS_BUCKET, id);
    if (existing === undefined) throw new ServiceError(404, 'task does not exist, cannot update');
    const updated: TaskRecord = { ...existing };

    const newId = optionalString(options.id, 'id');
    if (newId !== '' && newId !== id) {
      checkIdLength('task ID', newId);
      if (!VALID_ID.test(newId)) {
        throw new ServiceError(400, `task ID must contain only letters, numbers, '-', '.' and '_'. ${JSON.stringify(newId)}`);
      }
      if (this.find(newId) !== undefined) throw new ServiceError(400, `task ${newId} already exists`);
      updated.id = newId;
    }

    const templateId = optionalString(options['template-id'], 'template-id') || existing.templateId;
    if (templateId !== '') {
      const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, templateId);
      if (template === undefined) throw new ServiceError(400, `unknown template ${templateId}: err: no template exists`);
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
    updated.type = compiled.type;
    if (compiled.dbrps.length > 0) {
      if (dbrps.length > 0) throw new ServiceError(400, 'cannot specify dbrp in implicitly and explicitly');
      updated.dbrps = compiled.dbrps;
    } else if (dbrps.length === 0 && updated.script !== existing.script && hasDbrpStatements(this.compiler, existing)) {
      throw new ServiceError(400, 'must specify dbrp');
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
    const page = paginate(this.store.list<TaskRecord>(TASKS_BUCKET).map((e) => e.value), options);
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
      script, executing, error, stats: statsJSON(stats), type: task.type,
      get dot() { return (dot ??= compiled === undefined ? '' : taskDot(task.id, compiled.pipeline, stats, labels)); },
    };
  }

  private async start(task: TaskRecord, compiled?: CompiledTask): Promise<void> {
    try {
      const ready = compiled ?? compileOrThrow(this.compiler, task.script, task.type, task.vars);
      this.engine.startTask(task.id, ready.pipeline, task.dbrps);
      if (task.error !== '') await this.saveError(task.id, '');
    } catch (error) {
      const message = (error as Error).message;
      await this.saveError(task.id, message);
      throw new ServiceError(error instanceof ServiceError ? error.status : 400, message);
    }
  }

  private async saveError(id: string, message: string): Promise<void> {
    const task = this.find(id);
    if (task === undefined) return;
    task.error = message;
    await this.store.put(TASKS_BUCKET, id, task);
  }

  // ---- templates ---------------------------------------------------------------------------

  findTemplate(id: string): TemplateRecord | undefined {
    return this.store.get<TemplateRecord>(TEMPLATES_BUCKET, id);
  }

  getTemplate(id: string): TemplateRecord {
    const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, id);
    if (template === undefined) throw new ServiceError(404, 'no template exists');
    return template;
  }

  async createTemplate(options: TaskOptions): Promise<TemplateRecord> {
    const id = optionalString(options.id, 'id') || randomUUID();
    checkIdLength('template ID', id);
    if (!VALID_ID.test(id)) {
      throw new ServiceError(400, `template ID must contain only letters, numbers, '-', '.' and '_'. ${JSON.stringify(id)}`);
    }
    if (this.store.get(TEMPLATES_BUCKET, id) !== undefined) throw new ServiceError(400, `template ${id} already exists`);
    const script = optionalString(options.script, 'script');
    if (script === '') throw new ServiceError(400, 'must provide TICKscript');
    const compiled = compileTemplateOrThrow(this.compiler, script, parseTaskType(options.type, true));
    const now = nowRFC3339();
    const template: TemplateRecord = { id, type: compiled.type, script, error: '', created: now, modified: now, taskIds: [] };
    await this.store.put(TEMPLATES_BUCKET, id, template);
    return template;
  }

  /** Updates a template and redefines (and restarts) every task made from it. */
  async updateTemplate(id: string, options: TaskOptions): Promise<TemplateRecord> {
    const existing = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, id);
    if (existing === undefined) throw new ServiceError(404, 'template does not exist, cannot update');
    const updated: TemplateRecord = { ...existing };
    updated.type = parseTaskType(options.type, false) ?? existing.type;
    const script = optionalString(options.script, 'script');
    if (script !== '') updated.script = script;
    updated.type = compileTemplateOrThrow(this.compiler, updated.script, updated.type).type;

    const tasks = existing.taskIds.map((taskId) => this.find(taskId)).filter((t): t is TaskRecord => t !== undefined);
    const compiledTasks = tasks.map((task) => {
      try {
        return this.compiler.compile(updated.script, updated.type, task.vars);
      } catch (error) {
        throw new ServiceError(400, `error reloading associated task ${task.id}: ${(error as Error).message}`);
      }
    });
    updated.modified = nowRFC3339();
    await this.store.batch((batch) => {
      batch.put(TEMPLATES_BUCKET, id, updated);
      for (const task of tasks) batch.put(TASKS_BUCKET, task.id, { ...task, script: updated.script, type: updated.type, modified: updated.modified });
    });
    for (let i = 0; i < tasks.length; i++) {
      const task = this.get(tasks[i]!.id);
      if (this.engine.isExecuting(task.id)) this.engine.stopTask(task.id);
      if (task.status === 'enabled') {
        try {
          await this.start(task, compiledTasks[i]);
        } catch (error) {
          this.logger.error({ task: task.id, err: (error as Error).message }, 'error reloading associated task');
        }
      }
    }
    return updated;
  }

  async deleteTemplate(id: string): Promise<void> {
    await this.store.delete(TEMPLATES_BUCKET, id);
  }

  listTemplates(options: ListOptions): Record<string, unknown>[] {
    const fields = options.fields.length === 0 ? [...TEMPLATE_FIELDS] : [...options.fields, 'id', 'link'];
    const page = paginate(this.store.list<TemplateRecord>(TEMPLATES_BUCKET).map((e) => e.value), options);
    return page.map((template) => this.pickTemplate(template, fields, options.scriptFormat));
  }

  viewTemplate(template: TemplateRecord, scriptFormat = ''): Record<string, unknown> {
    return this.pickTemplate(template, [...TEMPLATE_FIELDS], scriptFormat);
  }

  private pickTemplate(template: TemplateRecord, fields: string[], scriptFormatParam: string): Record<string, unknown> {
    const formatted = parseScriptFormat(scriptFormatParam) === 'formatted';
    let computed: { script: string; dot: string; vars: Record<string, VarSpec>; error: string } | undefined;
    const compute = () => {
      if (computed === undefined) {
        const script = formatted ? formatScript(template.script) : template.script;
        try {
          const pipeline = compileTemplateOrThrow(this.compiler, template.script, template.type);
          computed = { script, dot: taskDot(template.id, pipeline.pipeline), vars: templateVars(template.script, template.type), error: template.error };
        } catch (error) {
          computed = { script, dot: '', vars: {}, error: (error as Error).message };
        }
      }
      return computed;
    };
    const out: Record<string, unknown> = {};
    for (const field of fields) out[field] = templateFieldValue(field, template, compute);
    return out;
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

function compileOrThrow(compiler: TaskCompiler, script: string, type: TaskType | undefined, vars: Record<string, VarSpec>, options: CompileOptions = {}): CompiledTask {
  try {
    return compiler.compile(script, type, vars, options);
  } catch (error) {
    throw new ServiceError(400, (error as Error).message);
  }
}

/** A template compiles with its own default vars (typed declarations without value are allowed). */
function compileTemplateOrThrow(compiler: TaskCompiler, script: string, type: TaskType | undefined): CompiledTask {
  return compileOrThrow(compiler, script, type, {}, { template: true });
}

/** The dbrps a task runs with: the request's, else the script's dbrp statements; never both. */
function resolveDBRPs(requested: DBRP[], compiled: CompiledTask): DBRP[] {
  if (requested.length > 0 && compiled.dbrps.length > 0) {
    throw new ServiceError(400, 'cannot specify dbrp in both implicitly and explicitly');
  }
  const dbrps = requested.length > 0 ? requested : compiled.dbrps;
  if (dbrps.length === 0) throw new ServiceError(400, 'must specify dbrp');
  return dbrps;
}

function hasDbrpStatements(compiler: TaskCompiler, task: TaskRecord): boolean {
  try {
    return compiler.compile(task.script, task.type, task.vars).dbrps.length > 0;
  } catch {
    return false;
  }
}

function optionalString(value: unknown, name: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ServiceError(400, `invalid JSON: ${name} must be a string`);
  return value;
}

function parseTaskType(value: unknown, required: true): TaskType | undefined;
function parseTaskType(value: unknown, required: false): TaskType | undefined;
function parseTaskType(value: unknown, _required: boolean): TaskType | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === 'stream' || value === 'batch') return value;
  throw new ServiceError(400, `unknown type ${JSON.stringify(value)}`);
}

function parseStatus(value: unknown): TaskStatus | undefined {
  if (value === 'enabled' || value === 'disabled') return value;
  if (value === undefined || value === null || value === '') return undefined;
  throw new ServiceError(400, `invalid status ${JSON.stringify(value)}`);
}

function parseDBRPs(value: unknown): DBRP[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ServiceError(400, 'invalid JSON: dbrps must be a list');
  return value.map((item) => {
    if (item === null || typeof item !== 'object') throw new ServiceError(400, 'invalid JSON: dbrps must be a list of {"db", "rp"}');
    const { db, rp } = item as Record<string, unknown>;
    if (typeof db !== 'string' || typeof rp !== 'string') throw new ServiceError(400, 'invalid JSON: dbrps must be a list of {"db", "rp"}');
    return { db, rp };
  });
}

function parseVars(value: unknown): Record<string, VarSpec> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ServiceError(400, 'invalid JSON: vars must be an object');
  const vars: Record<string, VarSpec> = {};
  for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
    if (spec === null || typeof spec !== 'object' || typeof (spec as VarSpec).type !== 'string') {
      throw new ServiceError(400, `invalid var ${name}: a var needs a type and a value`);
    }
    const { type, value: varValue, description } = spec as VarSpec;
    vars[name] = { type, value: varValue, description: typeof description === 'string' ? description : '' };
  }
  return vars;
}

function paginate<T extends { id: string }>(items: T[], options: { pattern: string; offset: string; limit: string }): T[] {
  const offset = parseIntParam('offset', options.offset, 0);
  const limit = parseIntParam('limit', options.limit, 100);
  let matched = items;
  if (options.pattern !== '') {
    let match: (id: string) => boolean;
    try {
      match = compileGlob(options.pattern);
    } catch {
      throw new ServiceError(400, `invalid pattern ${JSON.stringify(options.pattern)}: syntax error in pattern`);
    }
    matched = items.filter((item) => match(item.id));
  }
  return matched.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit));
}

function parseIntParam(name: string, value: string, fallback: number): number {
  if (value === '') return fallback;
  if (!/^[-+]?\d+$/.test(value)) {
    throw new ServiceError(400, `invalid ${name} parameter ${JSON.stringify(value)} must be an integer: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  return Number(value);
}

function nowRFC3339(): string {
  return new Date().toISOString();
}
