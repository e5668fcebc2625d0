import { useState } from 'react';
import { ApiError, type FieldErrors } from '../api/client';

/** Runs a form's request and keeps its busy flag, field errors and general error. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      return await work();
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFields(caught.fields);
        const problems = Object.entries(caught.fields).map(([field, message]) => problemText(field, message));
        setError(problems.length ? `Please check: ${problems.join('; ')}.` : (caught.detail ?? caught.title));
      } else {
        setError('Rapport could not be reached. Check the connection and try again.');
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { busy, fields, error, run, setError };
}

/** "phones/0/number" → "phone number", "occurredAt" → "occurred at". */
export const humanize = (path: string) =>
  path
    .replace(/s\/\d+\//g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim() || 'the request';

/**
 * One field's problem in words. A value of a case's field by key (/body/fields/<key>) is answered
 * with a message that already names it ("Colour is wanted before closing"): shown as it is. Other
 * paths are humanized and put before the message ("phone number is not a phone number").
 */
export const problemText = (path: string, message: string) => (/^fields\/[a-z][a-z0-9_]*$/.test(path) ? message : `${humanize(path)} ${message}`);
