// A UDP listener for one udp subscription (database + retention policy): every datagram is
// line protocol from InfluxDB, parsed and handed to the point writer. Bad lines are counted
// and logged, never thrown.

import { createSocket, type Socket } from 'node:dgram';
import type { Logger } from 'pino';
import { parsePoints } from '../../lineprotocol/parse.js';
import type { Point } from '../../models/point.js';
import { nowNs } from '../../models/time.js';

export class UdpSubscriptionListener {
  private socket: Socket | undefined;
  errors = 0;

  constructor(
    private readonly database: string,
    private readonly retentionPolicy: string,
    private readonly writePoints: (points: Point[]) => void,
    private readonly logger: Logger,
    private readonly readBuffer = 0,
  ) {}

  /** Binds on host (all interfaces when empty) and port (0 = a free one); resolves with the port. */
  async open(host: string, port = 0): Promise<number> {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    this.socket = socket;
    socket.on('message', (message) => this.receive(message));
    socket.on('error', (error) => this.logger.error({ err: error.message }, 'UDP subscription listener error'));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (error) => {
        socket.close();
        this.socket = undefined;
        reject(error);
      });
      socket.bind({ port, address: host || undefined }, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    if (this.readBuffer > 0) socket.setRecvBufferSize(this.readBuffer);
    return socket.address().port;
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  private receive(message: Buffer): void {
    const { points, errors } = parsePoints(message, {
      precision: '',
      defaultTime: nowNs(),
      database: this.database,
      retentionPolicy: this.retentionPolicy,
    });
    if (errors.length > 0) {
      this.errors += errors.length;
      this.logger.error({ db: this.database, rp: this.retentionPolicy, err: errors[0] }, 'failed to parse UDP subscription points');
    }
    if (points.length > 0) this.writePoints(points);
  }
}
