/** Timeline kinds as the API names them (`kind` on each item and the `kinds` filter). */
export const timelineKinds = [
  { value: 'interaction', label: 'Visits, calls and messages', short: 'Contact' },
  { value: 'transaction', label: 'Purchases, returns and payments', short: 'Money' },
  { value: 'life_event', label: 'Life events', short: 'Life event' },
  { value: 'note', label: 'Notes', short: 'Note' },
  { value: 'promise', label: 'Promises', short: 'Promise' },
  { value: 'case', label: 'Cases', short: 'Case' },
] as const;

export const kindLabel = (kind: string) => timelineKinds.find((k) => k.value === kind || k.value === kind.replace(/-/g, '_'))?.short ?? kind.replace(/[_-]/g, ' ');
