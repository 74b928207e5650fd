// The start-up summary kapacitord logs once the server listens: version, configuration file,
// data directory, enabled services and linked InfluxDB clusters. Reads the configuration only;
// never changes what runs.

import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { KAPACITOR_VERSION } from './models/version.js';
import type { KapacitorServer } from './server.js';

export function logStartupSummary(logger: Logger, config: Config, configFile: string | undefined, server: KapacitorServer): void {
  const address = server.address();
  const log = logger.child({ service: 'run' });
  log.info({ version: KAPACITOR_VERSION, implementation: 'kapacitor-ts', pid: process.pid }, 'Kapacitor starting');
  log.info({ path: configFile ?? '(none: defaults and environment)' }, 'loaded configuration');
  log.info({ dir: config.dataDir, storage: config.storage.boltdb }, 'data directory');
  log.info({ services: enabledServices(config).join(',') }, 'enabled services');
  for (const cluster of config.influxdb.filter((element) => element.enabled)) {
    log.info(
      {
        cluster: cluster.name,
        urls: cluster.urls.join(','),
        default: cluster.default,
        subscriptions: cluster.disableSubscriptions ? 'disabled' : `${cluster.subscriptionProtocol},${cluster.subscriptionMode}`,
      },
      'InfluxDB cluster configured',
    );
  }
  log.info({ addr: `${address.host}:${address.port}`, https: config.http.httpsEnabled }, 'serving the HTTP API');
}

/** Services with an enabled switch that is on, plus the always-on core, in configuration order. */
export function enabledServices(config: Config): string[] {
  const names = ['http', 'task_store', 'replay', 'alert'];
  for (const [name, section] of Object.entries(config)) {
    const elements = Array.isArray(section) ? section : [section];
    if (elements.some((element) => typeof element === 'object' && element !== null && (element as { enabled?: unknown }).enabled === true)) {
      if (name !== 'configOverride' && name !== 'reporting') names.push(name);
    }
  }
  if (config.configOverride.enabled) names.push('config-override');
  return names;
}
