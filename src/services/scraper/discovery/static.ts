// [[static-discovery]]: a fixed list of targets with their labels, reported once.

import type { StaticDiscoveryConfig } from '../../../config/index.js';
import type { Discoverer, TargetGroup } from './discoverer.js';

export class StaticDiscoverer implements Discoverer {
  readonly kind = 'static-discovery';
  readonly id: string;

  constructor(private readonly config: StaticDiscoveryConfig) {
    if (config.id === '') throw new Error('[[static-discovery]] static discovery must be given a ID');
    this.id = config.id;
  }

  start(report: (groups: TargetGroup[]) => void): void {
    report([{ source: this.config.id, targets: [...this.config.targets], labels: { ...this.config.labels } }]);
  }

  stop(): void {}
}
