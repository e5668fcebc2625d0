import { beforeAll, describe, expect, it } from 'vitest';

/**
 * An address on one line the way its country writes it (web/src/ui/address-line.ts), without a
 * browser. web/src is written for Vite (imports without extensions), so it is loaded at run time, as
 * in audit-words.test.ts; the functions used are typed here.
 */
interface Parts {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}
type Style = 'city-region-postcode' | 'city-postcode' | 'postcode-city';

let addressLine: (a: Parts) => string;
let addressStyle: (a: Pick<Parts, 'country' | 'region'>) => Style;

const load = (path: string): Promise<unknown> => import(/* @vite-ignore */ path);

beforeAll(async () => {
  ({ addressLine, addressStyle } = (await load('../src/ui/address-line.ts')) as { addressLine: typeof addressLine; addressStyle: typeof addressStyle });
});

const address = (over: Partial<Parts>): Parts => ({ line1: null, line2: null, city: null, region: null, postalCode: null, country: null, ...over });

describe('an address on one line', () => {
  it('writes the US, Canada and Australia as City, ST postcode', () => {
    expect(addressLine(address({ line1: '742 Evergreen Terrace', line2: 'Apt 3', city: 'Shelbyville', region: 'IL', postalCode: '62565', country: 'US' }))).toBe(
      '742 Evergreen Terrace, Apt 3, Shelbyville, IL 62565, US',
    );
    expect(addressLine(address({ line1: '24 Sussex Dr', city: 'Ottawa', region: 'ON', postalCode: 'K1M 1M4', country: 'CA' }))).toBe('24 Sussex Dr, Ottawa, ON K1M 1M4, CA');
    expect(addressLine(address({ line1: '1 Macquarie St', city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'AU' }))).toBe('1 Macquarie St, Sydney, NSW 2000, AU');
    expect(addressLine(address({ line1: '1 Calle Fortaleza', city: 'San Juan', region: 'PR', postalCode: '00901', country: 'PR' }))).toBe('1 Calle Fortaleza, San Juan, PR 00901, PR');
    // Without a state (the address form asks for none): the postcode after the city.
    expect(addressLine(address({ line1: '5 Oak Street', city: 'Bloomington', postalCode: '61704', country: 'US' }))).toBe('5 Oak Street, Bloomington 61704, US');
    // Without a city: the state and ZIP.
    expect(addressLine(address({ region: 'IL', postalCode: '62565', country: 'US' }))).toBe('IL 62565, US');
  });

  it('writes Britain and Ireland as City, POSTCODE', () => {
    expect(addressLine(address({ line1: '10 Downing St', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' }))).toBe('10 Downing St, London, SW1A 2AA, GB');
    expect(addressLine(address({ line1: '1 Grand Parade', city: 'Cork', region: 'Co. Cork', postalCode: 'T12 X70A', country: 'IE' }))).toBe('1 Grand Parade, Cork, Co. Cork, T12 X70A, IE');
  });

  it('writes most of Europe and the rest of the world as postcode City', () => {
    expect(addressLine(address({ line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' }))).toBe('Unter den Linden 1, 10117 Berlin, DE');
    expect(addressLine(address({ line1: 'Via del Corso 1', city: 'Roma', region: 'RM', postalCode: '00186', country: 'IT' }))).toBe('Via del Corso 1, 00186 Roma, RM, IT');
    expect(addressLine(address({ line1: 'Av. Reforma 1', city: 'Ciudad de México', postalCode: '06500', country: 'mx' }))).toBe('Av. Reforma 1, 06500 Ciudad de México, MX');
  });

  it('with no country, reads a two-letter upper-case region as a US state, and anything else the general way', () => {
    expect(addressStyle({ country: null, region: 'IL' })).toBe('city-region-postcode');
    expect(addressLine(address({ line1: '742 Evergreen Terrace', city: 'Shelbyville', region: 'IL', postalCode: '62565' }))).toBe('742 Evergreen Terrace, Shelbyville, IL 62565');
    expect(addressStyle({ country: null, region: 'Bavaria' })).toBe('postcode-city');
    expect(addressStyle({ country: null, region: 'il' })).toBe('postcode-city');
    expect(addressStyle({ country: null, region: null })).toBe('postcode-city');
    expect(addressLine(address({ line1: 'Marienplatz 1', city: 'München', region: 'Bayern', postalCode: '80331' }))).toBe('Marienplatz 1, 80331 München, Bayern');
    // The country decides, whatever the region looks like.
    expect(addressStyle({ country: 'DE', region: 'BY' })).toBe('postcode-city');
  });

  it('leaves out what an address lacks, blank parts included', () => {
    expect(addressLine(address({ city: 'Berlin', country: 'DE' }))).toBe('Berlin, DE');
    expect(addressLine(address({ line1: '  ', city: 'London', postalCode: ' ', country: 'GB' }))).toBe('London, GB');
    expect(addressLine(address({ postalCode: '62565', country: 'US' }))).toBe('62565, US');
    expect(addressLine(address({}))).toBe('');
  });
});
