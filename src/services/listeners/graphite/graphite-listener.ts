// [[graphite]]: Graphite plaintext lines over TCP (one line per newline, many connections) or
// UDP (each datagram split at newlines), parsed by the section's templates and written in
// batches (batch-size, batch-pending, batch-timeout) into the server's write path. Bad lines
// are counted (points_parse_fail, points_nan_fail), never answered: the protocol has no reply.
// Never throws out of a socket callback.

import type { Socket } from 'node:dgram';
import { bindUdpSocket } from '../udp-socket.js';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import type { Logger } from 'pino';
import type { GraphiteConfig } from '../../../config/index.js';
import { nowNs } from '../../../models/time.js';
import { batcherValues, PointBatcher } from '../batcher.js';
import { splitBindAddress, type BoundAddress, type Listener, type ListenerStatistic, type PointSink } from '../listener.js';
import { GraphiteLineError, GraphiteParser } from './parser.js';
import { validateGraphite } from './template.js';

export class GraphiteListener implements Listener {
  readonly kind = 'graphite';
  private readonly parser: GraphiteParser;
  private readonly batcher: PointBatcher;
  private readonly protocol: 'tcp' | 'udp';
  private tcp: Server | undefined;
  private udp: Socket | undefined;
  private readonly connections = new Set<TcpSocket>();
  private bound: BoundAddress = { host: '', port: 0 };
  private readonly stats = { points_rx: 0, bytes_rx: 0, points_parse_fail: 0, points_nan_fail: 0, connections_active: 0, connections_handled: 0 };

  constructor(
    private readonly config: GraphiteConfig,
    sink: PointSink,
    private readonly logger: Logger,
  ) {
    try {
      validateGraphite(config.templates, config.tags);
    } catch (error) {
      throw new Error(`[[graphite]] ${(error as Error).message}`, { cause: error });
    }
    this.protocol = config.protocol.toLowerCase() as 'tcp' | 'udp';
    this.parser = new GraphiteParser({
      templates: config.templates,
      tags: config.tags,
      separator: config.separator || '.',
      database: config.database || 'graphite',
      retentionPolicy: config.retentionPolicy,
    });
    this.batcher = new PointBatcher(
      { size: config.batchSize || 5000, pending: config.batchPending || 10, timeoutMs: config.batchTimeout || 1000 },
      sink,
      (error) => this.logger.error({ err: error.message }, 'failed to write point batch to database'),
    );
  }

  async open(): Promise<void> {
    const { host, port } = splitBindAddress('[[graphite]]', this.config.bindAddress);
    if (this.protocol === 'tcp') await this.openTcp(host, port);
    else await this.openUdp(host, port);
    this.logger.info({ addr: `${this.bound.host}:${this.bound.port}`, protocol: this.protocol }, 'listening for Graphite metrics');
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.destroy();
    const tcp = this.tcp;
    const udp = this.udp;
    this.tcp = undefined;
    this.udp = undefined;
    if (tcp !== undefined) await new Promise<void>((resolve) => tcp.close(() => resolve()));
    if (udp !== undefined) await new Promise<void>((resolve) => udp.close(() => resolve()));
    this.batcher.stop();
  }

  address(): BoundAddress {
    return this.bound;
  }

  statistics(): ListenerStatistic {
    const batches = this.batcher.stats;
    return {
      name: 'graphite',
      tags: { proto: this.protocol, bind: this.config.bindAddress },
      values: {
        ...this.stats,
        ...batcherValues(batches),
      },
    };
  }

  private async openTcp(host: string | undefined, port: number): Promise<void> {
    const server = createServer((connection) => this.accept(connection));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.logger.error({ err: error.message }, 'Graphite TCP listener error'));
    this.tcp = server;
    const address = server.address();
    if (address !== null && typeof address === 'object') this.bound = { host: address.address, port: address.port };
  }

  private accept(connection: TcpSocket): void {
    this.connections.add(connection);
    this.stats.connections_active++;
    this.stats.connections_handled++;
    let pending = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      const text = pending + chunk;
      const lastNewline = text.lastIndexOf('\n');
      if (lastNewline === -1) {
        pending = text;
        return;
      }
      pending = text.slice(lastNewline + 1);
      const now = nowNs();
      for (const line of text.slice(0, lastNewline).split('\n')) {
        this.stats.points_rx++;
        this.stats.bytes_rx += Buffer.byteLength(line) + 1;
        this.handleLine(line, now);
      }
    });
    connection.on('error', () => connection.destroy());
    connection.on('close', () => {
      this.connections.delete(connection);
      this.stats.connections_active--;
    });
  }

  private async openUdp(host: string | undefined, port: number): Promise<void> {
    const socket = await bindUdpSocket(host, port);
    if (this.config.udpReadBuffer > 0) socket.setRecvBufferSize(this.config.udpReadBuffer);
    socket.on('error', (error) => this.logger.error({ err: error.message }, 'Graphite UDP listener error'));
    socket.on('message', (message) => {
      const lines = message.toString('utf8').split('\n');
      const now = nowNs();
      for (const line of lines) this.handleLine(line, now);
      this.stats.points_rx += lines.length;
      this.stats.bytes_rx += message.length;
    });
    this.udp = socket;
    const address = socket.address();
    this.bound = { host: address.address, port: address.port };
  }

  private handleLine(raw: string, now: bigint): void {
    const line = raw.trim();
    if (line === '') return;
    try {
      this.batcher.add(this.parser.parse(line, now));
    } catch (error) {
      if (error instanceof GraphiteLineError && error.nan) {
        this.stats.points_nan_fail++;
        return;
      }
      this.stats.points_parse_fail++;
      this.logger.debug({ err: (error as Error).message }, 'unable to parse line');
    }
  }
}
