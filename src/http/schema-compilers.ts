// Fastify's schema compilers (Ajv, fast-json-stringify), read only if a route ever declares a
// schema: our routes parse and answer their bodies themselves, so a server normally starts
// without loading them. Never changes how a schema would be compiled.

import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factory = (...args: unknown[]) => unknown;
type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type Compilers = NonNullable<SchemaController['compilersFactory']>;

/** Resolved next to Fastify, so the compilers are the versions Fastify itself depends on. */
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

function lazyFactory(name: string): Factory {
  let factory: Factory | undefined;
  return (...args) => {
    factory ??= (fromFastify(name) as () => Factory)();
    return factory(...args);
  };
}

/** The `schemaController` option for Fastify(). */
export const lazySchemaCompilers: SchemaController = {
  compilersFactory: {
    buildValidator: lazyFactory('@fastify/ajv-compiler') as Compilers['buildValidator'],
    buildSerializer: lazyFactory('@fastify/fast-json-stringify-compiler') as Compilers['buildSerializer'],
  },
};
