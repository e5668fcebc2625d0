import { describe, expect, it } from 'vitest';
import type { Row } from '../platform/database/schema.js';
import { defaultChoices, mergedProfile, profileOf, undoProfile } from './merge-rules.js';

const customer = (over: Partial<Row<'customers'>>): Row<'customers'> => ({
  id: 'x',
  kind: 'person',
  displayName: 'Robert Smith',
  givenName: 'Robert',
  familyName: 'Smith',
  preferredName: null,
  pronunciation: null,
  pronouns: null,
  birthYear: null,
  birthMonth: null,
  birthDay: null,
  language: null,
  gender: null,
  locationId: null,
  erasedAt: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  createdBy: null,
  updatedBy: null,
  ...over,
});

describe('the default value of each field in a merge', () => {
  it('takes the value one record lacks, the fuller of two, and otherwise the newer record’s', () => {
    const robert = customer({ id: 's', birthMonth: 4, birthDay: 2 });
    const bob = customer({ id: 'm', displayName: 'Bob Smith', givenName: 'Bob', birthYear: 1971, birthMonth: 4, birthDay: 2, language: 'en', updatedAt: '2026-01-01T00:00:00.000Z' });
    const choices = defaultChoices(robert, bob);
    // A birthday with its year says more; a language only one has; the same family name stays.
    expect(choices).toMatchObject({ birthday: 'merged', language: 'merged', familyName: 'survivor' });
    // Two given names as full as each other: the newer record's; the name as listed follows it.
    expect(choices.givenName).toBe('merged');
    expect(choices.displayName).toBe('merged');
    expect(defaultChoices(bob, robert).givenName).toBe('survivor');
    // An initial says less than a name.
    expect(defaultChoices(customer({ givenName: 'R.', displayName: 'R. Smith', updatedAt: '2027-01-01T00:00:00.000Z' }), customer({ id: 'm' })).givenName).toBe('merged');
  });

  it('takes the name as listed, the given and the family name from one record, never half of each', () => {
    // The newer record has only an initial and another spelling of the family name: the fuller name is kept whole.
    const initial = customer({ id: 's', displayName: 'R. Smyth', givenName: 'R.', familyName: 'Smyth', updatedAt: '2026-06-01T00:00:00.000Z' });
    const robert = customer({ id: 'm' });
    expect(defaultChoices(initial, robert)).toMatchObject({ displayName: 'merged', givenName: 'merged', familyName: 'merged' });
    expect(profileOf(mergedProfile(initial, robert, defaultChoices(initial, robert)))).toMatchObject({ displayName: 'Robert Smith', givenName: 'Robert', familyName: 'Smith' });
    // A name as listed by hand on a record without a given name does not stay beside the other record's given name.
    const listed = customer({ id: 's', displayName: 'Mrs J. Smith (shop)', givenName: null, updatedAt: '2026-06-01T00:00:00.000Z' });
    const jane = customer({ id: 'm', displayName: 'Jane Smith', givenName: 'Jane' });
    expect(profileOf(mergedProfile(listed, jane, defaultChoices(listed, jane)))).toMatchObject({ displayName: 'Jane Smith', givenName: 'Jane', familyName: 'Smith' });
    // Where the record chosen has no family name, the other's fills it in.
    const given = customer({ id: 's', displayName: 'Jane', givenName: 'Jane', familyName: null });
    const family = customer({ id: 'm', displayName: 'Ms Doe', givenName: null, familyName: 'Doe', updatedAt: '2026-06-01T00:00:00.000Z' });
    expect(profileOf(mergedProfile(given, family, defaultChoices(given, family)))).toMatchObject({ givenName: 'Jane', familyName: 'Doe' });
  });

  it('undoes only what the merge changed and nobody changed since', () => {
    const before = profileOf(customer({ preferredName: null, language: null }));
    const after = profileOf(mergedProfile(customer({}), customer({ preferredName: 'Bob', language: 'en' }), { ...defaultChoices(customer({}), customer({ preferredName: 'Bob', language: 'en' })) }));
    expect(after).toMatchObject({ preferredName: 'Bob', language: 'en' });
    const now = { ...after, preferredName: 'Rob' };
    expect(undoProfile(before, after, now)).toEqual({ language: null });
  });
});
