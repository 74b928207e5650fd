// POST /kapacitor/v1/write and the InfluxDB-style /write alias: line protocol in, points to
// every enabled stream task whose dbrps match. As Kapacitor (and InfluxDB 1.x) do, the valid
// lines of a partly bad body are still written, and the answer is 400 with the parse errors.
// Large bodies are parsed in slices of whole lines (cut where InfluxDB ends a line, so string
// fields spanning lines stay whole) and routed in runs of points; whenever a write has held
// the event loop for its time budget it yields (setImmediate), so one big write never holds
// up other requests. With engine workers, a slice may instead go raw to the worker that alone
// reads its db/rp, which parses it (the answer then waits for its errors). Points reach the
// tasks in body order.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sliceEnd } from '../../lineprotocol/line-boundary.js';
import { parsePoints, type ParseOptions } from '../../lineprotocol/parse.js';
import { precisionMultiplier } from '../../lineprotocol/precision.js';
import type { Point } from '../../models/point.js';
import { nowNs } from '../../models/time.js';
import { apiErrors } from '../errors.js';
import { decodedBody, queryValue, releaseBody } from '../request-body.js';

export interface PointWriter {
  /**
   * Routes parsed points to the engine (and recordings). Synchronous on a single node; in
   * cluster mode it returns a promise that resolves once the ingest stream has the points.
   */
  writePoints(points: Point[]): void | Promise<void>;
  /**
   * When tasks run on engine worker threads: what a write waits for before it is answered
   * (the workers that fell behind catching up). Undefined when there is nothing to wait for.
   */
  settled?(): Promise<void> | undefined;
  /**
   * When tasks run on engine worker threads: hands a slice of whole lines to a worker to parse
   * and route, resolving with its parse errors; undefined when the slice is to be parsed here.
   */
  offload?(lines: Buffer, options: ParseOptions): Promise<string[]> | undefined;
}

export interface WriteRouteOptions {
  writer: PointWriter;
  /** Retention policy used when a write names none ([default-retention-policy]). */
  defaultRetentionPolicy: string;
  /** [[influxdb]] subscription-path values: subscriptions post to <path>/write as well. */
  extraPaths?: string[];
}

export function registerWriteRoutes(app: FastifyInstance, options: WriteRouteOptions): void {
  // The body's bytes are needed only until the last slice is parsed (points and errors hold
  // strings of their own), so the reused body buffer goes back as soon as the write ends.
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await write(request, reply);
    } finally {
      releaseBody(request);
    }
  };
  const write = async (request: FastifyRequest, reply: FastifyReply) => {
    const database = queryValue(request, 'db');
    if (database === '') throw apiErrors.databaseRequired();
    const retentionPolicy = queryValue(request, 'rp') || options.defaultRetentionPolicy;
    const precision = queryValue(request, 'precision');
    const body = decodedBody(request);
    const parseOptions: ParseOptions = { precision, defaultTime: nowNs(), database, retentionPolicy };
    // An unknown precision fails a write that has lines (before any slice goes to a worker).
    if (body.length > 0) {
      try {
        precisionMultiplier(precision);
      } catch (error) {
        throw apiErrors.writeParse((error as Error).message);
      }
    }
    const errors: string[] = [];
    // Slices a worker parses: where their errors go in `errors`, once it answers.
    let offloaded: Array<{ at: number; answer: Promise<string[]> }> | undefined;
    let turnStarted = performance.now();
    for (let start = 0; start < body.length;) {
      const end = sliceEnd(body, start, SLICE_BYTES);
      const answer = options.writer.offload?.(body.subarray(start, end), parseOptions);
      if (answer !== undefined) {
        (offloaded ??= []).push({ at: errors.length, answer });
        start = end;
        continue;
      }
      const parsed = parsePoints(body.subarray(start, end), parseOptions);
      for (const message of parsed.errors) errors.push(message);
      const points = parsed.points;
      // Routing runs the tasks, so it is handed over in runs of points, and the event loop
      // gets a turn whenever this request has used its budget.
      for (let from = 0; from < points.length; from += ROUTE_POINTS) {
        if (performance.now() - turnStarted >= TURN_BUDGET_MS) {
          await nextTurn();
          turnStarted = performance.now();
        }
        const run = from === 0 && points.length <= ROUTE_POINTS ? points : points.slice(from, from + ROUTE_POINTS);
        const written = options.writer.writePoints(run);
        if (written !== undefined) {
          try {
            await written;
          } catch (error) {
            return reply.code(503).send({ error: `write not stored: ${(error as Error).message}` });
          }
        }
      }
      start = end;
      if (start < body.length && performance.now() - turnStarted >= TURN_BUDGET_MS) {
        await nextTurn();
        turnStarted = performance.now();
      }
    }
    const settled = options.writer.settled?.();
    if (settled !== undefined) await settled;
    if (offloaded !== undefined) {
      // From the last, so the earlier places stay where they were.
      for (let i = offloaded.length - 1; i >= 0; i--) errors.splice(offloaded[i]!.at, 0, ...(await offloaded[i]!.answer));
    }
    if (errors.length > 0) throw apiErrors.writeParse(errors.join('\n'));
    return reply.code(204).send();
  };
  const route = { config: { pooledBody: true } };
  app.post('/kapacitor/v1/write', route, handler);
  app.post('/write', route, handler);
  for (const extra of new Set(options.extraPaths ?? [])) {
    const path = `/${extra.replace(/^\/+|\/+$/g, '')}/write`;
    if (path !== '//write' && path !== '/kapacitor/v1/write') app.post(path, route, handler);
  }
}

/** Bytes parsed at a time (a slice ends at the first line end past this many bytes). */
const SLICE_BYTES = 64 * 1024;

/** Points handed to the tasks at a time. */
const ROUTE_POINTS = 1024;

/** Milliseconds a write may hold the event loop before other requests get a turn. */
const TURN_BUDGET_MS = 5;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
