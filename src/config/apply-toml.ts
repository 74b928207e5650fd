// Applies a parsed TOML document to a Config built from defaults: known keys are converted and
// set, [[array]] sections replace the default elements, unknown keys and sections are ignored
// (as Kapacitor's decoder does) and reported as warnings.

import { ConfigError } from './errors.js';
import { defaultValues } from './defaults.js';
import { tomlKeyName, type KeyDefs, type SectionDef } from './schema.js';
import { ROOT_KEYS, SECTIONS, type Config } from './sections.js';
import { locateKey, type KeyLocation } from './source-lines.js';
import { describeValue, fromToml, ValueProblem } from './values.js';

export interface TomlSource {
  /** The file's text, for line numbers in messages. */
  text: string;
  /** Collects messages about ignored keys. */
  warnings: string[];
}

export function applyToml(config: Config, doc: Record<string, unknown>, source: TomlSource): void {
  const target = config as unknown as Record<string, unknown>;
  const sections = new Map(Object.entries(SECTIONS).map(([prop, def]) => [tomlKeyName(prop, def), { prop, def: def as SectionDef }]));
  const rootKeys = keysByToml(ROOT_KEYS);
  for (const [name, raw] of Object.entries(doc)) {
    const rootKey = rootKeys.get(name);
    if (rootKey !== undefined) {
      target[rootKey] = convert(ROOT_KEYS, rootKey, raw, { key: name }, source);
      continue;
    }
    const section = sections.get(name);
    if (section === undefined) {
      source.warnings.push(`config: ignoring unknown ${isTable(raw) || Array.isArray(raw) ? 'section' : 'key'} ${JSON.stringify(name)}${lineSuffix(source, { key: name })}`);
      continue;
    }
    const { prop, def } = section;
    if (def.array) {
      const elements = Array.isArray(raw) ? raw : [raw];
      target[prop] = elements.map((element, index) => {
        const values = defaultValues(def.keys, config.dataDir);
        applySection(values, def.keys, element, { section: name, index }, source);
        return values;
      });
    } else {
      applySection(target[prop] as Record<string, unknown>, def.keys, raw, { section: name }, source);
    }
  }
}

function applySection(values: Record<string, unknown>, keys: KeyDefs, raw: unknown,
  where: Omit<KeyLocation, 'key'>, source: TomlSource): void {
  if (!isTable(raw)) {
    throw new ConfigError(`${label(where)}: expected a table, got ${describeValue(raw)}${lineSuffix(source, { key: where.section! })}`);
  }
  const byToml = keysByToml(keys);
  for (const [name, value] of Object.entries(raw)) {
    const prop = byToml.get(name);
    if (prop === undefined) {
      source.warnings.push(`config: ignoring unknown key ${label(where)} ${name}${lineSuffix(source, { ...where, key: name })}`);
      continue;
    }
    values[prop] = convert(keys, prop, value, { ...where, key: name }, source);
  }
}

function convert(keys: KeyDefs, prop: string, raw: unknown, where: KeyLocation, source: TomlSource): unknown {
  try {
    return fromToml(keys[prop]!, raw);
  } catch (error) {
    if (!(error instanceof ValueProblem)) throw error;
    const name = where.section === undefined ? where.key : `${label(where)} ${where.key}`;
    throw new ConfigError(`${name}${error.path}: ${error.message}${lineSuffix(source, where)}`);
  }
}

/** `[http]`, or `[[influxdb]][1]` for an element of an array section. */
export function label(where: Omit<KeyLocation, 'key'>): string {
  return where.index === undefined ? `[${where.section}]` : `[[${where.section}]][${where.index}]`;
}

function lineSuffix(source: TomlSource, where: KeyLocation): string {
  const line = locateKey(source.text, where);
  return line === undefined ? '' : ` (line ${line})`;
}

function keysByToml(keys: KeyDefs): Map<string, string> {
  return new Map(Object.entries(keys).map(([prop, def]) => [tomlKeyName(prop, def), prop]));
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
