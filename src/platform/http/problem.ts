import { DomainError, type ErrorKind } from '../errors.js';

/** How a domain error reads over HTTP: the status of its RFC 9457 problem details. */
const statusOf: Record<ErrorKind, number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  too_many: 429,
  gone: 410,
};

export const problemStatus = (error: DomainError): number => statusOf[error.kind];

export { DomainError };
