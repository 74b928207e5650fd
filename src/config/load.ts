// loadConfig: defaults, then the TOML file (if any), then KAPACITOR_* variables, in the order
// Kapacitor applies them. Every problem becomes a ConfigError naming the key or variable.

import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { applyEnv, envName } from './apply-env.js';
import { applyToml, type TomlSource } from './apply-toml.js';
import { defaultConfig } from './defaults.js';
import { ConfigError } from './errors.js';
import { DEFAULT_DATA_DIR, type Config } from './sections.js';
import { describeValue } from './values.js';

export interface LoadOptions {
  /** The TOML file; without one the defaults (and environment) apply. */
  path?: string;
  /** Environment holding KAPACITOR_* overrides; defaults to none. */
  env?: Record<string, string | undefined>;
  /** Receives a message for each ignored unknown key or section. */
  warnings?: string[];
  /** Refuse the file (ConfigError listing every warning) instead of ignoring what is unknown. */
  strict?: boolean;
}

export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? {};
  const text = options.path === undefined ? '' : readConfigFile(options.path);
  return loadConfigText(text, { env, warnings: options.warnings, origin: options.path, strict: options.strict });
}

/** loadConfig for TOML text already in hand; origin names it in syntax errors. */
export function loadConfigText(
  text: string,
  options: { env?: Record<string, string | undefined>; warnings?: string[]; origin?: string; strict?: boolean } = {},
): Config {
  const doc = parseToml(text, options.origin);
  const warnings: string[] = [];
  const source: TomlSource = { text, warnings, origin: options.origin };
  const env = options.env ?? {};
  const config = defaultConfig(dataDirOf(doc, env));
  applyToml(config, doc, source);
  applyEnv(config, env);
  if (options.strict === true && warnings.length > 0) {
    throw new ConfigError(`strict configuration refused:\n  ${warnings.join('\n  ')}`);
  }
  options.warnings?.push(...warnings);
  return config;
}

function readConfigFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message;
    throw new ConfigError(`open ${path}: ${reason}`);
  }
}

function parseToml(text: string, origin: string | undefined): Record<string, unknown> {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    throw new ConfigError(`${origin ?? 'TOML'}: ${reason} (line ${error.line}, column ${error.column})`);
  }
}

/** data_dir decides the default paths under it, so it is resolved first. */
function dataDirOf(doc: Record<string, unknown>, env: Record<string, string | undefined>): string {
  const fromEnv = env[envName('data_dir')];
  if (fromEnv) return fromEnv;
  const fromFile = doc.data_dir;
  if (fromFile === undefined) return DEFAULT_DATA_DIR;
  if (typeof fromFile !== 'string') throw new ConfigError(`data_dir: expected a string, got ${describeValue(fromFile)}`);
  return fromFile;
}
