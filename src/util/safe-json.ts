// JSON from users, parsed so it can never reach an object's prototype: the keys __proto__,
// constructor and prototype are refused anywhere in a document (and in JSON Patch paths), so
// no later merge or patch can pollute Object.prototype.

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(`key ${JSON.stringify(key)} is not allowed`);
    this.name = 'ForbiddenKeyError';
  }
}

/** JSON.parse that throws ForbiddenKeyError on a forbidden key (SyntaxError as usual). */
export function parseUserJSON(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
    return value;
  });
}

/** Throws ForbiddenKeyError when a value (already parsed) holds a forbidden key anywhere. */
export function assertNoForbiddenKeys(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) assertNoForbiddenKeys(item);
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
    assertNoForbiddenKeys((value as Record<string, unknown>)[key]);
  }
}
