// POST /kapacitor/v1/write and the InfluxDB-style /write alias: line protocol in, points to
// every enabled stream task whose dbrps match. As Kapacitor (and InfluxDB 1.x) do, the valid
// lines of a partly bad body are still written, and the answer is 400 with the parse errors.
// Large bodies are parsed and routed in slices of whole lines, yielding to the event loop
// between slices, so one big write never holds up other requests.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parsePoints } from '../../lineprotocol/parse.js';
import type { Point } from '../../models/point.js';
import { nowNs } from '../../models/time.js';
import { apiErrors } from '../errors.js';
import { decodedBody, queryValue } from '../request-body.js';

export interface PointWriter {
  /**
   * Routes parsed points to the engine (and recordings). Synchronous on a single node; in
   * cluster mode it returns a promise that resolves once the ingest stream has the points.
   */
  writePoints(points: Point[]): void | Promise<void>;
  /**
   * When tasks run on engine worker threads: resolves once they have processed every point
   * written so far, so a write is answered only when its points are in the tasks (as on a
   * single thread). Undefined when nothing is outstanding.
   */
  settled?(): Promise<void> | undefined;
}

export interface WriteRouteOptions {
  writer: PointWriter;
  /** Retention policy used when a write names none ([default-retention-policy]). */
  defaultRetentionPolicy: string;
  /** [[influxdb]] subscription-path values: subscriptions post to <path>/write as well. */
  extraPaths?: string[];
}

export function registerWriteRoutes(app: FastifyInstance, options: WriteRouteOptions): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const database = queryValue(request, 'db');
    if (database === '') throw apiErrors.databaseRequired();
    const retentionPolicy = queryValue(request, 'rp') || options.defaultRetentionPolicy;
    const precision = queryValue(request, 'precision');
    const body = decodedBody(request);
    const defaultTime = nowNs();
    const errors: string[] = [];
    // A quoted string field may span lines, so only bodies without quotes are cut at newlines.
    const sliced = body.length > SLICE_BYTES && body.indexOf(QUOTE) === -1;
    for (let start = 0; start < body.length;) {
      const end = sliced ? sliceEnd(body, start) : body.length;
      let parsed: { points: Point[]; errors: string[] };
      try {
        parsed = parsePoints(body.subarray(start, end), { precision, defaultTime, database, retentionPolicy });
      } catch (error) {
        throw apiErrors.writeParse((error as Error).message);
      }
      if (parsed.points.length > 0) {
        const written = options.writer.writePoints(parsed.points);
        if (written !== undefined) {
          try {
            await written;
          } catch (error) {
            return reply.code(503).send({ error: `write not stored: ${(error as Error).message}` });
          }
        }
      }
      for (const message of parsed.errors) errors.push(message);
      start = end;
      if (start < body.length) await new Promise((resolve) => setImmediate(resolve));
    }
    const settled = options.writer.settled?.();
    if (settled !== undefined) await settled;
    if (errors.length > 0) throw apiErrors.writeParse(errors.join('\n'));
    return reply.code(204).send();
  };
  app.post('/kapacitor/v1/write', handler);
  app.post('/write', handler);
  for (const path of new Set(options.extraPaths ?? [])) {
    const route = `/${path.replace(/^\/+|\/+$/g, '')}/write`;
    if (route !== '//write' && route !== '/kapacitor/v1/write') app.post(route, handler);
  }
}

/** Bytes parsed and routed before the event loop gets a turn. */
const SLICE_BYTES = 64 * 1024;

const QUOTE = 0x22;

/** The end of the slice starting at start: just past the first newline after SLICE_BYTES. */
function sliceEnd(body: Buffer, start: number): number {
  if (body.length - start <= SLICE_BYTES) return body.length;
  const newline = body.indexOf(0x0a, start + SLICE_BYTES);
  return newline === -1 ? body.length : newline + 1;
}
