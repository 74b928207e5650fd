// [[udp]]: line protocol datagrams into the server's write path, with the section's database
// and retention policy. As Kapacitor, a datagram with any bad line is dropped whole and counted
// (points_parse_fail); datagrams are parsed as they arrive, so `buffer` has no queue to size.
// Never throws out of a socket callback.

import type { Socket } from 'node:dgram';
import { bindUdpSocket } from '../udp-socket.js';
import type { Logger } from 'pino';
import type { UdpConfig } from '../../../config/index.js';
import { parsePoints } from '../../../lineprotocol/parse.js';
import { precisionMultiplier } from '../../../lineprotocol/precision.js';
import { nowNs } from '../../../models/time.js';
import { splitBindAddress, type BoundAddress, type Listener, type ListenerStatistic, type PointSink } from '../listener.js';

export class UdpListener implements Listener {
  readonly kind = 'udp';
  private socket: Socket | undefined;
  private bound: BoundAddress = { host: '', port: 0 };
  private readonly stats = { points_rx: 0, bytes_rx: 0, points_parse_fail: 0, read_fail: 0, points_tx: 0, tx_fail: 0 };

  constructor(
    private readonly config: UdpConfig,
    private readonly sink: PointSink,
    private readonly logger: Logger,
  ) {
    if (config.bindAddress === '') throw new Error('[[udp]] bind address has to be specified in config');
    if (config.database === '') throw new Error('[[udp]] database has to be specified in config');
    precisionMultiplier(config.precision);
  }

  async open(): Promise<void> {
    const { host, port } = splitBindAddress('[[udp]]', this.config.bindAddress);
    const socket = await bindUdpSocket(host, port);
    socket.on('error', (error) => {
      this.stats.read_fail++;
      this.logger.error({ err: error.message }, 'failed to read UDP message');
    });
    socket.on('message', (message) => this.receive(message));
    if (this.config.readBuffer > 0) socket.setRecvBufferSize(this.config.readBuffer);
    this.socket = socket;
    const address = socket.address();
    this.bound = { host: address.address, port: address.port };
    this.logger.info({ addr: `${address.address}:${address.port}` }, 'started listening on UDP');
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  address(): BoundAddress {
    return this.bound;
  }

  statistics(): ListenerStatistic {
    return { name: 'udp', tags: { bind: `${this.bound.host}:${this.bound.port}` }, values: { ...this.stats } };
  }

  private receive(message: Buffer): void {
    this.stats.bytes_rx += message.length;
    const { points, errors } = parsePoints(message, {
      precision: this.config.precision,
      defaultTime: nowNs(),
      database: this.config.database,
      retentionPolicy: this.config.retentionPolicy,
    });
    if (errors.length > 0) {
      this.stats.points_parse_fail++;
      this.logger.error({ err: errors[0] }, 'failed to parse points');
      return;
    }
    this.stats.points_rx += points.length;
    if (points.length === 0) return;
    try {
      const written = this.sink(points);
      if (written === undefined) {
        this.stats.points_tx += points.length;
      } else {
        written.then(
          () => {
            this.stats.points_tx += points.length;
          },
          (error: Error) => this.writeFailed(error),
        );
      }
    } catch (error) {
      this.writeFailed(error as Error);
    }
  }

  private writeFailed(error: Error): void {
    this.stats.tx_fail++;
    this.logger.error({ err: error.message, database: this.config.database }, 'failed to write points to database');
  }
}
