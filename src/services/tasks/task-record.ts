// What is stored for each task and template: Kapacitor's task fields, as kept in the store's
// `tasks` and `templates` buckets. Times are RFC 3339 strings (UTC).

import type { DBRP } from '../../pipeline/types.js';

export type TaskType = 'stream' | 'batch';
export type TaskStatus = 'enabled' | 'disabled';

/** A template variable as the API shows it: {"type": "duration", "value": "10s", "description": ""}. */
export interface VarSpec {
  type: string;
  value?: unknown;
  description?: string;
}

export interface TaskRecord {
  id: string;
  templateId: string;
  type: TaskType;
  dbrps: DBRP[];
  /** The script as submitted (raw). */
  script: string;
  vars: Record<string, VarSpec>;
  status: TaskStatus;
  error: string;
  created: string;
  modified: string;
  lastEnabled: string;
}

export interface TemplateRecord {
  id: string;
  type: TaskType;
  script: string;
  error: string;
  created: string;
  modified: string;
  /** Ids of the tasks defined from this template. */
  taskIds: string[];
}

/** Go's zero time, which Kapacitor shows for a task never enabled. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export const TASKS_BUCKET = 'tasks';
export const TEMPLATES_BUCKET = 'templates';
