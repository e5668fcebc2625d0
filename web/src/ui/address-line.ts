import type { Address } from '../api/types';

/** The parts of an address that are written; the customer page's, the merge screen's and any other. */
export type AddressParts = Pick<Address, 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country'>;

/**
 * Where a country writes the town, the region and the postcode:
 * - 'city-region-postcode': "Shelbyville, IL 62565" (the US and its territories, Canada, Australia);
 * - 'city-postcode': "London, SW1A 1AA" (Britain, Ireland, the Crown Dependencies);
 * - 'postcode-city': "10117 Berlin" (most of Europe, and the rest of the world).
 */
export type AddressStyle = 'city-region-postcode' | 'city-postcode' | 'postcode-city';

const cityRegionPostcode = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'CA', 'AU']);
const cityPostcode = new Set(['GB', 'IE', 'IM', 'JE', 'GG']);

const present = (text: string | null | undefined): string | null => text?.trim() || null;
const joined = (separator: string, ...parts: (string | null)[]) => parts.filter(Boolean).join(separator) || null;

/** How an address is written: by its country (an ISO code); with none, a two-letter upper-case region ("IL") is a US state. */
export function addressStyle(address: Pick<AddressParts, 'country' | 'region'>): AddressStyle {
  const country = present(address.country)?.toUpperCase();
  if (country) return cityRegionPostcode.has(country) ? 'city-region-postcode' : cityPostcode.has(country) ? 'city-postcode' : 'postcode-city';
  return /^[A-Z]{2}$/.test(present(address.region) ?? '') ? 'city-region-postcode' : 'postcode-city';
}

/**
 * An address on one line, the way its country writes it, with the country's code last:
 * "12 Elm St, Apt 3, Shelbyville, IL 62565, US"; "10 Downing St, London, SW1A 2AA, GB";
 * "Unter den Linden 1, 10117 Berlin, DE". What an address lacks is left out.
 */
export function addressLine(address: AddressParts): string {
  const city = present(address.city);
  const region = present(address.region);
  const postcode = present(address.postalCode);
  const country = present(address.country)?.toUpperCase() ?? null;
  let place: (string | null)[];
  switch (addressStyle(address)) {
    case 'city-region-postcode':
      // "Shelbyville, IL 62565"; without a state, "Shelbyville 62565".
      place = region ? [city, joined(' ', region, postcode)] : [joined(' ', city, postcode)];
      break;
    case 'city-postcode':
      place = [city, region, postcode];
      break;
    case 'postcode-city':
      place = [joined(' ', postcode, city), region];
      break;
  }
  return [present(address.line1), present(address.line2), ...place, country].filter(Boolean).join(', ');
}
