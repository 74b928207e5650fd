// [[file-discovery]]: targets read from JSON or YAML files in Prometheus' file_sd format (a
// list of { targets: [...], labels: {...} }), read at start and every refresh-interval. The
// last path element may hold a * wildcard. A file that cannot be read keeps its last groups
// and is logged; never throws after construction.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Logger } from 'pino';
import { lazyRequire } from '../../../util/lazy-require.js';
import type { FileDiscoveryConfig } from '../../../config/index.js';
import type { Discoverer, TargetGroup } from './discoverer.js';
import { PeriodicRefresh } from './periodic.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

const FILE_PATTERN = /^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/;

export class FileDiscoverer implements Discoverer {
  readonly kind = 'file-discovery';
  readonly id: string;
  private readonly refresh = new PeriodicRefresh();
  private readonly byFile = new Map<string, TargetGroup[]>();

  constructor(
    private readonly config: FileDiscoveryConfig,
    private readonly logger: Logger,
  ) {
    if (config.id === '') throw new Error('[[file-discovery]] file discovery must be given a ID');
    for (const name of config.files) {
      if (!FILE_PATTERN.test(name)) throw new Error(`[[file-discovery]] path name ${JSON.stringify(name)} is not valid for file discovery`);
    }
    this.id = config.id;
  }

  start(report: (groups: TargetGroup[]) => void): void {
    this.refresh.start(this.config.refreshInterval, () => report(this.read()));
  }

  stop(): void {
    this.refresh.stop();
  }

  /** Every group of every matching file, now. */
  read(): TargetGroup[] {
    const seen = new Set<string>();
    for (const file of this.files()) {
      seen.add(file);
      try {
        this.byFile.set(file, parseTargetFile(file, readFileSync(file, 'utf8')));
      } catch (error) {
        this.logger.error({ file, err: (error as Error).message }, 'error reading file discovery targets');
      }
    }
    for (const file of [...this.byFile.keys()]) if (!seen.has(file)) this.byFile.delete(file);
    return [...this.byFile.values()].flat();
  }

  private files(): string[] {
    const out: string[] = [];
    for (const pattern of this.config.files) {
      const name = basename(pattern);
      if (!name.includes('*')) {
        out.push(pattern);
        continue;
      }
      const [prefix, suffix] = name.split('*') as [string, string];
      try {
        for (const entry of readdirSync(dirname(pattern)).sort()) {
          if (entry.startsWith(prefix) && entry.endsWith(suffix) && entry.length >= prefix.length + suffix.length) out.push(join(dirname(pattern), entry));
        }
      } catch {
        // a missing directory matches nothing
      }
    }
    return out;
  }
}

/** Parses one file_sd file; throws for content that is not a list of target groups. */
export function parseTargetFile(file: string, text: string): TargetGroup[] {
  const ext = extname(file).toLowerCase();
  const doc: unknown = ext === '.json' ? JSON.parse(text) : yaml().parse(text);
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new Error('expected a list of target groups');
  return doc.map((raw, index) => {
    if (typeof raw !== 'object' || raw === null) throw new Error(`target group ${index} is not an object`);
    const { targets, labels } = raw as { targets?: unknown; labels?: unknown };
    if (!Array.isArray(targets) || targets.some((t) => typeof t !== 'string')) throw new Error(`target group ${index}: targets must be a list of strings`);
    const groupLabels: Record<string, string> = { __meta_filepath: file };
    if (labels !== undefined && labels !== null) {
      if (typeof labels !== 'object') throw new Error(`target group ${index}: labels must be a map`);
      for (const [key, value] of Object.entries(labels)) groupLabels[key] = String(value);
    }
    return { source: `${file}:${index}`, targets: targets as string[], labels: groupLabels };
  });
}
