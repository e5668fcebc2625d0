import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  FST_ERR_BAD_URL: [400, 'Bad request', 'The URL is not valid: a percent-encoded part of it does not decode.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI too long', 'A part of the path is longer than any id or name this API takes.'],
};

const maxReportedErrors = 50;

/** One place that decides what an error looks like to a client. 5xx details stay in the log. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) return send(reply, problemStatus(error), error.title, error.detail, error.errors);
  if (error.validation) {
    // Paths name the part as a person would: /query/limit, not /querystring/limit.
    const part = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
    // Enough to act on; a body of a million wrong items would otherwise list a million errors.
    const errors = collapseUnions((error.validation as AjvError[]).slice(0, maxReportedErrors).map((e) => ({ ...fieldError(part, e), keyword: e.keyword, type: e.params.type })));
    const first = errors[0];
    return send(reply, 400, 'Bad request', first ? `${first.path} ${first.message}` : 'The request is invalid.', errors);
  }
  const known = error.code ? clientErrors[error.code] : undefined;
  if (known) return send(reply, ...known);
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return send(reply, 400, 'Bad request', 'The body is not valid JSON.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return send(reply, status, STATUS_CODES[status] ?? 'Bad request', error.message || STATUS_CODES[status]);
  request.log.error({ err: error }, 'request failed');
  return send(reply, 500, 'Internal server error', 'Something went wrong on our side; it has been logged.');
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0]!;
  // The router answers 414 for a path parameter over maxParamLength only where no other route could
  // match; say the same wherever a part of the path is that long, rather than 414 here and 404 there.
  const longest = request.server.initialConfig.maxParamLength ?? 100;
  if (path.split('/').some((part) => part.length > longest)) return send(reply, ...clientErrors.FST_ERR_MAX_PARAM_LENGTH!);
  return send(reply, 404, 'Not found', `There is no ${request.method} ${path}.`);
}

/**
 * Errors Fastify's router finds before any route runs (a path with broken percent-encoding, a path
 * parameter longer than `maxParamLength`): answered like every other error.
 */
export const frameworkErrors = errorHandler;

interface ClientError extends Error {
  code?: string;
  /** The bytes the HTTP parser was reading when it gave up (a Buffer), and how far into them it got. */
  rawPacket?: unknown;
  bytesParsed?: number;
}

/** Whether the parser gave up before the end of the request line: the URL alone is too long. */
const stillInRequestLine = ({ rawPacket, bytesParsed }: ClientError): boolean =>
  Buffer.isBuffer(rawPacket) && !rawPacket.subarray(0, bytesParsed ?? rawPacket.length).includes(0x0a);

/** What the HTTP layer answers when a request cannot even be read as HTTP: status, title, detail. */
function clientErrorAnswer(error: ClientError): [number, string, string] {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'Request timeout', 'The request took too long to arrive.'];
    case 'HPE_HEADER_OVERFLOW':
      // The request line counts towards the header limit; a URL that alone fills it is 414.
      return stillInRequestLine(error)
        ? [414, 'URI too long', 'The URL is longer than this server reads (16 KiB with the headers).']
        : [431, 'Request headers too large', 'The request headers are larger than this server reads (16 KiB in all).'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'Content too large', 'The chunk extensions of the body are larger than this server reads.'];
    default:
      return [400, 'Bad request', 'The request is not valid HTTP.'];
  }
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request before Fastify saw it
 * (a URL or headers over the size limit, a timeout, bytes that are not HTTP). Answers problem+json
 * like the rest of the API, straight on the socket, and closes the connection.
 */
export function clientErrorHandler(this: FastifyInstance, error: ClientError, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title, detail] = clientErrorAnswer(error);
  this.log.debug({ err: error, status }, 'client error');
  // As Node does: never write over a response that has already started on this connection.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify({ type: 'about:blank', title, status, detail });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
