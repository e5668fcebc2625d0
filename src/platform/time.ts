/** Now, as Rapport stores times: ISO-8601 UTC with milliseconds. */
export const nowIso = (): string => new Date().toISOString();

/** Any accepted date-time input, normalised to the stored form (so text comparison sorts by time). */
export const toIso = (value: string | Date): string => new Date(value).toISOString();
