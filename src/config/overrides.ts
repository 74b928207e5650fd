// Configuration overrides as the config API stores them: per section (and element) a set of
// options, or a new element of an array section. applyOverrides lays them over a Config and
// returns a new one; the base is never modified. Errors carry Kapacitor's wording.

import { defaultSection, defaultValues } from './defaults.js';
import { fromOverride, goTypeName, OverrideValueProblem } from './override-values.js';
import { tomlKeyName, type AnyKeyDef, type SectionDef } from './schema.js';
import { DEFAULT_DATA_DIR, SECTIONS, type Config } from './sections.js';

/** One stored override; id is "section/element", or "section/" for a plain section. */
export interface StoredOverride {
  id: string;
  options: Record<string, unknown>;
  /** A new element of an array section (options hold its element key). */
  create: boolean;
}

export class OverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverrideError';
  }
}

export interface OverridableSection {
  /** The property of Config holding the section. */
  prop: string;
  def: SectionDef;
  /** TOML option name → property. */
  options: Map<string, string>;
}

/** The sections the config API shows and changes, by TOML name. */
export const OVERRIDABLE_SECTIONS: ReadonlyMap<string, OverridableSection> = new Map(
  (Object.entries(SECTIONS) as Array<[string, SectionDef]>)
    .filter(([, def]) => def.overridable)
    .map(([prop, def]) => [
      tomlKeyName(prop, def),
      {
        prop,
        def,
        options: new Map(Object.entries(def.keys).map(([key, keyDef]) => [tomlKeyName(key, keyDef), key])),
      },
    ]),
);

/** The TOML name of the option naming an array section's elements; '' for plain sections. */
export function elementKeyOf(section: OverridableSection): string {
  const key = section.def.elementKey;
  return key === undefined || !section.def.array ? '' : tomlKeyName(key, section.def.keys[key]!);
}

export function overrideId(section: string, element: string): string {
  return `${section}/${element}`;
}

export function splitOverrideId(id: string): { section: string; element: string } {
  const slash = id.indexOf('/');
  return slash < 0 ? { section: id, element: '' } : { section: id.slice(0, slash), element: id.slice(slash + 1) };
}

/** A copy of base with every override applied in order; sections base lacks start from their defaults. */
export function applyOverrides(base: Partial<Config>, overrides: readonly StoredOverride[]): Partial<Config> {
  const config = structuredClone(base);
  for (const override of overrides) applyOverride(config, override);
  return config;
}

export function applyOverride(config: Partial<Config>, override: StoredOverride): void {
  const { section, element: idElement } = splitOverrideId(override.id);
  const element = override.create ? '' : idElement;
  try {
    applyTo(config, section, element, override);
  } catch (error) {
    if (error instanceof OverrideError) throw new OverrideError(`failed to override configuration ${section}/${element}: ${error.message}`);
    throw error;
  }
}

function applyTo(config: Partial<Config>, sectionName: string, element: string, override: StoredOverride): void {
  const section = OVERRIDABLE_SECTIONS.get(sectionName);
  const names = Object.keys(override.options);
  if (section === undefined) {
    if (names.length > 0) throw unknownOptions(names, sectionName);
    throw new OverrideError(`unknown section ${sectionName}`);
  }
  const target = config as unknown as Record<string, unknown>;
  target[section.prop] ??= defaultSection(section.def, config.dataDir);
  const elementKey = elementKeyOf(section);
  let values: Record<string, unknown> | undefined;
  if (section.def.array) {
    const elements = target[section.prop] as Array<Record<string, unknown>>;
    if (override.create) {
      values = newElement(config, section, elementKey, override.options);
      elements.push(values);
    } else {
      values = elements.find((candidate) => candidate[section.def.elementKey!] === element);
    }
  } else if (element === '') {
    values = target[section.prop] as Record<string, unknown>;
  }
  if (values === undefined) {
    if (names.length > 0) throw unknownOptions(names, sectionName);
    return;
  }
  setOptions(values, section, elementKey, override);
}

function newElement(config: Partial<Config>, section: OverridableSection, elementKey: string, options: Record<string, unknown>): Record<string, unknown> {
  if (!(elementKey in options)) throw new OverrideError(`element key ${JSON.stringify(elementKey)} not present in options`);
  const name = options[elementKey];
  if (typeof name !== 'string') throw new OverrideError(`type of element key must be a string, got ${goTypeName(name)} `);
  return defaultValues(section.def.keys, config.dataDir ?? DEFAULT_DATA_DIR);
}

function setOptions(values: Record<string, unknown>, section: OverridableSection, elementKey: string, override: StoredOverride): void {
  const used = new Set<string>();
  for (const [key, def] of Object.entries<AnyKeyDef>(section.def.keys)) {
    const name = tomlKeyName(key, def);
    if (!(name in override.options)) continue;
    if (!override.create && name === elementKey) throw new OverrideError(`cannot override element key ${name}`);
    try {
      values[key] = fromOverride(def, override.options[name]);
    } catch (error) {
      if (error instanceof OverrideValueProblem) throw new OverrideError(`cannot set option ${name}: ${error.message}`);
      throw error;
    }
    used.add(name);
  }
  const unused = Object.keys(override.options).filter((name) => !used.has(name));
  if (unused.length > 0) throw unknownOptions(unused, tomlKeyName(section.prop, section.def));
  for (const [key, def] of Object.entries<AnyKeyDef>(section.def.keys)) {
    const problem = (def.validate as ((value: unknown) => string | undefined) | undefined)?.(values[key]);
    if (problem !== undefined) throw new OverrideError(`failed validation: ${tomlKeyName(key, def)}: ${problem}`);
  }
}

/** Go prints a []string as [a b c]. */
function unknownOptions(names: string[], section: string): OverrideError {
  return new OverrideError(`unknown options [${[...names].sort().join(' ')}] in section ${section}`);
}
