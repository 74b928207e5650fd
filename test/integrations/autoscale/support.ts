// For the autoscale end-to-end tests: a local HTTP peer that records every request and answers
// through a handler, and a real server started with a TOML configuration, a stream task defined
// over HTTP and points written over HTTP.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { loadConfigText } from '../../../src/config/index.js';
import { request, startTestServer, type Reply, type TestServer } from '../../support/test-server.js';

export interface PeerRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface PeerReply {
  status?: number;
  body?: string;
  contentType?: string;
}

export interface Peer {
  url: string;
  requests: PeerRequest[];
  close(): Promise<void>;
}

export async function startPeer(handle: (req: PeerRequest) => PeerReply): Promise<Peer> {
  const requests: PeerRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const recorded: PeerRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      const reply = handle(recorded);
      res.statusCode = reply.status ?? 200;
      res.setHeader('Content-Type', reply.contentType ?? 'application/json');
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function startServerWith(toml: string): Promise<TestServer> {
  const config = loadConfigText(toml);
  return startTestServer({ config: () => config });
}

/** Defines and enables a stream task on db.rp; the reply of the definition. */
export function defineTask(server: TestServer, id: string, script: string): Promise<Reply> {
  return request(server.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id, type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script, status: 'enabled' },
  });
}

export async function write(server: TestServer, lines: string): Promise<void> {
  const reply = await request(server.url, 'POST', '/write?db=db&rp=rp&precision=s', { body: lines });
  if (reply.status !== 204) throw new Error(`write: ${reply.status} ${reply.text}`);
}

/** The httpOut result of a task. */
export async function httpOut(
  server: TestServer,
  task: string,
  name: string,
): Promise<{ series?: Array<{ name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }> }> {
  return (await request(server.url, 'GET', `/kapacitor/v1/tasks/${task}/${name}`)).json;
}

export async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
