import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildSerializer = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;

const eager = SerializerSelector();

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled on the first response it
 * writes instead of while the server starts: compiling all of them (every route's response schemas,
 * twice for GET with its HEAD) was most of a second of `rapport serve`'s start, for routes a server
 * may never answer. What a response looks like does not change; its route's first one takes a few
 * milliseconds more.
 */
export const lazySerializers: BuildSerializer = (externalSchemas, options) => {
  const compile = eager(externalSchemas, options);
  return (route) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => (serialize ??= compile(route))(data);
  };
};
