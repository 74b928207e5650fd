// The [load] service: task TICKscripts, task vars files, templates and topic handlers defined as
// files under <dir>/tasks, <dir>/templates and <dir>/handlers, created or updated on start and on
// every reload, with ids from the file names (handlers name their own topic and id). Items a
// previous load created whose file is gone are deleted. What it loaded is remembered in the
// store, and the API refuses to change it (see isLoaded). Never touches items it did not load.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join } from 'node:path';
import type { Logger } from 'pino';
import { lazyRequire } from '../../util/lazy-require.js';
import type { TopicsApi } from '../../alert/topics-api.js';
import type { Store } from '../../storage/store.js';
import type { TaskOptions, TaskService } from '../tasks/task-service.js';
import type { TemplateService } from '../tasks/template-service.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

export const LOAD_BUCKET = 'load_items';

export interface LoadConfig {
  enabled: boolean;
  dir: string;
}

type ItemKind = 'tasks' | 'templates' | 'handlers';

export class LoadService {
  /** Keys `tasks/<id>`, `templates/<id>`, `handlers/<topic>/<id>` of the items the last load made. */
  private loaded = new Set<string>();
  errors = 0;

  constructor(
    private readonly config: LoadConfig,
    private readonly store: Store,
    private readonly tasks: TaskService,
    private readonly templates: TemplateService,
    private readonly alerts: TopicsApi,
    private readonly logger: Logger,
  ) {
    for (const { key } of store.list<boolean>(LOAD_BUCKET)) this.loaded.add(key);
  }

  /** Kapacitor's check of [load]: an enabled load directory must be an absolute path. */
  static validate(config: LoadConfig): string | undefined {
    return config.enabled && !isAbsolute(config.dir) ? 'dir must be an absolute path' : undefined;
  }

  /** True when the item came from the load directory (the API may not change it). */
  isLoaded(kind: ItemKind, id: string): boolean {
    return this.loaded.has(`${kind}/${id}`);
  }

  /** Loads (or reloads) the directory; throws on the first file that fails, as Kapacitor does. */
  async load(): Promise<void> {
    if (!this.config.enabled) return;
    const found = new Set<string>();
    try {
      if (!isDirectory(this.config.dir)) {
        this.logger.debug({ dir: this.config.dir }, 'skipping load... load directory does not exist');
      } else {
        for (const file of this.files('templates', ['.tick'])) found.add(await this.loadTemplate(file));
        for (const file of this.files('tasks', ['.tick', '.yml', '.yaml', '.json'])) found.add(await this.loadTask(file));
        for (const file of this.files('handlers', ['.yml', '.yaml', '.json'])) found.add(await this.loadHandler(file));
      }
      await this.removeMissing(found);
    } catch (error) {
      this.errors++;
      this.logger.error({ err: (error as Error).message }, 'failed to load new files');
      throw error;
    }
  }

  statistics(): Record<string, unknown> {
    return { 'load:': { name: 'load', tags: {}, values: { errors: this.errors } } };
  }

  private files(kind: ItemKind, extensions: string[]): string[] {
    const dir = join(this.config.dir, kind);
    if (!isDirectory(dir)) return [];
    return readdirSync(dir)
      .sort()
      .filter((name) => extensions.includes(extname(name)) && !isDirectory(join(dir, name)))
      .map((name) => join(dir, name));
  }

  private async loadTemplate(file: string): Promise<string> {
    this.logger.info({ file }, 'loading template');
    const id = idOf(file);
    const script = readText(file);
    await wrap(file, async () => {
      if (this.templates.find(id) === undefined) await this.templates.create({ id, script });
      else await this.templates.update(id, { script }, 'trusted');
    });
    return this.remember(`templates/${id}`);
  }

  private async loadTask(file: string): Promise<string> {
    const id = idOf(file);
    const isScript = extname(file) === '.tick';
    this.logger.info({ file }, isScript ? 'loading task' : 'loading template task');
    const options: TaskOptions = isScript ? { script: readText(file) } : { ...parseDocument(file, 'task vars') };
    await wrap(file, async () => {
      if (this.tasks.find(id) === undefined) {
        await this.tasks.create({ ...options, id, status: 'enabled' }, 'trusted');
      } else {
        await this.tasks.update(id, { ...options, id }, 'trusted');
        // Disabled then enabled again, so the new definition runs.
        await this.tasks.update(id, { status: 'disabled' }, 'trusted');
        await this.tasks.update(id, { status: 'enabled' }, 'trusted');
      }
    });
    return this.remember(`tasks/${id}`);
  }

  private async loadHandler(file: string): Promise<string> {
    this.logger.info({ file }, 'loading handler');
    const { topic, ...spec } = parseDocument(file, 'handler');
    if (typeof topic !== 'string' || topic === '') throw new Error(`failed to load file ${file}: handler file must name its topic`);
    const id = typeof spec.id === 'string' ? spec.id : '';
    await wrap(file, async () => {
      const exists = this.alerts.handlers(topic).some((handler) => handler.id === id);
      if (exists) await this.alerts.replaceHandler(topic, id, spec);
      else await this.alerts.createHandler(topic, spec);
    });
    return this.remember(`handlers/${topic}/${id}`);
  }

  private remember(key: string): string {
    this.loaded.add(key);
    return key;
  }

  private async removeMissing(found: Set<string>): Promise<void> {
    for (const key of [...this.loaded]) {
      if (found.has(key)) continue;
      const [kind, ...rest] = key.split('/');
      if (kind === 'tasks') await this.tasks.delete(rest.join('/'));
      else if (kind === 'templates') await this.templates.delete(rest.join('/'));
      else if (kind === 'handlers') await this.alerts.deleteHandler(rest[0]!, rest.slice(1).join('/')).catch(() => undefined);
      this.loaded.delete(key);
      this.logger.info({ item: key }, 'removed item whose file is gone');
    }
    await this.store.batch((batch) => {
      for (const { key } of this.store.list<boolean>(LOAD_BUCKET)) if (!this.loaded.has(key)) batch.delete(LOAD_BUCKET, key);
      for (const key of this.loaded) batch.put(LOAD_BUCKET, key, true);
    });
  }
}

function idOf(file: string): string {
  return basename(file, extname(file));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`failed to open file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function parseDocument(file: string, what: string): Record<string, unknown> {
  const text = readText(file);
  let parsed: unknown;
  try {
    parsed = extname(file) === '.json' ? JSON.parse(text) : yaml().parse(text);
  } catch (error) {
    const format = extname(file) === '.json' ? 'json' : 'yaml';
    throw new Error(`failed to load file ${file}: failed to unmarshal ${format} ${what} file ${JSON.stringify(file)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`failed to load file ${file}: ${what} file must hold an object`);
  }
  return parsed as Record<string, unknown>;
}

async function wrap(file: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw new Error(`failed to load file ${file}: ${(error as Error).message}`, { cause: error });
  }
}
