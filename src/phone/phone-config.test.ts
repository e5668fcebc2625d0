import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../platform/config.js';

/** RAPPORT_PHONE_WEBHOOK_SECRET turns the phone webhook on; a short secret is refused at start, and never repeated. */
describe('the phone webhook secret', () => {
  it('is off when unset or blank', () => {
    expect(loadConfig({}).phoneWebhookSecret).toBeUndefined();
    expect(loadConfig({ RAPPORT_PHONE_WEBHOOK_SECRET: '   ' }).phoneWebhookSecret).toBeUndefined();
  });

  it('is kept as given, without surrounding spaces', () => {
    expect(loadConfig({ RAPPORT_PHONE_WEBHOOK_SECRET: ' 0f3b9c2e7a41d85b6c0e9f1a2b3c4d5e ' }).phoneWebhookSecret).toBe('0f3b9c2e7a41d85b6c0e9f1a2b3c4d5e');
  });

  it('must be 16 to 200 characters, and the message does not repeat it', () => {
    for (const secret of ['short-secret', 'x'.repeat(201)]) {
      let message = '';
      try {
        loadConfig({ RAPPORT_PHONE_WEBHOOK_SECRET: secret });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/RAPPORT_PHONE_WEBHOOK_SECRET must be 16 to 200 characters long/);
      expect(message).not.toContain(secret);
    }
  });
});
