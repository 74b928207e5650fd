// The configuration layer's public face: load, render and inspect Kapacitor's configuration.
// Importers use this module (and errors.ts / bind-address.ts), not the files behind it.

export { loadConfig, loadConfigText, type LoadOptions } from './load.js';
export { defaultConfig, withDefaults } from './defaults.js';
export { renderConfig, renderDefaultConfig } from './render.js';
export { configSections } from './config-api.js';
export { ConfigOverrideService, OVERRIDES_BUCKET, type SectionListener } from './override-service.js';
export { UpdateError } from './override-update.js';
export { applyOverrides, OverrideError, type StoredOverride } from './overrides.js';
export { ConfigError } from './errors.js';
export { parseBindAddress, type BindAddress } from './bind-address.js';
export {
  LOG_LEVELS,
  ROOT_KEYS,
  SECTIONS,
  type Config,
  type DeadmanConfig,
  type EngineConfig,
  type JobsConfig,
  type HttpConfig,
  type HttpPostConfig,
  type InfluxDBConfig,
  type LoggingConfig,
  type Pagerduty2Config,
  type SlackConfig,
  type SmtpConfig,
  type StatsConfig,
  type UdpConfig,
  type GraphiteConfig,
  type OpentsdbConfig,
  type CollectdConfig,
  type ScraperConfig,
  type StaticDiscoveryConfig,
  type FileDiscoveryConfig,
  type DnsDiscoveryConfig,
  type KubernetesConfig,
  type SwarmConfig,
  type Ec2Config,
} from './sections.js';
