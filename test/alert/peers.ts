// Real peers on 127.0.0.1 for alert handler tests: an HTTP sink recording every request and a
// TCP listener collecting newline-delimited messages.

import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpSink {
  url: string;
  requests: RecordedRequest[];
  /** Status answered to every request (default 200). */
  status: number;
  /** Body answered to every request (default ''). */
  reply: string;
  close(): Promise<void>;
}

export async function startHttpSink(): Promise<HttpSink> {
  const sink: HttpSink = { url: '', requests: [], status: 200, reply: '', close: async () => undefined };
  const server: Server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      sink.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(sink.status, { 'Content-Type': 'application/json' });
      response.end(sink.reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  sink.url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  sink.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}

export interface TcpSink {
  address: string;
  messages: string[];
  close(): Promise<void>;
}

export async function startTcpSink(): Promise<TcpSink> {
  const sink: TcpSink = { address: '', messages: [], close: async () => undefined };
  const server: TcpServer = createTcpServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        sink.messages.push(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  sink.address = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
