import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../platform/config.js';

/** Mail into Rapport: RAPPORT_MAIL_IN_PORT, _HOST, _ALLOWED_SENDERS, _MAX_BYTES and _MAX_ATTACHMENT_BYTES. */

const failure = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
};

describe('mail-in configuration', () => {
  it('runs no listener unless a port is set, with the limits’ defaults', () => {
    expect(loadConfig({}).mailIn).toEqual({ listen: undefined, allowedSenders: [], maxBytes: 10 * 1024 * 1024, maxAttachmentBytes: 5 * 1024 * 1024 });
    expect(loadConfig({ RAPPORT_MAIL_IN_PORT: ' ' }).mailIn.listen).toBeUndefined();
  });

  it('listens on 127.0.0.1 by default, on port 0 too (the system picks), for the senders listed', () => {
    expect(loadConfig({ RAPPORT_MAIL_IN_PORT: '2525', RAPPORT_MAIL_IN_ALLOWED_SENDERS: ' @Shop.Example , Relay@Mail.example ' }).mailIn).toEqual({
      listen: { port: 2525, host: '127.0.0.1' },
      allowedSenders: ['@shop.example', 'relay@mail.example'],
      maxBytes: 10 * 1024 * 1024,
      maxAttachmentBytes: 5 * 1024 * 1024,
    });
    expect(loadConfig({ RAPPORT_MAIL_IN_PORT: '0', RAPPORT_MAIL_IN_HOST: '10.0.0.5', RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@shop.example', RAPPORT_MAIL_IN_MAX_BYTES: '2048', RAPPORT_MAIL_IN_MAX_ATTACHMENT_BYTES: '1024' }).mailIn).toEqual({
      listen: { port: 0, host: '10.0.0.5' },
      allowedSenders: ['@shop.example'],
      maxBytes: 2048,
      maxAttachmentBytes: 1024,
    });
  });

  it('refuses a mistake in one line naming the variable', () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{ RAPPORT_MAIL_IN_PORT: '25x', RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@shop.example' }, 'RAPPORT_MAIL_IN_PORT must be a whole number from 0 to 65535, not "25x"'],
      [{ RAPPORT_MAIL_IN_PORT: '70000', RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@shop.example' }, 'RAPPORT_MAIL_IN_PORT must be a whole number from 0 to 65535, not "70000"'],
      [{ RAPPORT_MAIL_IN_PORT: '2525' }, 'RAPPORT_MAIL_IN_ALLOWED_SENDERS must be set when RAPPORT_MAIL_IN_PORT is: the envelope senders the mail listener accepts, such as @example.com (your own domain)'],
      [{ RAPPORT_MAIL_IN_PORT: '2525', RAPPORT_MAIL_IN_ALLOWED_SENDERS: 'shop.example' }, 'RAPPORT_MAIL_IN_ALLOWED_SENDERS takes addresses (staff@example.com) or whole domains (@example.com), separated by commas; "shop.example" is neither'],
      [{ RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@localhost' }, 'RAPPORT_MAIL_IN_ALLOWED_SENDERS takes addresses (staff@example.com) or whole domains (@example.com), separated by commas; "@localhost" is neither'],
      [{ RAPPORT_MAIL_IN_MAX_BYTES: '10MB' }, 'RAPPORT_MAIL_IN_MAX_BYTES must be a whole number of bytes from 1024 to 1073741824 (1 GB), not "10MB"'],
      [{ RAPPORT_MAIL_IN_MAX_ATTACHMENT_BYTES: '12' }, 'RAPPORT_MAIL_IN_MAX_ATTACHMENT_BYTES must be a whole number of bytes from 1024 to 1073741824 (1 GB), not "12"'],
    ];
    for (const [env, message] of cases) expect(failure(env)).toBe(message);
  });
});
