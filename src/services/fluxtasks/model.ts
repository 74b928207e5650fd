// The stored shapes of Flux tasks and runs (as the API returns them, times in RFC3339).

export interface RunLog {
  runID: string;
  time: string;
  message: string;
}

export type RunStatus = 'scheduled' | 'started' | 'success' | 'failed' | 'canceled';

export interface FluxRun {
  id: string;
  taskID: string;
  status: RunStatus;
  scheduledFor: string;
  startedAt?: string;
  finishedAt?: string;
  requestedAt?: string;
  log: RunLog[];
  /** Number of this run's automatic retry (0 = first attempt). */
  attempt?: number;
}

export interface FluxTask {
  id: string;
  ownerID: string;
  name: string;
  description?: string;
  status: 'active' | 'inactive';
  flux: string;
  every?: string;
  cron?: string;
  offset?: string;
  concurrency?: number;
  retry?: number;
  createdAt: string;
  updatedAt: string;
  latestCompleted?: string;
  lastRunStatus?: string;
  lastRunError?: string;
}
