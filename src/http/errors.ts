// The HTTP error catalogue: every error the API answers with, its status and Kapacitor's
// wording in one place. Route handlers throw ApiError; the server turns it into
// {"error": "..."} (or plain text where Kapacitor answers in plain text).

import { goQuote } from '../gofmt/quote.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Answer with a plain-text body instead of {"error": ...} (Kapacitor's write errors). */
    readonly plainText = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const apiErrors = {
  notFound: () => new ApiError(404, 'Not Found'),
  invalidJSON: () => new ApiError(400, 'invalid JSON'),
  bodyTooLarge: (limit: number) => new ApiError(413, `request body too large, limit is ${limit} bytes`),
  databaseRequired: () => new ApiError(400, 'database is required', true),
  writeParse: (message: string) => new ApiError(400, message, true),
  badGzip: (reason: string) => new ApiError(400, `failed to decompress gzip body: ${reason}`, true),
  invalidParameter: (name: string, value: string) => new ApiError(400, `invalid ${name} parameter ${goQuote(value)}`),
  invalidInteger: (name: string, value: string) =>
    new ApiError(400, `invalid ${name} parameter ${goQuote(value)} must be an integer: strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`),
  unsupportedField: (field: string) => new ApiError(400, `unsupported field ${goQuote(field)}`),
  invalidPattern: (pattern: string) => new ApiError(400, `invalid pattern ${goQuote(pattern)}: syntax error in pattern`),
} as const;
