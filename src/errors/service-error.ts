// The error services throw for a request they refuse: an HTTP-like status and Kapacitor's
// message. Services know nothing of HTTP; the HTTP layer maps `status` onto the response.
// Services take their errors from the catalogue (catalogue.ts), which sets `code`.

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The catalogue entry, e.g. 'tasks.notFound' (never part of the answer). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
