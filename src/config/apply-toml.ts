// Applies a parsed TOML document to a Config built from defaults: known keys are converted and
// set, [[array]] sections replace the default elements, unknown keys and sections are ignored
// (as Kapacitor's decoder does) and reported as warnings naming file and line, with the nearest
// known name when the key looks misspelt. Known Kapacitor sections this server lacks are reported
// only when enabled.

import { ConfigError } from './errors.js';
import { defaultValues } from './defaults.js';
import { tomlKeyName, type KeyDefs } from './schema.js';
import { ROOT_KEYS, SECTIONS, type Config } from './sections.js';
import { locateKey, type KeyLocation } from './source-lines.js';
import { describeValue, fromToml, ValueProblem } from './values.js';
import { enabledIn, UNSUPPORTED_SECTIONS } from './unsupported.js';

export interface TomlSource {
  /** The file's text, for line numbers in messages. */
  text: string;
  /** Collects messages about ignored keys. */
  warnings: string[];
  /** The file name, for messages. */
  origin?: string;
}

export function applyToml(config: Config, doc: Record<string, unknown>, source: TomlSource): void {
  const target = config as unknown as Record<string, unknown>;
  const sections = new Map(Object.entries(SECTIONS).map(([prop, def]) => [tomlKeyName(prop, def), { prop, def }]));
  const rootKeys = keysByToml(ROOT_KEYS);
  for (const [name, raw] of Object.entries(doc)) {
    const rootKey = rootKeys.get(name);
    if (rootKey !== undefined) {
      target[rootKey] = convert(ROOT_KEYS, rootKey, raw, { key: name }, source);
      continue;
    }
    const section = sections.get(name);
    if (section === undefined) {
      const unsupported = UNSUPPORTED_SECTIONS[name];
      if (unsupported !== undefined) {
        if (enabledIn(raw)) {
          source.warnings.push(
            `config: [${name}] is not supported by this server (${unsupported.what}); the section is ignored${lineSuffix(source, { key: name })}`,
          );
        }
        continue;
      }
      const kind = isTable(raw) || Array.isArray(raw) ? 'section' : 'key';
      const candidates = kind === 'section' ? [...sections.keys(), ...Object.keys(UNSUPPORTED_SECTIONS)] : [...rootKeys.keys()];
      source.warnings.push(`config: ignoring unknown ${kind} ${JSON.stringify(name)}${suggestion(name, candidates)}${lineSuffix(source, { key: name })}`);
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

function applySection(values: Record<string, unknown>, keys: KeyDefs, raw: unknown, where: Omit<KeyLocation, 'key'>, source: TomlSource): void {
  if (!isTable(raw)) {
    throw new ConfigError(`${label(where)}: expected a table, got ${describeValue(raw)}${lineSuffix(source, { key: where.section! })}`);
  }
  const byToml = keysByToml(keys);
  for (const [name, value] of Object.entries(raw)) {
    const prop = byToml.get(name);
    if (prop === undefined) {
      source.warnings.push(
        `config: ignoring unknown key ${label(where)} ${name}${suggestion(name, [...byToml.keys()])}${lineSuffix(source, { ...where, key: name })}`,
      );
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
  if (line === undefined) return source.origin === undefined ? '' : ` (${source.origin})`;
  return source.origin === undefined ? ` (line ${line})` : ` (${source.origin}:${line})`;
}

/** `; did you mean "bind-address"?` for a name at most two edits from a known one. */
function suggestion(name: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : `; did you mean ${JSON.stringify(best)}?`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function keysByToml(keys: KeyDefs): Map<string, string> {
  return new Map(Object.entries(keys).map(([prop, def]) => [tomlKeyName(prop, def), prop]));
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
