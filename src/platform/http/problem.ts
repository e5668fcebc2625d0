/** RFC 9457 problem details. Thrown anywhere in a request; the error handler writes it out. */
export interface FieldError {
  /** JSON Pointer into the request: /body/emails/0/address, /query/limit, /params/id. */
  path: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new Problem(400, 'Bad request', detail, errors);
export const unauthorized = (detail = 'Sign in or send an API token to use this endpoint.') =>
  new Problem(401, 'Not signed in', detail);
export const forbidden = (detail = 'Your account is not allowed to do this.') => new Problem(403, 'Forbidden', detail);
export const notFound = (what: string) => new Problem(404, 'Not found', `${what} was not found.`);
export const conflict = (detail: string, errors?: FieldError[]) => new Problem(409, 'Conflict', detail, errors);
/** Valid JSON that breaks a rule; names the field. */
export const unprocessable = (path: string, message: string) =>
  new Problem(422, 'Unprocessable content', message, [{ path, message }]);
