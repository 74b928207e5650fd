// Starts a real kapacitord (in-process, port 0, temporary data directory) for HTTP-level
// tests, with a tiny fetch-based client.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pino, { type Logger } from 'pino';
import { KapacitorServer, type ServerSettings } from '../../src/server.js';

export interface TestServer {
  url: string;
  dataDir: string;
  server: KapacitorServer;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<ServerSettings> = {}, logger: Logger = pino({ level: 'silent' })): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'kapacitor-test-'));
  const server = await KapacitorServer.open(
    {
      hostname: 'localhost',
      dataDir,
      bindHost: '127.0.0.1',
      bindPort: 0,
      logEnabled: false,
      maxBodySize: 10 * 1024 * 1024,
      defaultRetentionPolicy: '',
      ...overrides,
    },
    logger,
  );
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    server,
    async close() {
      await server.close();
      if (overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function request(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: string | Buffer; json?: unknown; headers?: Record<string, string>; gzip?: boolean } = {},
): Promise<Reply> {
  let body: string | Buffer | undefined = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  if (options.gzip && body !== undefined) {
    body = gzipSync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  const response = await fetch(baseUrl + path, { method, body, headers });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Polls fn until it returns a value that satisfies done, or fails after timeoutMs. */
export async function poll<T>(fn: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await fn();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await fn();
  }
  return last;
}
