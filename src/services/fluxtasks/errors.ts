// The InfluxDB v2 error shape the tasks API answers with: {"code": "...", "message": "..."}
// with v2's codes and statuses, and the task service's messages as Kapacitor words them.

export const V2_STATUS = {
  'not found': 404,
  invalid: 400,
  'unprocessable entity': 422,
  conflict: 409,
  'internal error': 500,
} as const;

export type V2Code = keyof typeof V2_STATUS;

export class V2Error extends Error {
  constructor(
    readonly code: V2Code,
    message: string,
  ) {
    super(message);
    this.name = 'V2Error';
  }

  get status(): number {
    return V2_STATUS[this.code];
  }
}

export const taskNotFound = (): V2Error => new V2Error('not found', 'task not found');
export const runNotFound = (): V2Error => new V2Error('not found', 'run not found');
