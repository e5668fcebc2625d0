import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** Reminders by email: RAPPORT_SMTP_URL, RAPPORT_MAIL_FROM and RAPPORT_PUBLIC_URL. */

const smtp = { RAPPORT_SMTP_URL: 'smtps://rapport%40shop.example:s%3Acret@mail.shop.example:465', RAPPORT_MAIL_FROM: 'Rapport <rapport@shop.example>' };

const failure = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
};

describe('email configuration', () => {
  it('sends no email when RAPPORT_SMTP_URL is unset or empty', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ RAPPORT_SMTP_URL: '  ', RAPPORT_MAIL_FROM: 'rapport@shop.example' }).mail).toBeUndefined();
  });

  it('keeps the SMTP URL as given, with the From address', () => {
    expect(loadConfig(smtp).mail).toEqual({ smtpUrl: smtp.RAPPORT_SMTP_URL, from: 'Rapport <rapport@shop.example>' });
    expect(loadConfig({ RAPPORT_SMTP_URL: 'smtp://127.0.0.1:2525', RAPPORT_MAIL_FROM: 'rapport@shop.example' }).mail).toEqual({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'rapport@shop.example',
    });
  });

  it('refuses a mistake in one line that never repeats the password', () => {
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ ...smtp, RAPPORT_SMTP_URL: 'https://user:hunter2secret@mail.shop.example' }, /must start with smtp:\/\/ or smtps:\/\/, not https:\/\//],
      [{ ...smtp, RAPPORT_SMTP_URL: 'mail.shop.example:hunter2secret' }, /smtp:\/\/ or smtps:\/\//],
      [{ ...smtp, RAPPORT_SMTP_URL: 'smtp://user:hunter2secret@' }, /could not be read as a URL|names no host/],
      [{ ...smtp, RAPPORT_SMTP_URL: 'smtp://user:hunter2secret@[::1' }, /could not be read as a URL/],
      [{ ...smtp, RAPPORT_SMTP_URL: 'smtp://:hunter2secret@mail.shop.example' }, /both a user name and a password/],
      [{ ...smtp, RAPPORT_SMTP_URL: 'smtp://user@mail.shop.example' }, /both a user name and a password/],
      [{ RAPPORT_SMTP_URL: 'smtp://user:hunter2secret@mail.shop.example' }, /RAPPORT_MAIL_FROM must be set when RAPPORT_SMTP_URL is/],
    ];
    for (const [env, expected] of cases) {
      const message = failure(env);
      expect(message, String(env.RAPPORT_SMTP_URL)).toMatch(expected);
      expect(message).not.toContain('hunter2secret');
      expect(message).not.toContain('\n');
    }
  });

  it('checks the From address', () => {
    for (const from of ['rapport', 'Rapport <rapport>', 'a@b.example, c@d.example', 'Rapport <rapport@shop.example', 'x@y\nBcc: z@w']) {
      expect(failure({ ...smtp, RAPPORT_MAIL_FROM: from }), from).toMatch(/RAPPORT_MAIL_FROM must be an email address/);
    }
  });
});

describe('the public address, for links in emails', () => {
  it('is http://HOST:PORT unless set', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: 'rapport.lan', PORT: '8080' }).publicUrl).toBe('http://rapport.lan:8080');
    expect(loadConfig({ HOST: '0.0.0.0' }).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:3000');
  });

  it('takes an http or https address, without a trailing slash', () => {
    expect(loadConfig({ RAPPORT_PUBLIC_URL: 'https://rapport.shop.example/' }).publicUrl).toBe('https://rapport.shop.example');
    expect(loadConfig({ RAPPORT_PUBLIC_URL: 'https://shop.example/rapport/' }).publicUrl).toBe('https://shop.example/rapport');
    for (const url of ['rapport.shop.example', 'ftp://shop.example', 'https://shop.example/?a=1', 'https://shop.example/#x', 'https://u:p@shop.example']) {
      expect(failure({ RAPPORT_PUBLIC_URL: url }), url).toMatch(/RAPPORT_PUBLIC_URL must be the http:\/\/ or https:\/\/ address/);
    }
  });
});
