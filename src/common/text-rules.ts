import { unprocessable } from '../platform/errors.js';

/** Trimmed text, or null when nothing is left: how every optional free-text field is stored. */
export const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** A required free-text field: trimmed, and something must be left. */
export function requiredText(value: string, path: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw unprocessable(path, 'cannot be blank');
  return trimmed;
}
