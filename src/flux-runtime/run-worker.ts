// A Flux run thread (started by off-thread.ts): compiles and runs one script, asking the main
// thread for from() reads and to() writes, and sending http.post through a port while it waits
// on a shared word, so only this thread blocks. Must never touch the network or storage itself.

import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { FluxCompileError, FluxError } from '../flux/errors.js';
import type { FluxDataSource, SyncPost } from './context.js';
import { HTTP_POST_TIMEOUT_MS, type FromWorker, type PostReply, type ToWorker } from './off-thread.js';
import { compileScript, runScript } from './run.js';
import type { Table } from './table.js';
import { decodeTables, encodeTables } from './thread-codec.js';

const parent = parentPort!;
const pending = new Map<number, { resolve: (tables: Table[]) => void; reject: (error: Error) => void }>();
let nextId = 0;

function send(message: FromWorker): void {
  parent.postMessage(message);
}

function ask(message: (id: number) => FromWorker): Promise<Table[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send(message(id));
  });
}

const source: FluxDataSource = {
  read: (spec) => ask((id) => ({ type: 'read', id, spec })),
  write: async (bucket, points) => {
    await ask((id) => ({ type: 'write', id, bucket, points }));
  },
};

function syncPost(port: MessagePort, wake: Int32Array): SyncPost {
  return (url, headers, body) => {
    Atomics.store(wake, 0, 0);
    port.postMessage({ url, headers, body });
    let reply: { message: PostReply } | undefined;
    const deadline = Date.now() + HTTP_POST_TIMEOUT_MS + 5000;
    while ((reply = receiveMessageOnPort(port)) === undefined) {
      if (Date.now() > deadline) throw new Error('timeout');
      Atomics.wait(wake, 0, 0, 1000);
    }
    if ('error' in reply.message) throw new Error(reply.message.error);
    return reply.message.status;
  };
}

parent.once('message', (start: { source: string; now: bigint; http: MessagePort; wake: Int32Array }) => {
  parent.on('message', (reply: ToWorker) => {
    const waiter = pending.get(reply.id);
    if (waiter === undefined) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.type === 'read' ? decodeTables(reply.tables!) : []);
  });
  const run = async (): Promise<void> => {
    const script = compileScript(start.source);
    const result = await runScript(script, {
      now: start.now,
      source,
      log: (message) => send({ type: 'log', message }),
      httpPost: syncPost(start.http, start.wake),
    });
    send({ type: 'done', pointsWritten: result.pointsWritten, results: result.results.map((r) => ({ name: r.name, tables: encodeTables(r.tables) })) });
  };
  run().catch((error: Error) => {
    if (error instanceof FluxError)
      send({ type: 'failed', message: error.message, reason: error.reason, loc: error.loc, compile: error instanceof FluxCompileError });
    else send({ type: 'failed', message: error.message });
  });
});
