// Reading connector options as SeaTunnel's ReadonlyConfig does: typed getters with defaults,
// and its "option is required" message when a required one is missing.

import { JobDefineError } from './errors.js';

export class PluginOptions {
  constructor(
    readonly plugin: string,
    readonly values: Record<string, unknown>,
  ) {}

  has(key: string): boolean {
    return this.values[key] !== undefined && this.values[key] !== null;
  }

  private missing(key: string): never {
    throw new JobDefineError(
      `ErrorCode:[API-02], ErrorDescription:[Option item validate failed] - There are unconfigured options, the options('${key}') are required.`,
    );
  }

  string(key: string, fallback?: string): string {
    const value = this.values[key];
    if (value === undefined || value === null) return fallback ?? this.missing(key);
    return typeof value === 'string' ? value : String(value);
  }

  optionalString(key: string): string | undefined {
    const value = this.values[key];
    return value === undefined || value === null ? undefined : String(value);
  }

  number(key: string, fallback?: number): number {
    const value = this.values[key];
    if (value === undefined || value === null || value === '') return fallback ?? this.missing(key);
    const n = Number(value);
    if (!Number.isFinite(n)) throw new JobDefineError(`The value of option '${key}' of plugin ${this.plugin} is not a number: ${JSON.stringify(value)}`);
    return n;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.values[key];
    if (value === undefined || value === null) return fallback;
    return value === true || String(value).toLowerCase() === 'true';
  }

  stringList(key: string, fallback: string[] = []): string[] {
    const value = this.values[key];
    if (value === undefined || value === null || value === '') return fallback;
    return Array.isArray(value)
      ? value.map(String)
      : String(value)
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  }

  map(key: string): Record<string, string> {
    const value = this.values[key];
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw new JobDefineError(`The value of option '${key}' of plugin ${this.plugin} must be a map.`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  }

  object(key: string): Record<string, unknown> | undefined {
    const value = this.values[key];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  }
}
