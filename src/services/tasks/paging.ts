// Listing of tasks and templates: the query parameters of a list request (pattern, fields,
// offset, limit, script-format, dot-view) and the page they select, with Kapacitor's errors
// for bad values. Pure; never touches the store.

import { compileGlob } from '../../util/glob.js';
import { requestErrors } from '../../errors/catalogue.js';

export interface ListOptions {
  pattern: string;
  fields: string[];
  offset: string;
  limit: string;
  scriptFormat: string;
  dotView: string;
}

/** The items whose id matches the pattern, from offset, at most limit (default 100). */
export function paginate<T extends { id: string }>(items: T[], options: { pattern: string; offset: string; limit: string }): T[] {
  const offset = parseIntParam('offset', options.offset, 0);
  const limit = parseIntParam('limit', options.limit, 100);
  let matched = items;
  if (options.pattern !== '') {
    let match: (id: string) => boolean;
    try {
      match = compileGlob(options.pattern);
    } catch {
      throw requestErrors.invalidPattern(options.pattern);
    }
    matched = items.filter((item) => match(item.id));
  }
  return matched.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit));
}

function parseIntParam(name: string, value: string, fallback: number): number {
  if (value === '') return fallback;
  if (!/^[-+]?\d+$/.test(value)) {
    throw requestErrors.invalidInteger(name, value);
  }
  return Number(value);
}
