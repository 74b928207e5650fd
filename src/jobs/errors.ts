// Errors of the job runtime, worded as SeaTunnel words them. JobDefineError is a bad job
// definition (the REST layer answers 400); JobRuntimeError is a failure while a job runs.

export class JobDefineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobDefineError';
  }
}

export class JobRuntimeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JobRuntimeError';
  }
}
