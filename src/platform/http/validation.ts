import { Ajv, type ErrorObject, type Options } from 'ajv';
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
const firstErrorOnly = addFormats.default(new Ajv({ ...base, allErrors: false, coerceTypes: false }));

/**
 * A body with more values than this (array items and object members, counted to this far) is
 * checked up to its first error only: listing every error of a megabyte of wrong items would
 * cost a quarter of a second and a million objects, and nobody reads past the first few.
 */
export const maxValuesForEveryError = 10_000;

/** How many values (array items, object members) `value` holds, counting no further than `limit`. */
export function countValues(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length && count < limit) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    const children = Array.isArray(item) ? item : Object.values(item);
    count += children.length;
    for (const child of children) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return Math.min(count, limit);
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

function bodyValidator(schema: object): Validate {
  const every = strict.compile(schema);
  let first: Validate | undefined;
  const validate: Validate = (data) => {
    const check: Validate = countValues(data, maxValuesForEveryError) < maxValuesForEveryError ? every : (first ??= firstErrorOnly.compile(schema));
    const valid = check(data);
    validate.errors = check.errors;
    return valid;
  };
  return validate;
}

/**
 * A validator compiled on its first use: compiling every route's schemas while the server starts
 * took most of a second of `rapport serve`'s start (bench/startup.ts), for routes a server may never
 * be asked. What passes and what is refused does not change.
 */
function lazily(compile: () => Validate): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= compile();
    const valid = compiled(data);
    validate.errors = compiled.errors;
    return valid;
  };
  return validate;
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  lazily(() => (httpPart === 'body' ? bodyValidator(schema as object) : coercing.compile(schema as object)));
