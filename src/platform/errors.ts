/**
 * Errors that rules and commands throw, in the product's terms rather than HTTP's: what kind of
 * mistake it was, a sentence a person can act on, and the fields at fault. The HTTP layer
 * (platform/http/problem.ts) and the command line (cli/main.ts) each translate them.
 */
export interface FieldError {
  /** JSON Pointer into the input: /body/emails/0/address, /query/limit, /params/id. */
  path: string;
  message: string;
}

export type ErrorKind =
  /** The input cannot be read at all (malformed, wrong type). */
  | 'bad_input'
  /** No one is signed in. */
  | 'unauthenticated'
  /** Signed in, but not allowed to do this. */
  | 'forbidden'
  /** No such record, or one the reader may not know exists. */
  | 'not_found'
  /** It clashes with what is already stored. */
  | 'conflict'
  /** Readable input that breaks a rule. */
  | 'invalid'
  /** Too many attempts in a short time. */
  | 'too_many'
  /** It existed and is gone for good (an erased customer). */
  | 'gone';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new DomainError('bad_input', 'Bad request', detail, errors);
export const unauthorized = (detail = 'Sign in or send an API token to use this endpoint.') => new DomainError('unauthenticated', 'Not signed in', detail);
export const forbidden = (detail = 'Your account is not allowed to do this.') => new DomainError('forbidden', 'Forbidden', detail);
export const notFound = (what: string) => new DomainError('not_found', 'Not found', `${what} was not found.`);
export const conflict = (detail: string, errors?: FieldError[]) => new DomainError('conflict', 'Conflict', detail, errors);
/** Valid input that breaks a rule; names the field. */
export const unprocessable = (path: string, message: string) => new DomainError('invalid', 'Unprocessable content', message, [{ path, message }]);
export const tooMany = (detail: string) => new DomainError('too_many', 'Too many attempts', detail);
export const gone = (detail: string) => new DomainError('gone', 'Gone', detail);
