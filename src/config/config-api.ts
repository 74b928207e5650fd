// The running configuration as GET /kapacitor/v1/config shows it: the overridable sections,
// options under their TOML names, durations as Go strings, secrets replaced by "is it set".

import { formatGoDuration } from '../gofmt/duration.js';
import { msToNanos } from '../gofmt/duration.js';
import { tomlKeyName, type AnyKeyDef, type SectionDef } from './schema.js';
import { SECTIONS, type Config } from './sections.js';

/** Section name → its elements' options (one element, or several for [[influxdb]]-like arrays). */
export type ConfigSections = Record<string, Array<{ element?: string; options: Record<string, unknown>; redacted?: string[] }>>;

export function configSections(config: Config): ConfigSections {
  const source = config as unknown as Record<string, unknown>;
  const out: ConfigSections = {};
  for (const [prop, def] of Object.entries(SECTIONS) as Array<[string, SectionDef]>) {
    if (!def.overridable) continue;
    const elements = def.array ? (source[prop] as Array<Record<string, unknown>>) : [source[prop] as Record<string, unknown>];
    out[tomlKeyName(prop, def)] = elements.map((element) => {
      const options: Record<string, unknown> = {};
      const redacted: string[] = [];
      for (const [key, keyDef] of Object.entries(def.keys)) {
        const name = tomlKeyName(key, keyDef);
        if (keyDef.redact) {
          redacted.push(name);
          options[name] = isSet(element[key]);
        } else {
          options[name] = optionValue(keyDef, element[key]);
        }
      }
      const element_ = def.elementKey === undefined ? undefined : String(element[def.elementKey]);
      return { ...(element_ === undefined ? {} : { element: element_ }), options, ...(redacted.length > 0 ? { redacted } : {}) };
    });
  }
  return out;
}

function optionValue(def: AnyKeyDef, value: unknown): unknown {
  return def.kind === 'duration' ? formatGoDuration(msToNanos(value as number)) : value;
}

function isSet(value: unknown): boolean {
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'object' && value !== null) return Object.values(value).some(isSet);
  return value !== undefined && value !== null;
}
