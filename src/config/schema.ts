// The vocabulary of the configuration table: key kinds, key definitions and section
// definitions, plus the types derived from them. Holds no sections itself (see sections.ts).

/** How a key's value is written in TOML and held in the Config object. */
export type KeyKind =
  | 'string'
  | 'bool'
  | 'int'
  | 'float'
  /** A Go duration string ("10s", "1m0s"); held as milliseconds. */
  | 'duration'
  | 'string-list'
  /** A table of strings, e.g. [[httppost]] headers. */
  | 'string-map'
  /** A table of string lists, e.g. [[influxdb]] subscriptions (db → retention policies). */
  | 'string-list-map'
  /** A { username, password } table, e.g. [[httppost]] basic-auth. */
  | 'credentials'
  /** A free-form TOML table kept as parsed, e.g. [udf] functions (one sub-table per function). */
  | 'table';

export interface Credentials {
  username: string;
  password: string;
}

interface KindValues {
  string: string;
  bool: boolean;
  int: number;
  float: number;
  duration: number;
  'string-list': string[];
  'string-map': Record<string, string>;
  'string-list-map': Record<string, string[]>;
  credentials: Credentials;
  table: Record<string, unknown>;
}

export interface KeyDef<K extends KeyKind = KeyKind> {
  kind: K;
  /** The default; a function receives the data_dir, for paths under it. */
  default: KindValues[K] | ((dataDir: string) => KindValues[K]);
  /** Comment lines printed above the key by `kapacitord config`. */
  doc: string[];
  /** The TOML name when it is not the kebab-case of the property name (e.g. data_dir). */
  toml?: string;
  /** Hidden by the config API (shown as whether it is set). */
  redact?: boolean;
  /** Returns a problem description for a value of the right type but wrong content. */
  validate?: (value: KindValues[K]) => string | undefined;
}

/** Any key definition, as a union over kinds. */
export type AnyKeyDef = { [K in KeyKind]: KeyDef<K> }[KeyKind];

export type KeyDefs = Record<string, AnyKeyDef>;

export interface SectionDef<K extends KeyDefs = KeyDefs> {
  keys: K;
  doc: string[];
  /** `[[name]]`: a list of elements; a plain `[name]` table is read as one element. */
  array?: boolean;
  /** The key naming an element in the config API (influxdb: name, slack: workspace). */
  elementKey?: string;
  /** Listed by GET /kapacitor/v1/config, as Kapacitor lists its overridable sections. */
  overridable?: boolean;
  /** The TOML name when it is not the kebab-case of the property name. */
  toml?: string;
}

export type ValueOf<D> = D extends KeyDef<infer K> ? KindValues[K] : never;
export type SectionValues<K extends KeyDefs> = { -readonly [P in keyof K]: ValueOf<K[P]> };
export type SectionValue<S> = S extends SectionDef<infer K> ? (S extends { array: true } ? Array<SectionValues<K>> : SectionValues<K>) : never;

export function key<K extends KeyKind>(
  kind: K,
  defaultValue: KeyDef<K>['default'],
  doc: string[],
  extra: Omit<KeyDef<K>, 'kind' | 'default' | 'doc'> = {},
): KeyDef<K> {
  return { kind, default: defaultValue, doc, ...extra };
}

/** `bindAddress` → `bind-address`. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export function tomlKeyName(prop: string, def: { toml?: string }): string {
  return def.toml ?? kebabCase(prop);
}
