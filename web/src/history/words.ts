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
};

export const customerActions: Record<string, string> = {
  create: 'created this customer',
  update: 'changed the profile',
  delete: 'deleted this customer',
  merge: 'merged a duplicate into this customer',
};

export const verbs: Record<string, string> = { create: 'added', update: 'changed', delete: 'removed', merge: 'merged' };

export const channelWords: Record<string, string> = {
  visit: 'a visit',
  call: 'a call',
  email: 'an email',
  meeting: 'a meeting',
  sms: 'a text message',
  letter: 'a letter',
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
};

/** What says enough about a new or removed record of each kind (the timeline shows the rest). */
export const summaryFields: Record<string, string[]> = {
  interaction: ['summary', 'outcome'],
  transaction: ['amountMinor', 'items'],
  note: ['body', 'sensitivity'],
  life_event: ['title', 'date', 'sensitivity', 'involvedCustomerIds'],
  project: ['title', 'status'],
};
