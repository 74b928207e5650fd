// Prometheus scraping ([[scraper]] with [[static-discovery]], [[file-discovery]] and [[dns]]):
// each enabled scraper takes the targets of the discoverer named by discoverer-service and
// discoverer-id and runs one scrape loop per target, writing the samples as points into the
// server's write path (db / rp of the scraper). Other discoverer kinds Kapacitor knows
// (kubernetes, consul, ec2, ...) are not available here: a scraper naming one is reported at
// start and does not run, as the configuration reports those sections. Invalid scraper or
// discoverer settings (a proxy-url that is not an http:// URL among them) fail the start with
// the section named.

import type { Logger } from 'pino';
import type { Config, ScraperConfig } from '../../config/index.js';
import type { PointSink } from '../listeners/listener.js';
import type { Discoverer, TargetGroup } from './discovery/discoverer.js';
import { DnsDiscoverer } from './discovery/dns.js';
import { FileDiscoverer } from './discovery/file.js';
import { StaticDiscoverer } from './discovery/static.js';
import { proxyUrlProblem } from './proxy.js';
import { ScrapeLoop } from './scrape-loop.js';
import { groupTargets } from './targets.js';

type ScrapeConfig = Pick<Config, 'scraper' | 'staticDiscovery' | 'fileDiscovery' | 'dns'>;

/** Discoverer kinds of Kapacitor that this server does not run. */
export const UNSUPPORTED_DISCOVERERS = ['azure', 'consul', 'ec2', 'gce', 'kubernetes', 'marathon', 'nerve', 'serverset', 'triton'];

interface RunningScraper {
  config: ScraperConfig;
  discoverer: Discoverer;
  loops: Map<string, ScrapeLoop>;
  groups: Map<string, TargetGroup>;
}

export class ScraperService {
  private readonly running: RunningScraper[] = [];
  private readonly discoverers: Discoverer[] = [];
  /** Problems found at start (a scraper that does not run), also logged. */
  readonly warnings: string[] = [];

  constructor(
    private readonly config: Partial<ScrapeConfig>,
    private readonly sink: PointSink,
    private readonly logger: Logger,
  ) {}

  open(): void {
    const available = new Map<string, () => Discoverer>();
    for (const c of this.config.staticDiscovery ?? []) if (c.enabled) available.set(`static-discovery/${c.id}`, () => new StaticDiscoverer(c));
    for (const c of this.config.fileDiscovery ?? [])
      if (c.enabled) available.set(`file-discovery/${c.id}`, () => new FileDiscoverer(c, this.logger.child({ discoverer: c.id })));
    for (const c of this.config.dns ?? []) if (c.enabled) available.set(`dns/${c.id}`, () => new DnsDiscoverer(c, this.logger.child({ discoverer: c.id })));
    for (const make of available.values()) make(); // validates every enabled discoverer section
    const scrapers = (this.config.scraper ?? []).filter((c) => c.enabled);
    for (const c of scrapers) validateScraper(c);
    for (const c of scrapers) {
      const make = available.get(`${c.discovererService}/${c.discovererId}`);
      if (make === undefined) {
        const why = UNSUPPORTED_DISCOVERERS.includes(c.discovererService)
          ? `discoverer-service ${JSON.stringify(c.discovererService)} is not supported by this server`
          : `no enabled ${c.discovererService || '(empty discoverer-service)'} discoverer with id ${JSON.stringify(c.discovererId)}`;
        const warning = `[[scraper]] ${c.name}: ${why}; the scraper does not run`;
        this.warnings.push(warning);
        this.logger.warn(warning);
        continue;
      }
      const discoverer = make();
      const scraper: RunningScraper = { config: c, discoverer, loops: new Map(), groups: new Map() };
      this.running.push(scraper);
      this.discoverers.push(discoverer);
    }
    for (const scraper of this.running) {
      scraper.discoverer.start((groups) => this.update(scraper, groups));
    }
  }

  close(): void {
    for (const discoverer of this.discoverers) discoverer.stop();
    for (const scraper of this.running) for (const loop of scraper.loops.values()) loop.stop();
  }

  /** The scrape URLs of one scraper's current targets. */
  targets(name: string): string[] {
    return this.running.filter((s) => s.config.name === name).flatMap((s) => [...s.loops.values()].map((loop) => loop.target.url));
  }

  private update(scraper: RunningScraper, groups: TargetGroup[]): void {
    const c = scraper.config;
    const settings = { job: `${c.db}|${c.rp}|${c.name}`, scheme: c.scheme, metricsPath: c.metricsPath, params: c.params };
    const wanted = new Map<string, ReturnType<typeof groupTargets>[number]>();
    for (const group of groups) {
      for (const target of groupTargets(group, settings)) wanted.set(`${target.url}\n${JSON.stringify(target.labels)}`, target);
    }
    for (const [key, loop] of scraper.loops) {
      if (wanted.has(key)) continue;
      loop.stop();
      scraper.loops.delete(key);
    }
    for (const [key, target] of wanted) {
      if (scraper.loops.has(key)) continue;
      const loop = new ScrapeLoop(
        target,
        {
          intervalMs: c.scrapeInterval,
          database: c.db,
          retentionPolicy: c.rp,
          blacklist: c.blacklist,
          client: {
            timeoutMs: c.scrapeTimeout,
            username: c.username,
            password: c.password,
            bearerToken: c.bearerToken,
            sslCa: c.sslCa,
            sslCert: c.sslCert,
            sslKey: c.sslKey,
            sslServerName: c.sslServerName,
            insecureSkipVerify: c.insecureSkipVerify,
            proxyUrl: c.proxyUrl,
          },
        },
        this.sink,
        this.logger.child({ scraper: c.name }),
      );
      scraper.loops.set(key, loop);
      loop.start();
    }
  }
}

/** Kapacitor's checks of a scraper section. */
function validateScraper(c: ScraperConfig): void {
  if (c.name === '') throw new Error('[[scraper]] scraper config must be given a name');
  if (c.db === '') throw new Error(`[[scraper]] ${c.name}: scraper config must be given a db`);
  if (c.rp === '') throw new Error(`[[scraper]] ${c.name}: scraper config must be given an rp`);
  if (c.type !== 'prometheus') throw new Error(`[[scraper]] ${c.name}: Unknown scraper type`);
  const proxyProblem = proxyUrlProblem(c.proxyUrl);
  if (proxyProblem !== undefined) throw new Error(`[[scraper]] ${c.name}: proxy-url: ${proxyProblem}`);
}
