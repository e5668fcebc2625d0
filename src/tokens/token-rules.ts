import { randomSecret } from '../auth/secrets.js';

/** Tokens start with a fixed prefix so that secret scanners and people can tell what a leaked string is. */
export const tokenPrefix = 'rpt_';

export const newTokenSecret = (): string => `${tokenPrefix}${randomSecret()}`;
