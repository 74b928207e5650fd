// What alert handler implementations receive from the server: a logger, the live
// configuration (sections may change through the config API) and option helpers.

import type { Logger } from 'pino';
import type { Config } from '../config/sections.js';
import { parseGoDuration } from '../gofmt/duration.js';

export interface HandlerContext {
  readonly logger: Logger;
  /** The running configuration; read on every event so overrides apply at once. */
  config(): Partial<Config>;
}

export type HandlerOptions = Record<string, unknown>;

export class HandlerOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandlerOptionError';
  }
}

export function stringOption(options: HandlerOptions, name: string, fallback = ''): string {
  const value = options[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new HandlerOptionError(`option ${name} must be a string`);
  return value;
}

export function stringListOption(options: HandlerOptions, name: string): string[] {
  const value = options[name];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new HandlerOptionError(`option ${name} must be a list of strings`);
  return value as string[];
}

export function numberOption(options: HandlerOptions, name: string, fallback: number): number {
  const value = options[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  throw new HandlerOptionError(`option ${name} must be a number`);
}

export function boolOption(options: HandlerOptions, name: string, fallback = false): boolean {
  const value = options[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new HandlerOptionError(`option ${name} must be a boolean`);
  return value;
}

export function stringMapOption(options: HandlerOptions, name: string): Record<string, string> {
  const value = options[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new HandlerOptionError(`option ${name} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = String(item);
  return out;
}

/** A map option with values of any JSON type (attributes, additional info, custom fields). */
export function objectOption(options: HandlerOptions, name: string): Record<string, unknown> {
  const value = options[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new HandlerOptionError(`option ${name} must be a map`);
  return value as Record<string, unknown>;
}

/** A duration option in milliseconds: a Go duration string ("10s") or a number of nanoseconds. */
export function durationOptionMs(options: HandlerOptions, name: string, fallback: number): number {
  const value = options[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value / 1e6;
  if (typeof value === 'bigint') return Number(value / 1_000_000n);
  if (typeof value === 'string') {
    try {
      return Number(parseGoDuration(value) / 1_000_000n);
    } catch {
      throw new HandlerOptionError(`option ${name} must be a duration, got ${JSON.stringify(value)}`);
    }
  }
  throw new HandlerOptionError(`option ${name} must be a duration`);
}
