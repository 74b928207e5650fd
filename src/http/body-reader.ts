// Reads a request body with a bound on its decoded size: gzip bodies are inflated as they
// stream in, and the request is refused (413) as soon as either the bytes received or the
// bytes inflated pass max-body-size, so a small "gzip bomb" never expands in memory.
// Never buffers more than the limit; never inflates synchronously.

import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { apiErrors, type ApiError } from './errors.js';

/** Reads the whole (decoded) body; `limit` 0 means no limit. */
export function readBody(request: IncomingMessage, limit: number, done: (error: ApiError | null, body?: Buffer) => void): void {
  const gzip = /gzip/i.test(request.headers['content-encoding'] ?? '');
  const max = limit > 0 ? limit : Number.MAX_SAFE_INTEGER;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > max) {
    request.resume();
    done(apiErrors.bodyTooLarge(limit));
    return;
  }
  let finished = false;
  const finish = (error: ApiError | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    done(error, body);
  };
  const chunks: Buffer[] = [];
  let received = 0;
  let decoded = 0;
  const tooLarge = () => {
    request.unpipe();
    request.resume();
    finish(apiErrors.bodyTooLarge(limit));
  };
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > max) tooLarge();
  });
  request.on('error', () => finish(apiErrors.bodyTooLarge(limit)));
  if (!gzip) {
    request.on('data', (chunk: Buffer) => {
      if (!finished) chunks.push(chunk);
    });
    request.on('end', () => finish(null, Buffer.concat(chunks)));
    return;
  }
  const inflate = createGunzip();
  inflate.on('data', (chunk: Buffer) => {
    if (finished) return;
    decoded += chunk.length;
    if (decoded > max) {
      inflate.destroy();
      tooLarge();
      return;
    }
    chunks.push(chunk);
  });
  inflate.on('error', (error) => finish(apiErrors.badGzip(error.message)));
  inflate.on('end', () => finish(null, Buffer.concat(chunks)));
  request.pipe(inflate);
}
