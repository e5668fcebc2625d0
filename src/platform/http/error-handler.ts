import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../errors.js';
import { DomainError, problemStatus } from './problem.js';

interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns an ajv error into a path that names the field and a sentence a person can act on. */
function fieldError(part: string, error: AjvError): FieldError {
  let path = `/${part}${error.instancePath}`;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    path += `/${String(error.params.missingProperty)}`;
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    path += `/${String(error.params.additionalProperty)}`;
    message = 'is not a known field';
  } else if (error.keyword === 'enum') {
    message = `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  }
  return { path, message };
}

/**
 * A nullable or union field that fails reports once per branch and again for the union;
 * say it once: "must be string or null".
 */
function collapseUnions(errors: (FieldError & { keyword: string; type?: unknown })[]): FieldError[] {
  const unionPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.path));
  const out: FieldError[] = [];
  for (const path of new Set(errors.map((e) => e.path))) {
    const here = errors.filter((e) => e.path === path);
    if (unionPaths.has(path)) {
      const types = here.filter((e) => e.keyword === 'type').map((e) => String(e.type));
      const others = here.filter((e) => e.keyword !== 'type' && e.keyword !== 'anyOf');
      out.push(types.length && !others.length ? { path, message: `must be ${types.join(' or ')}` } : { path, message: others[0]?.message ?? 'is invalid' });
    } else {
      out.push(...here.map(({ path: p, message }) => ({ path: p, message })));
    }
  }
  return out;
}

function send(reply: FastifyReply, status: number, title: string, detail?: string, errors?: FieldError[]) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) });
}

const clientErrors: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Content too large', 'The request body is larger than this endpoint accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Unsupported media type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Bad request', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Bad request', 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Bad request', 'The body is not valid JSON.'],
};

/** One place that decides what an error looks like to a client. 5xx details stay in the log. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) return send(reply, problemStatus(error), error.title, error.detail, error.errors);
  if (error.validation) {
    // Paths name the part as a person would: /query/limit, not /querystring/limit.
    const part = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
    const errors = collapseUnions((error.validation as AjvError[]).map((e) => ({ ...fieldError(part, e), keyword: e.keyword, type: e.params.type })));
    const first = errors[0];
    return send(reply, 400, 'Bad request', first ? `${first.path} ${first.message}` : 'The request is invalid.', errors);
  }
  const known = error.code ? clientErrors[error.code] : undefined;
  if (known) return send(reply, ...known);
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return send(reply, 400, 'Bad request', 'The body is not valid JSON.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return send(reply, status, error.name === 'Error' ? 'Bad request' : error.name, error.message);
  request.log.error({ err: error }, 'request failed');
  return send(reply, 500, 'Internal server error', 'Something went wrong on our side; it has been logged.');
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'Not found', `There is no ${request.method} ${request.url.split('?')[0]}.`);
}
