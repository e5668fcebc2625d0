import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhone, isEmail, normalizeEmail, normalizePhone } from './contact-rules.js';

describe('phone numbers', () => {
  it('reads one US number the same in every way people write it', () => {
    const forms = ['555 123 4567', '(555) 123-4567', '555.123.4567', '+1-555-123-4567', '+1 (555) 123 4567', '1 555 123 4567', '5551234567', ' +15551234567 '];
    for (const form of forms) expect(normalizePhone(form, 'US'), form).toBe('+15551234567');
  });

  it('uses the default region only for numbers without a country code', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('+44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(normalizePhone('030 123456', 'DE')).toBe('+4930123456');
  });

  it('refuses text that is no phone number', () => {
    for (const text of ['', 'call me', '12', '+', 'abc-def-ghij']) expect(normalizePhone(text, 'US'), text).toBeNull();
  });

  it('is stable: normalising the E.164 form gives it back, whatever the separators', () => {
    const separator = fc.constantFrom(' ', '-', '.', '');
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }), separator, (area, exchange, line, sep) => {
        const typed = `${area}${sep}${exchange}${sep}${String(line).padStart(4, '0')}`;
        const e164 = normalizePhone(typed, 'US');
        if (e164 === null) return; // not every digit string is a possible number
        expect(e164).toMatch(/^\+1\d{10}$/);
        expect(normalizePhone(e164, 'GB')).toBe(e164);
        expect(normalizePhone(formatPhone(e164), 'FR')).toBe(e164);
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('US', 'GB', 'DE', 'IN'), (text, region) => void normalizePhone(text, region)));
  });
});

describe('email addresses', () => {
  it('match whatever the case or surrounding spaces', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.boolean(), (address, shout) => {
        const typed = ` ${shout ? address.toUpperCase() : address}  `;
        expect(normalizeEmail(typed)).toBe(address.toLowerCase());
        expect(normalizeEmail(normalizeEmail(typed))).toBe(normalizeEmail(typed));
      }),
    );
  });

  it('accept real addresses and refuse what is not one', () => {
    expect(isEmail('jim.alvarez@example.com')).toBe(true);
    expect(isEmail('Ana+news@sub.example.co.uk')).toBe(true);
    for (const text of ['jim', 'jim@', '@example.com', 'jim@example', 'jim @example.com', 'jim@@example.com']) expect(isEmail(text), text).toBe(false);
  });
});
