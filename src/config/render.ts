// Prints a Config as commented TOML, as `kapacitord config` prints the defaults. The output
// parses back (loadConfig) to the same Config.

import { formatGoDuration } from '../gofmt/duration.js';
import { msToNanos } from '../gofmt/duration.js';
import { defaultConfig } from './defaults.js';
import { tomlKeyName, type AnyKeyDef, type KeyDefs, type SectionDef } from './schema.js';
import { ROOT_KEYS, SECTIONS, type Config } from './sections.js';

export function renderDefaultConfig(): string {
  return renderConfig(defaultConfig());
}

export function renderConfig(config: Config): string {
  const source = config as unknown as Record<string, unknown>;
  const blocks = [renderKeys(ROOT_KEYS, source, '')];
  for (const [prop, def] of Object.entries(SECTIONS) as Array<[string, SectionDef]>) {
    const name = tomlKeyName(prop, def);
    const doc = def.doc.map((line) => `# ${line}\n`).join('');
    if (def.array) {
      for (const element of source[prop] as Array<Record<string, unknown>>) {
        blocks.push(`${doc}[[${name}]]\n${renderKeys(def.keys, element, '  ')}`);
      }
    } else {
      blocks.push(`${doc}[${name}]\n${renderKeys(def.keys, source[prop] as Record<string, unknown>, '  ')}`);
    }
  }
  return blocks.join('\n');
}

function renderKeys(keys: KeyDefs, values: Record<string, unknown>, indent: string): string {
  let out = '';
  for (const [prop, def] of Object.entries(keys)) {
    for (const line of def.doc) out += `${indent}# ${line}\n`;
    out += `${indent}${tomlKey(tomlKeyName(prop, def))} = ${renderValue(def, values[prop])}\n`;
  }
  return out;
}

/** A key or value rendered as TOML; durations as Go prints them ("1m0s"). */
export function renderValue(def: AnyKeyDef, value: unknown): string {
  switch (def.kind) {
    case 'duration':
      return tomlString(formatGoDuration(msToNanos(value as number)));
    case 'float': {
      const number = value as number;
      return Number.isInteger(number) ? number.toFixed(1) : String(number);
    }
    case 'string-map':
      return inlineTable(Object.entries(value as Record<string, string>).map(([name, text]) => [name, tomlString(text)]));
    case 'string-list-map':
      return inlineTable(Object.entries(value as Record<string, string[]>).map(([name, list]) => [name, tomlList(list)]));
    case 'credentials': {
      const { username, password } = value as { username: string; password: string };
      return inlineTable([
        ['username', tomlString(username)],
        ['password', tomlString(password)],
      ]);
    }
    case 'table':
      return renderTable(value as Record<string, unknown>);
    case 'string-list':
      return tomlList(value as string[]);
    case 'string':
      return tomlString(value as string);
    default:
      return String(value);
  }
}

function inlineTable(entries: Array<[string, string]>): string {
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([name, text]) => `${tomlKey(name)} = ${text}`).join(', ')} }`;
}

function tomlList(list: string[]): string {
  return `[${list.map(tomlString).join(', ')}]`;
}

function tomlKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : tomlString(name);
}

/** A TOML basic string; JSON escapes are valid TOML escapes, DEL must be escaped too. */
function tomlString(text: string): string {
  return JSON.stringify(text).replaceAll('\u007f', '\\u007F');
}

/** A free-form table as an inline TOML table (strings, numbers, booleans, lists, sub-tables). */
function renderTable(table: Record<string, unknown>): string {
  const item = (value: unknown): string => {
    if (typeof value === 'string') return tomlString(value);
    if (Array.isArray(value)) return `[${value.map(item).join(', ')}]`;
    if (typeof value === 'object' && value !== null) return renderTable(value as Record<string, unknown>);
    return String(value);
  };
  return inlineTable(Object.entries(table).map(([name, value]) => [name, item(value)]));
}
