/**
 * A small typed fetch client for /api/v1: JSON in and out, the CSRF header on every change,
 * problem+json turned into an ApiError with field errors, and a hook for "not signed in".
 */

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    /** Keyed by the field's path inside the body or query: "summary", "phones/0/number". */
    readonly fields: FieldErrors = {},
  ) {
    super(detail ?? title);
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

let csrfToken: string | null = null;
let signedOut: () => void = () => {};

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Called when the server answers 401 to a request that expected a session. */
export const onSignedOut = (handler: () => void) => {
  signedOut = handler;
};

export interface RequestOptions {
  signal?: AbortSignal;
  /** A 401 is an answer (wrong password, no session yet), not a reason to show sign-in. */
  expect401?: boolean;
  /** A file sent as the body itself (an import), with its content type, instead of JSON. */
  file?: { bytes: ArrayBuffer; contentType: string };
}

const fieldKey = (path: string) => path.replace(/^\/(body|query|params)\/?/, '');

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // not JSON: keep the status line
  }
  const fields: FieldErrors = {};
  for (const error of problem.errors ?? []) fields[fieldKey(error.path)] ??= error.message;
  return new ApiError(response.status, problem.title ?? response.statusText, problem.detail, fields);
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.file) headers['content-type'] = options.file.contentType;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(options.file ? { body: options.file.bytes } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (response.status === 401 && !options.expect401) signedOut();
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options);
export const post = <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('POST', path, body, options);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);

/** A query string from the values that are set. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;
