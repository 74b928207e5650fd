// SeaTunnel's job states and the transitions the executor may take between them. A job in an
// end state never moves again.

export type JobStatus =
  | 'INITIALIZING'
  | 'CREATED'
  | 'PENDING'
  | 'SCHEDULED'
  | 'RUNNING'
  | 'FAILING'
  | 'FAILED'
  | 'DOING_SAVEPOINT'
  | 'SAVEPOINT_DONE'
  | 'CANCELING'
  | 'CANCELED'
  | 'FINISHED'
  | 'UNKNOWABLE';

export const END_STATES: ReadonlySet<JobStatus> = new Set(['FAILED', 'SAVEPOINT_DONE', 'CANCELED', 'FINISHED', 'UNKNOWABLE']);

const TRANSITIONS: Record<JobStatus, JobStatus[]> = {
  INITIALIZING: ['CREATED', 'FAILED'],
  CREATED: ['PENDING', 'SCHEDULED', 'CANCELING', 'FAILING', 'FAILED'],
  PENDING: ['SCHEDULED', 'CANCELING', 'FAILING'],
  SCHEDULED: ['RUNNING', 'CANCELING', 'FAILING', 'DOING_SAVEPOINT'],
  RUNNING: ['FINISHED', 'CANCELING', 'FAILING', 'DOING_SAVEPOINT'],
  DOING_SAVEPOINT: ['SAVEPOINT_DONE', 'FAILING', 'CANCELING'],
  CANCELING: ['CANCELED', 'FAILING'],
  FAILING: ['FAILED'],
  FAILED: [],
  SAVEPOINT_DONE: [],
  CANCELED: [],
  FINISHED: [],
  UNKNOWABLE: [],
};

export function isEndState(status: JobStatus): boolean {
  return END_STATES.has(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
