// Templates: define, update, delete and list task templates as Kapacitor 1.5 does, keep them in
// the store; updating one redefines every task made from it and has the task service run them
// again. Never starts or stops a task itself (the task service does).

import type { Store } from '../../storage/store.js';
import { requestErrors, templateErrors } from '../../errors/catalogue.js';
import { formatScript, taskDot, templateVars, type CompiledTask } from './task-compiler.js';
import { paginate, type ListOptions } from './paging.js';
import { compileTemplateOrThrow, newId, nowRFC3339, optionalString, parseTaskType, type TaskOptions } from './task-request.js';
import { TASKS_BUCKET, TEMPLATES_BUCKET, type TaskRecord, type TemplateRecord, type VarSpec } from './task-record.js';
import type { TaskOrigin, TaskService } from './task-service.js';
import { TEMPLATE_FIELDS, parseScriptFormat, templateFieldValue } from './task-view.js';

export class TemplateService {
  constructor(
    private readonly store: Store,
    /** The tasks made from templates: the compiler they share, and who runs them again. */
    private readonly tasks: TaskService,
  ) {}

  find(id: string): TemplateRecord | undefined {
    return this.store.get<TemplateRecord>(TEMPLATES_BUCKET, id);
  }

  get(id: string): TemplateRecord {
    const template = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, id);
    if (template === undefined) throw templateErrors.notFound();
    return template;
  }

  async create(options: TaskOptions): Promise<TemplateRecord> {
    const id = newId('template', options.id);
    if (this.store.get(TEMPLATES_BUCKET, id) !== undefined) throw templateErrors.exists(id);
    const script = optionalString(options.script, 'script');
    if (script === '') throw requestErrors.mustProvideTICKscript();
    const compiled = compileTemplateOrThrow(this.tasks.compiler, script, parseTaskType(options.type, true));
    const now = nowRFC3339();
    const template: TemplateRecord = { id, type: compiled.type, script, error: '', created: now, modified: now, taskIds: [] };
    await this.store.put(TEMPLATES_BUCKET, id, template);
    return template;
  }

  /** Updates a template and redefines (and restarts) every task made from it. */
  async update(id: string, options: TaskOptions, origin: TaskOrigin = 'api'): Promise<TemplateRecord> {
    const existing = this.store.get<TemplateRecord>(TEMPLATES_BUCKET, id);
    if (existing === undefined) throw templateErrors.notFoundForUpdate();
    const updated: TemplateRecord = { ...existing };
    updated.type = parseTaskType(options.type, false) ?? existing.type;
    const script = optionalString(options.script, 'script');
    if (script !== '') updated.script = script;
    const compiler = this.tasks.compiler;
    updated.type = compileTemplateOrThrow(compiler, updated.script, updated.type).type;

    const tasks = existing.taskIds.map((taskId) => this.tasks.find(taskId)).filter((t): t is TaskRecord => t !== undefined);
    const compiledTasks = tasks.map((task) => {
      let compiled: CompiledTask;
      try {
        compiled = compiler.compile(updated.script, updated.type, task.vars);
      } catch (error) {
        throw templateErrors.reloadFailed(task.id, (error as Error).message);
      }
      this.tasks.checkFileSources(compiled.pipeline, origin);
      return compiled;
    });
    updated.modified = nowRFC3339();
    await this.store.batch((batch) => {
      batch.put(TEMPLATES_BUCKET, id, updated);
      for (const task of tasks) batch.put(TASKS_BUCKET, task.id, { ...task, script: updated.script, type: updated.type, modified: updated.modified });
    });
    for (let i = 0; i < tasks.length; i++) await this.tasks.reload(tasks[i]!.id, compiledTasks[i]!);
    return updated;
  }

  async delete(id: string): Promise<void> {
    await this.store.delete(TEMPLATES_BUCKET, id);
  }

  list(options: ListOptions): Record<string, unknown>[] {
    const fields = options.fields.length === 0 ? [...TEMPLATE_FIELDS] : [...options.fields, 'id', 'link'];
    const page = paginate(
      this.store.list<TemplateRecord>(TEMPLATES_BUCKET).map((e) => e.value),
      options,
    );
    return page.map((template) => this.pick(template, fields, options.scriptFormat));
  }

  view(template: TemplateRecord, scriptFormat = ''): Record<string, unknown> {
    return this.pick(template, [...TEMPLATE_FIELDS], scriptFormat);
  }

  private pick(template: TemplateRecord, fields: string[], scriptFormatParam: string): Record<string, unknown> {
    const formatted = parseScriptFormat(scriptFormatParam) === 'formatted';
    let computed: { script: string; dot: string; vars: Record<string, VarSpec>; error: string } | undefined;
    const compute = () => {
      if (computed === undefined) {
        const script = formatted ? formatScript(template.script) : template.script;
        try {
          const pipeline = compileTemplateOrThrow(this.tasks.compiler, template.script, template.type);
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
}
