// What the task service needs from the engine: start, stop and observe executing tasks.
// Kept as an interface so the service can be tested and wired without knowing the engine.

import type { DBRP, Pipeline, TaskStatsSnapshot } from '../../pipeline/types.js';

export interface TaskEngine {
  /** Starts executing a task; throws (with Kapacitor's message) when it cannot start. */
  startTask(id: string, pipeline: Pipeline, dbrps: DBRP[]): void;
  stopTask(id: string): void;
  isExecuting(id: string): boolean;
  stats(id: string): TaskStatsSnapshot | undefined;
  /** Called once a task is deleted (its anonymous alert topics go with it). */
  taskDeleted?(id: string): void;
}
