// The isolated copy of a task a replay runs: its own executing task outside the server's task
// master (nothing written to the server reaches it, its httpOut endpoints are not served),
// sharing the engine's services, with batch schedules off so the replay feeds the batches.

import type { Logger } from 'pino';
import type { Point } from '../../models/point.js';
import type { DBRP, Pipeline } from '../../pipeline/types.js';
import { ExecutingTask } from '../../engine/executing-task.js';
import type { EngineServices } from '../../engine/node.js';
import { BatchNode } from '../../engine/nodes/batch-node.js';
import type { IsolatedTask, IsolatedTaskStarter } from './replay-service.js';

export function isolatedTaskStarter(services: EngineServices, logger: Logger): IsolatedTaskStarter {
  return (replayId: string, taskId: string, pipeline: Pipeline, dbrps: DBRP[]): IsolatedTask => {
    const task = new ExecutingTask(taskId, pipeline, dbrps, logger.child({ task: taskId, replay: replayId }), {
      ...services,
      batchScheduling: false,
    });
    task.open();
    const dbrpKeys = new Set(dbrps.map((d) => `${d.db}\n${d.rp}`));
    return {
      writePoints(points: Point[]): void {
        if (task.stream === undefined) throw new Error('cannot replay stream data into a batch task');
        for (const point of points) {
          if (dbrpKeys.has(`${point.database}\n${point.retentionPolicy}`)) task.write(point);
        }
      },
      batchCollectors() {
        const source = task.nodes[0];
        if (!(source instanceof BatchNode)) throw new Error('cannot replay batch data into a stream task');
        return source.queryNodes();
      },
      async drain(): Promise<void> {
        for (const node of task.nodes) await node.drain();
      },
      stats: () => task.stats(),
      stop: () => task.close(),
    };
  };
}
