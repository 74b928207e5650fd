// The error services throw for a request they refuse: an HTTP-like status and Kapacitor's
// message. Services know nothing of HTTP; the HTTP layer maps `status` onto the response.

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
