// The JSON shapes of tasks and templates as Kapacitor's API shows them (GET, list with
// `fields`, create and PATCH responses): field names, links, stats and DOT.

import type { TaskStatsSnapshot } from '../../pipeline/types.js';
import { requestErrors, taskErrors } from '../../errors/catalogue.js';
import type { TaskRecord, TemplateRecord, VarSpec } from './task-record.js';

export const TASK_FIELDS = [
  'link',
  'id',
  'template-id',
  'type',
  'dbrps',
  'script',
  'vars',
  'dot',
  'status',
  'executing',
  'error',
  'stats',
  'created',
  'modified',
  'last-enabled',
] as const;
export const TEMPLATE_FIELDS = ['link', 'id', 'type', 'script', 'vars', 'dot', 'error', 'created', 'modified'] as const;

export type ScriptFormat = 'formatted' | 'raw';
export type DotView = 'attributes' | 'labels';

export function parseScriptFormat(value: string): ScriptFormat {
  if (value === '' || value === 'formatted') return 'formatted';
  if (value === 'raw') return 'raw';
  throw taskErrors.invalidScriptFormat(value);
}

export function parseDotView(value: string): DotView {
  if (value === '' || value === 'attributes') return 'attributes';
  if (value === 'labels') return 'labels';
  throw taskErrors.invalidDotView(value);
}

export function taskLink(id: string): { rel: string; href: string } {
  return { rel: 'self', href: `/kapacitor/v1/tasks/${id}` };
}

export function templateLink(id: string): { rel: string; href: string } {
  return { rel: 'self', href: `/kapacitor/v1/templates/${id}` };
}

/** Kapacitor's ExecutionStats JSON: task-stats and node-stats. */
export function statsJSON(stats: TaskStatsSnapshot | undefined): Record<string, unknown> {
  if (stats === undefined) return {};
  const nodeStats: Record<string, Record<string, number>> = {};
  for (const [name, node] of Object.entries(stats.nodes)) {
    nodeStats[name] = {
      ...node.counters,
      avg_exec_time_ns: Math.round(node.avgExecTimeNs),
      collected: node.collected,
      emitted: node.emitted,
    };
  }
  return { 'task-stats': { throughput: stats.throughput }, 'node-stats': nodeStats };
}

/** Values the view needs that are computed, not stored. */
export interface TaskComputed {
  script: string;
  dot: string;
  executing: boolean;
  error: string;
  stats: Record<string, unknown>;
  type: string;
}

export function taskFieldValue(field: string, task: TaskRecord, computed: () => TaskComputed): unknown {
  switch (field) {
    case 'link':
      return taskLink(task.id);
    case 'id':
      return task.id;
    case 'template-id':
      return task.templateId;
    case 'type':
      return computed().type;
    case 'dbrps':
      return task.dbrps;
    case 'script':
      return computed().script;
    case 'vars':
      return varsJSON(task.vars);
    case 'dot':
      return computed().dot;
    case 'status':
      return task.status;
    case 'executing':
      return computed().executing;
    case 'error':
      return computed().error;
    case 'stats':
      return computed().stats;
    case 'created':
      return task.created;
    case 'modified':
      return task.modified;
    case 'last-enabled':
      return task.lastEnabled;
    default:
      throw requestErrors.unsupportedField(field);
  }
}

export function templateFieldValue(
  field: string,
  template: TemplateRecord,
  computed: () => { script: string; dot: string; vars: Record<string, VarSpec>; error: string },
): unknown {
  switch (field) {
    case 'link':
      return templateLink(template.id);
    case 'id':
      return template.id;
    case 'type':
      return template.type;
    case 'script':
      return computed().script;
    case 'vars':
      return varsJSON(computed().vars);
    case 'dot':
      return computed().dot;
    case 'error':
      return computed().error;
    case 'created':
      return template.created;
    case 'modified':
      return template.modified;
    default:
      throw requestErrors.unsupportedField(field);
  }
}

/** Vars with Kapacitor's always-present description. */
export function varsJSON(vars: Record<string, VarSpec>): Record<string, VarSpec> {
  const out: Record<string, VarSpec> = {};
  for (const [name, spec] of Object.entries(vars)) {
    out[name] = { type: spec.type, value: spec.value, description: spec.description ?? '' };
  }
  return out;
}
