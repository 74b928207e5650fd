// Builds a Config holding every default from the table, with data_dir-relative paths placed
// under the given data directory. Fresh objects each call: callers may mutate the result.

import type { AnyKeyDef, KeyDefs, SectionDef } from './schema.js';
import { DEFAULT_DATA_DIR, ROOT_KEYS, SECTIONS, type Config } from './sections.js';

export function defaultConfig(dataDir: string = DEFAULT_DATA_DIR): Config {
  const config: Record<string, unknown> = { ...defaultValues(ROOT_KEYS, dataDir), dataDir };
  for (const [prop, def] of Object.entries(SECTIONS) as Array<[string, SectionDef]>) {
    const values = defaultValues(def.keys, dataDir);
    config[prop] = def.array ? [values] : values;
  }
  return config as Config;
}

/** One element or section filled with its defaults. */
export function defaultValues(keys: KeyDefs, dataDir: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [prop, def] of Object.entries(keys)) values[prop] = defaultValue(def, dataDir);
  return values;
}

function defaultValue(def: AnyKeyDef, dataDir: string): unknown {
  return typeof def.default === 'function' ? def.default(dataDir) : structuredClone(def.default);
}

/** One section (or array section's elements) filled with its defaults. */
export function defaultSection(def: SectionDef, dataDir: string = DEFAULT_DATA_DIR): unknown {
  const values = defaultValues(def.keys, dataDir);
  return def.array ? [values] : values;
}

/** A full Config from a partial one: the sections it lacks take their defaults. */
export function withDefaults(partial: Partial<Config>, dataDir: string = partial.dataDir ?? DEFAULT_DATA_DIR): Config {
  return { ...defaultConfig(dataDir), ...structuredClone(partial) };
}
