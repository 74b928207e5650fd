// [opentsdb]: one port (TLS when tls-enabled) serving both OpenTSDB protocols, as InfluxDB 1.x
// does: a connection whose first line is an HTTP request line goes to the HTTP API
// (POST /api/put with one JSON data point or an array, gzip accepted; /api/metadata/put
// answers 204), any other connection is read as telnet put lines. Points are written in
// batches (batch-size, batch-pending, batch-timeout), except HTTP puts, which are written at
// once so the reply can tell whether they were stored. Never throws out of a socket callback.

import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import type { Logger } from 'pino';
import type { OpentsdbConfig } from '../../../config/index.js';
import type { Point } from '../../../models/point.js';
import { batcherValues, PointBatcher } from '../batcher.js';
import { splitBindAddress, type BoundAddress, type Listener, type ListenerStatistic, type PointSink } from '../listener.js';
import { httpPutTime, isVersionLine, parseTelnetPut } from './telnet.js';

/** An HTTP/1.x request line, as Go's http.ReadRequest accepts it. */
const REQUEST_LINE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+ \S+ HTTP\/\d+\.\d+\r?$/;
/** Longest first line looked at before deciding the connection is telnet. */
const FIRST_LINE_LIMIT = 8192;

export class OpentsdbListener implements Listener {
  readonly kind = 'opentsdb';
  private server: NetServer | undefined;
  private readonly http: HttpServer;
  private readonly batcher: PointBatcher;
  private readonly connections = new Set<Socket>();
  private bound: BoundAddress = { host: '', port: 0 };
  private readonly database: string;
  private readonly stats: Record<string, number> = {
    tl_connections_active: 0,
    tl_connections_handled: 0,
    tl_points_rx: 0,
    tl_bytes_rx: 0,
    tl_read_err: 0,
    tl_bad_line: 0,
    tl_bad_time: 0,
    tl_bad_tag: 0,
    tl_bad_float: 0,
    http_connections_handled: 0,
    connections_active: 0,
    connections_handled: 0,
    http_points_rx: 0,
    invalid_dropped_points: 0,
  };

  constructor(
    private readonly config: OpentsdbConfig,
    private readonly sink: PointSink,
    private readonly logger: Logger,
  ) {
    this.database = config.database || 'opentsdb';
    this.batcher = new PointBatcher(
      { size: config.batchSize || 1000, pending: config.batchPending || 5, timeoutMs: config.batchTimeout || 1000 },
      sink,
      (error) => this.logger.error({ err: error.message }, 'failed to write point batch to database'),
    );
    this.http = createHttpServer((request, response) => {
      void this.serveHttp(request, response);
    });
  }

  async open(): Promise<void> {
    const { host, port } = splitBindAddress('[opentsdb]', this.config.bindAddress);
    let server: NetServer;
    if (this.config.tlsEnabled) {
      const pem = readFileSync(this.config.certificate);
      server = createTlsServer({ cert: pem, key: pem }, (socket) => this.accept(socket));
    } else {
      server = createNetServer((socket) => this.accept(socket));
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.logger.error({ err: error.message }, 'OpenTSDB listener error'));
    this.server = server;
    const address = server.address();
    if (address !== null && typeof address === 'object') this.bound = { host: address.address, port: address.port };
    this.logger.info({ addr: `${this.bound.host}:${this.bound.port}`, tls: this.config.tlsEnabled }, 'listening for OpenTSDB metrics');
  }

  async close(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.http.closeAllConnections();
    this.batcher.stop();
  }

  address(): BoundAddress {
    return this.bound;
  }

  statistics(): ListenerStatistic {
    const batches = this.batcher.stats;
    return {
      name: 'opentsdb',
      tags: { bind: this.config.bindAddress },
      values: {
        ...this.stats,
        ...batcherValues(batches),
      },
    };
  }

