/**
 * The label of an email, phone or address ("mobile", "home", "work"), said one way whatever wrote it:
 * Google's "* Mobile" (the star marks the primary one), Outlook's "Mobile Phone" column, a vCard's
 * TYPE=CELL, Apple's "_$!<Mobile>!$_", a German "Handy". Words we do not know are kept as written, so
 * a shop's own labels ("shop", "Oma") survive.
 */

export interface ReadLabel {
  label: string | null;
  primary: boolean;
}

const synonyms: Record<string, string> = {
  mobile: 'mobile',
  cell: 'mobile',
  cellular: 'mobile',
  iphone: 'mobile',
  handy: 'mobile',
  mobil: 'mobile',
  mobiltelefon: 'mobile',
  home: 'home',
  private: 'home',
  personal: 'home',
  privat: 'home',
  work: 'work',
  business: 'work',
  office: 'work',
  company: 'work',
  geschäftlich: 'work',
  main: 'main',
  fax: 'fax',
  pager: 'pager',
  other: 'other',
  school: 'school',
};

/** The Rapport label for a word, or null when the word is not one we know. */
export const knownLabel = (word: string): string | null => synonyms[word.trim().toLowerCase()] ?? null;

/** A label as a source wrote it, cleaned: the primary marker taken off, known words said Rapport's way. */
export function readLabel(raw: string | null | undefined): ReadLabel {
  let text = (raw ?? '').trim();
  let primary = false;
  if (text.startsWith('*')) {
    primary = true;
    text = text.slice(1).trim();
  }
  const apple = /^_\$!<(.*)>!\$_$/.exec(text);
  if (apple) text = apple[1]!;
  if (!text) return { label: null, primary };
  return { label: knownLabel(text) ?? text, primary };
}
