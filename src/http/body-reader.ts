// Reads a request body with a bound on its decoded size: gzip bodies are inflated as they
// stream in, and the request is refused (413) as soon as either the bytes received or the
// bytes inflated pass max-body-size, so a small "gzip bomb" never expands in memory.
// A body of declared length is read straight into one buffer of that size.
// Never buffers more than the limit; never inflates synchronously.

import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import type { BodyPool } from './body-pool.js';
import { apiErrors, type ApiError } from './errors.js';

/**
 * Reads the whole (decoded) body; `limit` 0 means no limit. A body of declared length small
 * enough is read into a buffer of `pool` (`pooled` true): its reader gives it back.
 */
export function readBody(
  request: IncomingMessage,
  limit: number,
  done: (error: ApiError | null, body?: Buffer, pooled?: boolean) => void,
  pool?: BodyPool,
): void {
  const gzip = /gzip/i.test(request.headers['content-encoding'] ?? '');
  const max = limit > 0 ? limit : Number.MAX_SAFE_INTEGER;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > max) {
    request.resume();
    done(apiErrors.bodyTooLarge(limit));
    return;
  }
  let finished = false;
  let handedOver = false;
  const finish = (error: ApiError | null, body?: Buffer, pooled?: boolean) => {
    if (finished) return;
    finished = true;
    handedOver = pooled === true;
    done(error, body, pooled);
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
  if (!gzip && declared > 0) {
    // The length is known: each chunk is copied into the body as it arrives and dropped, so
    // the socket's buffers die young instead of living (off the heap) until a full collection.
    const fromPool = pool?.take(declared);
    const body = fromPool ?? Buffer.allocUnsafe(declared);
    let offset = 0;
    request.on('data', (chunk: Buffer) => {
      if (finished) return;
      if (offset + chunk.length > body.length) return tooLarge();
      offset += chunk.copy(body, offset);
    });
    request.on('end', () => finish(null, offset === body.length ? body : body.subarray(0, offset), fromPool !== undefined));
    // A body that is never handed over (refused, or the client went away) goes back at once.
    if (fromPool !== undefined) request.on('close', () => handedOver || pool!.release(fromPool));
    return;
  }
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
