// PLACEHOLDER until the engine lands: keeps the server wiring compiling.
import type { Logger } from 'pino';
import type { Point } from '../models/point.js';
import type { DBRP, Pipeline, TaskStatsSnapshot } from '../pipeline/types.js';

export class TaskMaster {
  private readonly tasks = new Set<string>();
  constructor(private readonly options: { logger: Logger }) {}
  startTask(id: string, _pipeline: Pipeline, _dbrps: DBRP[]): void { this.tasks.add(id); }
  stopTask(id: string): void { this.tasks.delete(id); }
  executing(id: string): boolean { return this.tasks.has(id); }
  stats(_id: string): TaskStatsSnapshot | undefined { return undefined; }
  route(_points: Point[]): void {}
  httpOutResult(_taskId: string, _name: string): unknown { return undefined; }
}
