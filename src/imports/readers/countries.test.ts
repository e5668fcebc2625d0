import { describe, expect, it } from 'vitest';
import { countryCode } from './countries.js';

describe('a country as a source wrote it', () => {
  it.each([
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
    ['  united   kingdom ', 'GB'],
    ['USA', 'US'],
    ['de', 'DE'],
    ['UK', 'GB'],
    ['Norge', 'NO'],
    ['Danmark', 'DK'],
    ['Polska', 'PL'],
    ['Sverige', 'SE'],
    ['Suomi', 'FI'],
    ['Česko', 'CZ'],
    ['Magyarország', 'HU'],
    ['Türkiye', 'TR'],
    ['Ελλάδα', 'GR'],
    ['Éire', 'IE'],
    // English names win a name another language gives a different country.
    ['Georgia', 'GE'],
    ['Jordan', 'JO'],
  ])('%s is %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it.each(['Narnia', 'EU', 'ZZ', 'Europe', ''])('%s is no country', (text) => {
    expect(countryCode(text)).toBeNull();
  });
});