  /** Reads up to the first newline, then hands the connection to HTTP or telnet. */
  private accept(socket: Socket): void {
    this.connections.add(socket);
    this.stats.connections_active!++;
    this.stats.connections_handled!++;
    socket.on('close', () => {
      this.connections.delete(socket);
      this.stats.connections_active!--;
    });
    socket.on('error', () => socket.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const newline = head.indexOf(0x0a);
      if (newline === -1 && head.length < FIRST_LINE_LIMIT) return;
      socket.off('data', onData);
      socket.pause();
      const firstLine = head.subarray(0, newline === -1 ? head.length : newline).toString('latin1');
      if (REQUEST_LINE.test(firstLine)) {
        this.stats.http_connections_handled!++;
        this.connections.delete(socket);
        socket.unshift(head);
        this.http.emit('connection', socket);
        socket.resume();
      } else {
        this.telnet(socket, head);
      }
    };
    socket.on('data', onData);
  }

  private telnet(socket: Socket, head: Buffer): void {
    this.stats.tl_connections_active!++;
    this.stats.tl_connections_handled!++;
    socket.on('close', () => {
      this.stats.tl_connections_active!--;
    });
    let pending = '';
    const consume = (text: string): void => {
      const all = pending + text;
      const lines = all.split('\n');
      pending = lines.pop()!;
      for (const raw of lines) this.telnetLine(socket, raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    };
    consume(head.toString('utf8'));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => consume(chunk));
    socket.resume();
  }

  private telnetLine(socket: Socket, line: string): void {
    this.stats.tl_points_rx!++;
    this.stats.tl_bytes_rx! += Buffer.byteLength(line);
    const words = line
      .trim()
      .split(/\s+/)
      .filter((word) => word !== '');
    if (isVersionLine(words)) {
      socket.write('InfluxDB TSDB proxy');
      return;
    }
    const { point, problems } = parseTelnetPut(words, this.database, this.config.retentionPolicy);
    for (const problem of problems) this.stats[problem]!++;
    if (problems.length > 0 && this.config.logPointErrors) {
      this.logger.info({ line, problem: problems.join(',') }, 'malformed telnet line');
    }
    if (point !== undefined) this.batcher.add(point);
  }

  private async serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/api/metadata/put') {
      request.resume();
      response.writeHead(204).end();
      return;
    }
    if (path !== '/api/put') return plain(response, 404, '404 page not found');
    if (request.method !== 'POST') return plain(response, 405, 'Method Not Allowed');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') {
      try {
        body = gunzipSync(body);
      } catch (error) {
        return plain(response, 400, `could not read gzip, ${(error as Error).message}`);
      }
    }
    const text = body.toString('utf8').trimStart();
    const multi = text.startsWith('[');
    if (!multi && !text.startsWith('{')) return plain(response, 400, 'expected JSON array or hash');
    let decoded: unknown;
    try {
      decoded = JSON.parse(text);
    } catch {
      return plain(response, 400, multi ? 'json array decode error' : 'json object decode error');
    }
    const points: Point[] = [];
    for (const raw of multi ? (decoded as unknown[]) : [decoded]) {
      const point = this.httpPoint(raw);
      if (point === undefined) this.stats.invalid_dropped_points!++;
      else points.push(point);
    }
    this.stats.http_points_rx! += points.length;
    try {
      if (points.length > 0) await this.sink(points);
    } catch (error) {
      return plain(response, 500, `write series error: ${(error as Error).message}`);
    }
    response.writeHead(204).end();
  }

  private httpPoint(raw: unknown): Point | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { metric, timestamp, value, tags } = raw as Record<string, unknown>;
    if (typeof metric !== 'string' || metric === '' || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
    const time = typeof timestamp === 'number' ? httpPutTime(timestamp) : 0n;
    const pointTags: Record<string, string> = {};
    if (typeof tags === 'object' && tags !== null) {
      for (const [key, tagValue] of Object.entries(tags)) if (typeof tagValue === 'string') pointTags[key] = tagValue;
    }
    return { name: metric, tags: pointTags, fields: { value }, time, database: this.database, retentionPolicy: this.config.retentionPolicy };
  }
}

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end(`${message}\n`);
}
