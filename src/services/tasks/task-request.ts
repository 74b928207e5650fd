// Request bodies of the task and template API turned into checked values: ids, types,
// statuses, dbrps, vars, and scripts compiled with the answer Kapacitor gives (400 and its
// message). Pure checks; never touches the store or the engine.

import { checkIdLength } from '../id-check.js';
import { randomUUID } from 'node:crypto';
import type { DBRP } from '../../pipeline/types.js';
import { requestErrors, taskErrors } from '../../errors/catalogue.js';
import type { CompiledTask, CompileOptions, TaskCompiler } from './task-compiler.js';
import type { TaskStatus, TaskType, VarSpec } from './task-record.js';

const VALID_ID = /^[-._\p{L}0-9]+$/u;

/** The body of a task or template create / update request. */
export interface TaskOptions {
  id?: unknown;
  'template-id'?: unknown;
  type?: unknown;
  dbrps?: unknown;
  script?: unknown;
  status?: unknown;
  vars?: unknown;
}

/** Checks an id given for a task or template (`what`: 'task' or 'template'). */
export function checkId(what: 'task' | 'template', id: string): void {
  checkIdLength(`${what} ID`, id);
  if (!VALID_ID.test(id)) {
    throw requestErrors.invalidId(what, id);
  }
}

/** The id of a create request: the one given (checked) or a new UUID. */
export function newId(what: 'task' | 'template', value: unknown): string {
  const id = optionalString(value, 'id') || randomUUID();
  checkId(what, id);
  return id;
}

export function compileOrThrow(
  compiler: TaskCompiler,
  script: string,
  type: TaskType | undefined,
  vars: Record<string, VarSpec>,
  options: CompileOptions = {},
): CompiledTask {
  try {
    return compiler.compile(script, type, vars, options);
  } catch (error) {
    throw requestErrors.invalid((error as Error).message);
  }
}

/** A template compiles with its own default vars (typed declarations without value are allowed). */
export function compileTemplateOrThrow(compiler: TaskCompiler, script: string, type: TaskType | undefined): CompiledTask {
  return compileOrThrow(compiler, script, type, {}, { template: true });
}

export function optionalString(value: unknown, name: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw requestErrors.notString(name);
  return value;
}

export function parseTaskType(value: unknown, required: true): TaskType | undefined;
export function parseTaskType(value: unknown, required: false): TaskType | undefined;
export function parseTaskType(value: unknown, _required: boolean): TaskType | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === 'stream' || value === 'batch') return value;
  throw taskErrors.unknownType(value);
}

export function parseStatus(value: unknown): TaskStatus | undefined {
  if (value === 'enabled' || value === 'disabled') return value;
  if (value === undefined || value === null || value === '') return undefined;
  throw taskErrors.invalidStatus(value);
}

export function parseDBRPs(value: unknown): DBRP[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw taskErrors.dbrpsNotList();
  return value.map((item) => {
    if (item === null || typeof item !== 'object') throw taskErrors.dbrpsBadItem();
    const { db, rp } = item as Record<string, unknown>;
    if (typeof db !== 'string' || typeof rp !== 'string') throw taskErrors.dbrpsBadItem();
    return { db, rp };
  });
}

export function parseVars(value: unknown): Record<string, VarSpec> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw taskErrors.varsNotObject();
  const vars: Record<string, VarSpec> = {};
  for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
    if (spec === null || typeof spec !== 'object' || typeof (spec as VarSpec).type !== 'string') {
      throw taskErrors.invalidVar(name);
    }
    const { type, value: varValue, description } = spec as VarSpec;
    vars[name] = { type, value: varValue, description: typeof description === 'string' ? description : '' };
  }
  return vars;
}

/** The dbrps a task runs with: the request's, else the script's dbrp statements; never both. */
export function resolveDBRPs(requested: DBRP[], compiled: CompiledTask): DBRP[] {
  if (requested.length > 0 && compiled.dbrps.length > 0) {
    throw taskErrors.dbrpBoth();
  }
  const dbrps = requested.length > 0 ? requested : compiled.dbrps;
  if (dbrps.length === 0) throw taskErrors.mustSpecifyDbrp();
  return dbrps;
}

export function nowRFC3339(): string {
  return new Date().toISOString();
}
