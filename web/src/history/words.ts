/** The words the history uses for the server's entity types, actions and field names. */

export const things: Record<string, string> = {
  email: 'an email address',
  phone: 'a phone number',
  address: 'an address',
  external_id: 'an id from another system',
  relationship: 'a link to another customer',
  note: 'a note',
  life_event: 'a life event',
  project: 'a project',
  interaction: 'a contact',
  transaction: 'a transaction',
  staff: 'the staff account',
  api_token: 'the API token',
  location: 'the location',
  consent: 'a choice about being contacted',
  do_not_contact: 'a do-not-contact request',
  preference: 'a preference',
  promise: 'a promise',
  promise_revision: 'a new date for a promise',
  promise_handover: 'a promise hand-over',
  promise_link: 'a link to their promise page',
  promise_link_view: 'a visit to their promise page',
  keep_in_touch: 'how often we keep in touch',
};

export const customerActions: Record<string, string> = {
  create: 'created this customer',
  update: 'changed the profile',
  delete: 'deleted this customer',
  merge: 'merged a duplicate into this customer',
};

export const verbs: Record<string, string> = {
  create: 'added',
  update: 'changed',
  delete: 'removed',
  merge: 'merged',
  unmerge: 'undid the merge of',
  export: 'exported',
  disable: 'disabled',
  enable: 'enabled',
  revoke: 'revoked',
  restore: 'restored',
  purge: 'permanently removed',
  setup: 'set up',
  erase: 'erased',
  invite: 'invited',
  reset_password: 'reset the password of',
};

/** The audit trail names the customer: "created the customer Jim Alvarez", "added a note for Jim Alvarez". */
export const customerTrailActions: Record<string, string> = {
  create: 'created the customer',
  update: 'changed the profile of',
  delete: 'deleted the customer',
  merge: 'merged a duplicate into',
  erase: 'erased the personal data of',
  restore: 'restored the customer',
};

/** Things done to oneself or to Rapport as a whole, said without an object. */
export const selfActions: Record<string, string> = {
  sign_in: 'signed in',
  sign_out: 'signed out',
  setup: 'set up Rapport as its first admin',
};

/** The audit trail's filter: every kind of record it speaks of, and every action. */
export const entityTypeLabels: Record<string, string> = {
  customer: 'Customer profiles',
  email: 'Email addresses',
  phone: 'Phone numbers',
  address: 'Addresses',
  external_id: 'Ids from other systems',
  relationship: 'Links between customers',
  note: 'Notes',
  life_event: 'Life events',
  project: 'Projects',
  interaction: 'Contacts (calls, visits, emails…)',
  transaction: 'Transactions',
  staff: 'Staff accounts and sign-ins',
  api_token: 'API tokens',
  location: 'Locations',
  consent: 'Consent to be contacted',
  do_not_contact: 'Do not contact',
  preference: 'Preferences',
  distinct_customers: 'Records said not to be the same person',
};

export const actionLabels: Record<string, string> = {
  create: 'Created or added',
  update: 'Changed',
  delete: 'Deleted or removed',
  merge: 'Merged',
  unmerge: 'Merge undone',
  export: 'Exported',
  sign_in: 'Signed in',
  sign_out: 'Signed out',
  setup: 'First set-up',
  disable: 'Disabled',
  reset_password: 'Password reset',
  revoke: 'Revoked',
  restore: 'Restored',
  purge: 'Removed for good',
  erase: 'Erased',
};

export const channelWords: Record<string, string> = {
  visit: 'a visit',
  call: 'a call',
  email: 'an email',
  meeting: 'a meeting',
  sms: 'a text message',
  letter: 'a letter',
  voicemail: 'a voicemail',
  missed_call: 'a missed call',
  web_form: 'a web form',
  chat: 'a chat',
};

export const fieldLabels: Record<string, string> = {
  displayName: 'Listed as',
  givenName: 'First name',
  familyName: 'Last name',
  preferredName: 'Goes by',
  pronunciation: 'Say it',
  locationId: 'Home location',
  line1: 'Street',
  line2: 'Street, line 2',
  postalCode: 'Postal code',
  isPrimary: 'Main',
  primary: 'Main',
  relatedLabel: 'They are',
  household: 'Same household',
  number: 'Phone',
  address: 'Email',
  source: 'System',
  externalId: 'Id there',
  body: 'Text',
  sensitivity: 'Who sees it',
  date: 'When',
  involvedCustomerIds: 'People involved',
  startedOn: 'Started',
  endedOn: 'Ended',
  direction: 'Who reached out',
  occurredAt: 'When',
  summary: 'What happened',
  amountMinor: 'Amount',
  staffId: 'Handled by',
  relatedTransactionId: 'Settles',
  relatedCustomerId: 'Linked to',
  timezone: 'Time zone',
  openingHours: 'Opening hours',
  holidays: 'Holidays',
  locationIds: 'Locations',
  scope: 'Access',
  revokedAt: 'Revoked',
  lastUsedAt: 'Last used',
  provenance: 'How we know',
};

/** Coded values of a few fields, in words. */
export const valueWords: Record<string, string> = {
  opted_in: 'opted in',
  opted_out: 'opted out',
  told_us: 'they told us',
  our_records: 'from our records',
  other_system: 'from another system',
};

/** Where a field means something else on one kind of record ("address" is an email's on an email, a street on a location). */
export const entityFieldLabels: Record<string, Record<string, string>> = {
  location: { address: 'Address', name: 'Name' },
  staff: { address: 'Address', email: 'Email', active: 'Can sign in', kind: 'Kind' },
  api_token: { staffId: 'Acts as' },
  // A consent entry keys the choice by its channel, so that a change still names it.
  consent: { email: 'Email', phone: 'Phone calls', sms: 'Text messages', post: 'Post', givenOn: 'Day they told us', source: 'Where it came from' },
  do_not_contact: { since: 'Since', reason: 'Why' },
  preference: { topic: 'About', preference: 'They prefer' },
  keep_in_touch: { everyDays: 'Every (days)', ownerId: 'Kept by' },
};

/** What says enough about a new or removed record of each kind (the timeline shows the rest). */
export const summaryFields: Record<string, string[]> = {
  interaction: ['summary', 'outcome'],
  transaction: ['amountMinor', 'items'],
  note: ['body', 'sensitivity'],
  life_event: ['title', 'date', 'sensitivity', 'involvedCustomerIds'],
  project: ['title', 'status'],
  location: ['name', 'address', 'timezone', 'openingHours', 'holidays'],
  staff: ['name', 'email', 'role', 'locationIds'],
  api_token: ['name', 'scope'],
};
