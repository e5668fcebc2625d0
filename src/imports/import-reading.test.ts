import { describe, expect, it } from 'vitest';
import { readImport } from './import-reading.js';

/** What a file's check says of the file as a whole, beside its rows. */
describe('the notes of a check', () => {
  it('a contact list without dates says to log it as a mailing', () => {
    const file = new TextEncoder().encode('Email Address,First Name\nann@example.com,Ann\n');
    const read = readImport({ kind: 'interactions', format: 'csv' }, file, { phoneRegion: 'US', timeZone: 'UTC', currency: 'USD' });
    expect(read.notes.at(-1)).toMatch(/^The file has no date column.*logged as a mailing instead \(Mailings, or rapport mailing import\)/);
    const dated = readImport({ kind: 'interactions', format: 'csv' }, new TextEncoder().encode('Email,Date,Channel\nann@example.com,2024-03-01,email\n'), { phoneRegion: 'US', timeZone: 'UTC', currency: 'USD' });
    expect(dated.notes.join(' ')).not.toMatch(/no date column/);
  });
});
