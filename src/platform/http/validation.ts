import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Two validators: bodies are taken as sent (a number is not quietly turned into a string),
 * while query strings and path parameters, which are always text on the wire, are coerced
 * to the types their schemas declare. Both report every error, not just the first.
 */
const base: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };
const strict = addFormats.default(new Ajv({ ...base, coerceTypes: false }));
const coercing = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema as object);
