// [[dns]]: targets from DNS lookups of record-names, repeated every refresh-interval. SRV
// records give host:port; A and AAAA records give address:port with the configured port. A
// failed lookup keeps the name's last targets and is logged; never throws after construction.

import { promises as dns } from 'node:dns';
import type { Logger } from 'pino';
import type { DnsDiscoveryConfig } from '../../../config/index.js';
import type { Discoverer, TargetGroup } from './discoverer.js';
import { PeriodicRefresh } from './periodic.js';

export type DnsResolver = Pick<typeof dns, 'resolveSrv' | 'resolve4' | 'resolve6'>;

export class DnsDiscoverer implements Discoverer {
  readonly kind = 'dns';
  readonly id: string;
  private readonly type: 'SRV' | 'A' | 'AAAA';
  private readonly refresh = new PeriodicRefresh();
  private readonly byName = new Map<string, TargetGroup>();

  constructor(
    private readonly config: DnsDiscoveryConfig,
    private readonly logger: Logger,
    private readonly resolver: DnsResolver = dns,
  ) {
    if (config.id === '') throw new Error('[[dns]] dns discovery must be given a ID');
    this.type = config.type.toUpperCase() as 'SRV' | 'A' | 'AAAA';
    if (this.type !== 'SRV' && config.port === 0) throw new Error(`[[dns]] Port required for dns discovery type ${config.type}`);
    this.id = config.id;
  }

  start(report: (groups: TargetGroup[]) => void): void {
    this.refresh.start(this.config.refreshInterval, () => {
      void this.lookup().then(report);
    });
  }

  stop(): void {
    this.refresh.stop();
  }

  /** Looks every name up now; the groups of all names. */
  async lookup(): Promise<TargetGroup[]> {
    await Promise.all(
      this.config.recordNames.map(async (name) => {
        try {
          this.byName.set(name, { source: name, targets: await this.targets(name), labels: { __meta_dns_name: name } });
        } catch (error) {
          this.logger.error({ name, err: (error as Error).message }, 'DNS discovery lookup failed');
        }
      }),
    );
    return this.config.recordNames.flatMap((name) => this.byName.get(name) ?? []);
  }

  private async targets(name: string): Promise<string[]> {
    if (this.type === 'SRV') {
      return (await this.resolver.resolveSrv(name)).map((record) => `${record.name.replace(/\.$/, '')}:${record.port}`);
    }
    if (this.type === 'A') return (await this.resolver.resolve4(name)).map((address) => `${address}:${this.config.port}`);
    return (await this.resolver.resolve6(name)).map((address) => `[${address}]:${this.config.port}`);
  }
}
