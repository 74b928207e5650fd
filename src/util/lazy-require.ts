// Loads a CommonJS dependency the first time it is used, synchronously (module.createRequire),
// so the server starts without reading libraries its configuration may never need (the SQL
// parser, YAML, the HTTP client). Only for packages that ship CommonJS; never for ESM-only ones.

import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/** A getter that requires `name` on its first call and returns the same module after. */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(name) as T);
}
