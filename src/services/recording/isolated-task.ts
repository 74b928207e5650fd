// The isolated copy of a task a replay runs: a fork of the server's task master (its own task
// set and inputs: nothing written to the server reaches it, its httpOut endpoints are not
// served), sharing the engine's services, with batch schedules off so the replay feeds the
// batches. Never starts anything in the server's own task master.

import type { Logger } from 'pino';
import type { Point } from '../../models/point.js';
import type { DBRP, Pipeline } from '../../pipeline/types.js';
import type { TaskMaster } from '../../engine/task-master.js';
import type { IsolatedTask, IsolatedTaskStarter } from './replay-service.js';

export function isolatedTaskStarter(master: TaskMaster, logger: Logger): IsolatedTaskStarter {
  return (replayId: string, taskId: string, pipeline: Pipeline, dbrps: DBRP[]): IsolatedTask => {
    const fork = master.fork(replayId, { logger: logger.child({ replay: replayId }), batchScheduling: false });
    fork.startTask(taskId, pipeline, dbrps);
    return {
      writePoints(points: Point[]): void {
        if (!fork.isStreamTask(taskId)) throw new Error('cannot replay stream data into a batch task');
        fork.route(points);
      },
      batchCollectors: () => fork.batchCollectors(taskId),
      drain: () => fork.drain(taskId),
      stats: () => fork.stats(taskId),
      stop: () => fork.stopAll(),
    };
  };
}
