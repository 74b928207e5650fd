// Runs one Flux script on a worker thread, for scripts whose calls block (http.post answers a
// status code inside map(), so it must wait). The caller's thread keeps its event loop: it
// serves the worker's from() reads, to() writes and log lines asynchronously, and sends each
// http.post itself, waking the waiting worker through a shared word (Atomics). It must never
// block: every request the worker makes is answered from a promise.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { MessageChannel, Worker } from 'node:worker_threads';
import { FluxCompileError, FluxError, type Location } from '../flux/errors.js';
import type { RunResult, RunSettings } from './context.js';
import { decodeTables, encodeTables, type EncodedTable } from './thread-codec.js';

/** http.post gives up after this long, as Flux's client does. */
export const HTTP_POST_TIMEOUT_MS = 30_000;

export type ToWorker = { type: 'read'; id: number; tables?: EncodedTable[]; error?: string } | { type: 'write'; id: number; error?: string };

export type FromWorker =
  | { type: 'read'; id: number; spec: import('./table.js').FromSpec }
  | { type: 'write'; id: number; bucket: string; points: import('../models/point.js').Point[] }
  | { type: 'log'; message: string }
  | { type: 'done'; results: Array<{ name: string; tables: EncodedTable[] }>; pointsWritten: number }
  | { type: 'failed'; message: string; reason?: string; loc?: Location; compile?: boolean };

export interface PostRequest {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}
export type PostReply = { status: number } | { error: string };

function workerEntry(): Worker {
  // Sources run through tsx in development and tests; the built server runs dist/*.js.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './run-worker.ts' : './run-worker.js', import.meta.url);
  if (!fromSource) return new Worker(url);
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true });
}

function post(request: PostRequest): Promise<PostReply> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ error: `invalid URL ${JSON.stringify(request.url)}` });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
    if (send === undefined) {
      resolve({ error: `unsupported protocol ${url.protocol}` });
      return;
    }
    const req = send(
      url,
      { method: 'POST', headers: { 'Content-Length': String(request.body.byteLength), ...request.headers }, timeout: HTTP_POST_TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (error) => resolve({ error: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(request.body);
  });
}

/** Runs the script text on a fresh worker thread; resolves or rejects as runScript does. */
export function runOffThread(source: string, settings: RunSettings): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const http = new MessageChannel();
    const wake = new Int32Array(new SharedArrayBuffer(4));
    const worker = workerEntry();
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      http.port1.close();
      void worker.terminate();
      fn();
    };
    http.port1.on('message', (request: PostRequest) => {
      void post(request).then((reply) => {
        http.port1.postMessage(reply);
        Atomics.store(wake, 0, 1);
        Atomics.notify(wake, 0);
      });
    });
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'log':
          settings.log?.(message.message);
          return;
        case 'read':
          settings.source.read(message.spec).then(
            (tables) => worker.postMessage({ type: 'read', id: message.id, tables: encodeTables(tables) } satisfies ToWorker),
            (error: Error) => worker.postMessage({ type: 'read', id: message.id, error: error.message } satisfies ToWorker),
          );
          return;
        case 'write':
          settings.source.write(message.bucket, message.points).then(
            () => worker.postMessage({ type: 'write', id: message.id } satisfies ToWorker),
            (error: Error) => worker.postMessage({ type: 'write', id: message.id, error: error.message } satisfies ToWorker),
          );
          return;
        case 'done':
          finish(() =>
            resolve({ pointsWritten: message.pointsWritten, results: message.results.map((r) => ({ name: r.name, tables: decodeTables(r.tables) })) }),
          );
          return;
        case 'failed':
          finish(() =>
            reject(
              message.loc === undefined
                ? new Error(message.message)
                : message.compile
                  ? new FluxCompileError(message.reason!, message.loc)
                  : new FluxError(message.reason!, message.loc),
            ),
          );
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the Flux run thread exited (${code})`))));
    worker.postMessage({ source, now: settings.now, http: http.port2, wake }, [http.port2]);
  });
}
