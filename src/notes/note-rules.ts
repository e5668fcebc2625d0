import { unprocessable } from '../platform/errors.js';

/** A note is kept exactly as typed, but it must say something. */
export function checkNoteBody(body: string, path = '/body/body'): string {
  if (!body.trim()) throw unprocessable(path, 'a note cannot be blank');
  return body;
}
