// Runs kapacitor command lines in-process with captured stdout/stderr, and a tiny scripted HTTP
// server (node:http, port 0) that records each request and answers from a route table, for the
// commands whose server routes are tested elsewhere or not served yet.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { CliIO } from '../../src/cli/commands/context.js';
import { main } from '../../src/cli/kapacitor.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  progress?: boolean;
  /** Aborts watch/logs when it aborts. */
  interrupt?: AbortSignal;
  /** Called with each stdout write (to stop a follow once output arrived). */
  onOut?: (text: string) => void;
}

export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    out: (text) => {
      stdout += text;
      options.onOut?.(text);
    },
    err: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    progress: options.progress ?? false,
    pollIntervalMs: 5,
    interrupted: () => options.interrupt ?? new AbortController().signal,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Lines of an output, without the empty string after the last newline. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

export interface SeenRequest {
  method: string;
  /** Path with query string. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  json: any;
}

export interface Answer {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Writes the response itself (streams). */
  stream?: (response: ServerResponse) => void;
}

/** A route: "METHOD /path" → answer (or a function of the request returning one). */
export type Routes = Record<string, Answer | ((request: SeenRequest) => Answer)>;

export interface MockServer {
  url: string;
  requests: SeenRequest[];
  routes: Routes;
  close(): Promise<void>;
}

export async function startMockServer(routes: Routes = {}): Promise<MockServer> {
  const requests: SeenRequest[] = [];
  const mock: MockServer = { url: '', requests, routes, close: async () => undefined };
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://localhost');
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    const seen: SeenRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      json,
    };
    requests.push(seen);
    const route = mock.routes[`${seen.method} ${seen.path}`];
    const answer: Answer = route === undefined ? { status: 404, json: { error: 'Not Found' } } : typeof route === 'function' ? route(seen) : route;
    if (answer.stream !== undefined) {
      answer.stream(response);
      return;
    }
    const status = answer.status ?? 200;
    const headers: Record<string, string> = { ...answer.headers };
    let payload = answer.text ?? '';
    if (answer.json !== undefined) {
      payload = JSON.stringify(answer.json);
      headers['Content-Type'] ??= 'application/json';
    }
    response.writeHead(status, headers);
    response.end(status === 204 ? undefined : payload);
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('mock server is not listening');
  mock.url = `http://127.0.0.1:${address.port}`;
  mock.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };
  return mock;
}
