// Reads request bodies the way Kapacitor does: the API decodes JSON whatever the
// Content-Type says (curl -d sends form encoding), and writes take raw, possibly gzipped bytes.

import { ForbiddenKeyError, parseUserJSON } from '../util/safe-json.js';
import type { FastifyRequest } from 'fastify';
import { returnBody } from './body-pool.js';
import { ApiError, apiErrors } from './errors.js';

export function rawBody(request: FastifyRequest): Buffer {
  const body = request.body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  return Buffer.isBuffer(body) ? body : Buffer.from(String(body));
}

/**
 * Gives the body back to the reader's pool (routes with `config.pooledBody`); call it once
 * nothing refers to the body's bytes any more. Harmless for a body that was not pooled.
 */
export function releaseBody(request: FastifyRequest): void {
  returnBody(request, request.body);
}

/** The decoded body: the body reader (body-reader.ts) has already inflated gzip bodies. */
export function decodedBody(request: FastifyRequest): Buffer {
  return rawBody(request);
}

/** The JSON object in the body; `invalid JSON` when it is not a JSON object. */
export function jsonBody(request: FastifyRequest): Record<string, unknown> {
  const text = decodedBody(request).toString('utf8');
  let value: unknown;
  try {
    value = parseUserJSON(text);
  } catch (error) {
    throw forbiddenOrInvalid(error);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw apiErrors.invalidJSON();
  return value as Record<string, unknown>;
}

/** 400 naming the refused key for a prototype key, `invalid JSON` otherwise. */
export function forbiddenOrInvalid(error: unknown): ApiError {
  return error instanceof ForbiddenKeyError ? new ApiError(400, `invalid JSON: ${error.message}`) : apiErrors.invalidJSON();
}

/** Every value of a repeatable query parameter (?fields=a&fields=b). */
export function queryValues(request: FastifyRequest, name: string): string[] {
  const value = (request.query as Record<string, string | string[] | undefined>)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first value of a query parameter, or '' when absent (Go's Query().Get). */
export function queryValue(request: FastifyRequest, name: string): string {
  return queryValues(request, name)[0] ?? '';
}
