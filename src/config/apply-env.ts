// KAPACITOR_* environment overrides, named as Kapacitor names them: KAPACITOR_ + section + _ +
// key, upper-cased, '-' → '_'; array sections and list values take an _N index
// (KAPACITOR_INFLUXDB_0_URLS_0). Empty variables are ignored, as Kapacitor ignores them.

import { ConfigError } from './errors.js';
import { defaultValues } from './defaults.js';
import { tomlKeyName, type AnyKeyDef, type KeyDefs, type SectionDef } from './schema.js';
import { ROOT_KEYS, SECTIONS, type Config } from './sections.js';
import { fromEnvText, ValueProblem } from './values.js';

type Env = Record<string, string | undefined>;

const PREFIX = 'KAPACITOR';

export function envName(...parts: Array<string | number>): string {
  return [PREFIX, ...parts].map((part) => String(part).toUpperCase().replaceAll('-', '_')).join('_');
}

export function applyEnv(config: Config, env: Env): void {
  const target = config as unknown as Record<string, unknown>;
  applyKeys(target, ROOT_KEYS, [], env);
  for (const [prop, def] of Object.entries(SECTIONS) as Array<[string, SectionDef]>) {
    const name = tomlKeyName(prop, def);
    if (!def.array) {
      applyKeys(target[prop] as Record<string, unknown>, def.keys, [name], env);
      continue;
    }
    const elements = target[prop] as Array<Record<string, unknown>>;
    if (elements.length > 0) applyKeys(elements[0]!, def.keys, [name], env);
    for (let index = 0; index < elements.length || hasPrefix(env, `${envName(name, index)}_`); index++) {
      if (index === elements.length) elements.push(defaultValues(def.keys, config.dataDir));
      applyKeys(elements[index]!, def.keys, [name, index], env);
    }
  }
}

function applyKeys(values: Record<string, unknown>, keys: KeyDefs, prefix: Array<string | number>, env: Env): void {
  for (const [prop, def] of Object.entries(keys)) {
    const base = [...prefix, tomlKeyName(prop, def)];
    switch (def.kind) {
      case 'string-list':
        values[prop] = applyList(values[prop] as string[], base, env);
        break;
      case 'credentials': {
        const credentials = values[prop] as { username: string; password: string };
        for (const field of ['username', 'password'] as const) {
          const text = env[envName(...base, field)];
          if (text) credentials[field] = text;
        }
        break;
      }
      case 'string-map':
      case 'string-list-map':
      case 'table':
        break;
      default: {
        const variable = envName(...base);
        const text = env[variable];
        if (text) values[prop] = convert(def, variable, text);
      }
    }
  }
}

/** KEY_0, KEY_1, ... replace existing entries; the next free index appends. */
function applyList(list: string[], base: Array<string | number>, env: Env): string[] {
  const out = [...list];
  for (let index = 0; ; index++) {
    const text = env[envName(...base, index)];
    if (text === undefined || text === '') {
      if (index >= out.length) return out;
      continue;
    }
    out[index] = text;
  }
}

function convert(def: AnyKeyDef, variable: string, text: string): unknown {
  try {
    return fromEnvText(def, text);
  } catch (error) {
    if (error instanceof ValueProblem) throw new ConfigError(`${variable}: ${error.message}`);
    throw error;
  }
}

function hasPrefix(env: Env, prefix: string): boolean {
  return Object.entries(env).some(([name, value]) => name.startsWith(prefix) && value !== undefined && value !== '');
}
