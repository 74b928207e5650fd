// [collectd]: collectd network-protocol datagrams over UDP into the server's write path, in
// batches (batch-size, batch-pending, batch-timeout). types.db is read at start (a missing one
// fails the start, as in Kapacitor); so is the auth file with security-level sign or encrypt
// (InfluxDB would only find out per packet). A malformed datagram, or one whose signature or
// encryption fails (wrong password, unknown user), is dropped and counted in points_parse_fail
// as in InfluxDB, the latter also in auth_fail; value lists below the security level are
// dropped and counted in insecure_dropped. Never throws out of a socket callback.

import type { Socket } from 'node:dgram';
import { bindUdpSocket } from '../udp-socket.js';
import type { Logger } from 'pino';
import type { CollectdConfig } from '../../../config/index.js';
import type { Point } from '../../../models/point.js';
import { batcherValues, PointBatcher } from '../batcher.js';
import { splitBindAddress, type BoundAddress, type Listener, type ListenerStatistic, type PointSink } from '../listener.js';
import { AuthFile } from './auth-file.js';
import { CollectdSecurityError, parsePacket, type PacketSecurity, type SecurityLevel } from './packet.js';
import { valueListPoints, type CollectdTarget } from './points.js';
import { loadTypesDB, type TypesDB } from './typesdb.js';

export class CollectdListener implements Listener {
  readonly kind = 'collectd';
  private socket: Socket | undefined;
  private readonly batcher: PointBatcher;
  private readonly target: CollectdTarget;
  private types: TypesDB = new Map();
  private bound: BoundAddress = { host: '', port: 0 };
  private readonly security: PacketSecurity;
  private readonly authFile: AuthFile;
  private readonly stats = { points_rx: 0, bytes_rx: 0, points_parse_fail: 0, read_fail: 0, invalid_dropped_points: 0, auth_fail: 0, insecure_dropped: 0 };

  constructor(
    private readonly config: CollectdConfig,
    sink: PointSink,
    private readonly logger: Logger,
  ) {
    const level = config.securityLevel as SecurityLevel;
    this.authFile = new AuthFile(config.authFile);
    this.security = { level, passwords: () => this.authFile.passwords() };
    this.target = { database: config.database || 'collectd', retentionPolicy: config.retentionPolicy, join: config.parseMultivaluePlugin === 'join' };
    this.batcher = new PointBatcher(
      { size: config.batchSize || 5000, pending: config.batchPending || 10, timeoutMs: config.batchTimeout || 10_000 },
      sink,
      (error) => this.logger.error({ err: error.message }, 'failed to write point batch to database'),
    );
  }

  async open(): Promise<void> {
    this.types = loadTypesDB(this.config.typesdb);
    if (this.security.level !== 'none') {
      if (this.config.authFile === '') throw new Error(`[collectd] security-level ${this.security.level} needs an auth-file`);
      this.authFile.load();
    }
    const { host, port } = splitBindAddress('[collectd]', this.config.bindAddress);
    const socket = await bindUdpSocket(host, port);
    if (this.config.readBuffer > 0) socket.setRecvBufferSize(this.config.readBuffer);
    socket.on('error', (error) => {
      this.stats.read_fail++;
      this.logger.error({ err: error.message }, 'collectd read error');
    });
    socket.on('message', (message) => this.receive(message));
    this.socket = socket;
    const address = socket.address();
    this.bound = { host: address.address, port: address.port };
    this.logger.info({ addr: `${address.address}:${address.port}` }, 'listening for collectd packets');
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined) await new Promise<void>((resolve) => socket.close(() => resolve()));
    this.batcher.stop();
  }

  address(): BoundAddress {
    return this.bound;
  }

  statistics(): ListenerStatistic {
    const batches = this.batcher.stats;
    return {
      name: 'collectd',
      tags: { bind: this.config.bindAddress },
      values: { ...this.stats, ...batcherValues(batches) },
    };
  }

  private receive(message: Buffer): void {
    this.stats.bytes_rx += message.length;
    let parsed;
    try {
      parsed = parsePacket(message, this.security);
    } catch (error) {
      this.stats.points_parse_fail++;
      if (error instanceof CollectdSecurityError) this.stats.auth_fail++;
      this.logger.debug({ err: (error as Error).message }, 'collectd parse error');
      return;
    }
    const lists = parsed.lists;
    this.stats.insecure_dropped += parsed.insecure;
    const points: Point[] = [];
    for (const list of lists) this.stats.invalid_dropped_points += valueListPoints(list, this.types, this.target, points);
    this.stats.points_rx += points.length;
    for (const point of points) this.batcher.add(point);
  }
}
