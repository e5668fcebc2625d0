import type { DemoLocation, DemoStaff } from './plan.js';

/** Where the demo happens and who works there. */

const hours = (opens: string, closes: string) => [{ opens, closes }];
/** The same days off every year, from last year to next. */
const yearly = (days: [string, string][]) => {
  const year = new Date().getFullYear();
  return [year - 1, year, year + 1].flatMap((y) => days.map(([md, name]) => ({ date: `${y}-${md}`, name })));
};

/** Real calendars: response targets count the hours each location is open (the ward never closes). */
export const demoLocations: DemoLocation[] = [
  {
    key: 'hardware',
    name: 'Hutchins Hardware, Elm Street',
    address: '212 Elm Street, Millbrook, IL 61701',
    timezone: 'America/Chicago',
    openingHours: { mon: hours('07:30', '18:00'), tue: hours('07:30', '18:00'), wed: hours('07:30', '18:00'), thu: hours('07:30', '18:00'), fri: hours('07:30', '18:00'), sat: hours('08:00', '17:00'), sun: hours('10:00', '16:00') },
    holidays: yearly([['01-01', "New Year's Day"], ['07-04', 'Independence Day'], ['12-25', 'Christmas Day']]),
  },
  {
    key: 'bank',
    name: 'First Valley Bank, Riverside branch',
    address: '40 Riverside Drive, Millbrook, IL 61701',
    timezone: 'America/Chicago',
    openingHours: { mon: hours('09:00', '17:00'), tue: hours('09:00', '17:00'), wed: hours('09:00', '17:00'), thu: hours('09:00', '17:00'), fri: hours('09:00', '18:00'), sat: hours('09:00', '12:00'), sun: [] },
    holidays: yearly([['01-01', "New Year's Day"], ['07-04', 'Independence Day'], ['11-11', 'Veterans Day'], ['12-25', 'Christmas Day']]),
  },
  { key: 'ward', name: "St. Mary's Hospital, Ward 4B (children)", address: '1 Hospital Road, Millbrook, IL 61704', timezone: 'America/Chicago' },
  // S5: a ward with two shifts, night and morning, and the hand-off between them.
  { key: 'adultWard', name: "St. Mary's Hospital, Ward 6 (adult medicine)", address: '1 Hospital Road, Millbrook, IL 61704', timezone: 'America/Chicago' },
  {
    key: 'callCentre',
    name: 'Valley Connect call centre (roadside, TV and internet)',
    address: '900 Commerce Park, Bloomington, IL 61705',
    timezone: 'America/Chicago',
    openingHours: { mon: hours('07:00', '22:00'), tue: hours('07:00', '22:00'), wed: hours('07:00', '22:00'), thu: hours('07:00', '22:00'), fri: hours('07:00', '22:00'), sat: hours('08:00', '20:00'), sun: hours('08:00', '20:00') },
    holidays: yearly([['12-25', 'Christmas Day']]),
  },
];

export const demoStaff: DemoStaff[] = [
  { key: 'admin', name: 'Morgan Lee', email: 'admin@demo.example', role: 'admin', job: 'administrator', locations: [] },
  { key: 'earl', name: 'Earl Hutchins', email: 'earl@demo.example', role: 'frontline', job: 'hardware store', locations: ['hardware'] },
  { key: 'adviser', name: 'Priya Nair', email: 'priya@demo.example', role: 'frontline', job: 'bank adviser', locations: ['bank'] },
  { key: 'teller', name: 'Tom Becker', email: 'tom@demo.example', role: 'frontline', job: 'bank teller', locations: ['bank'] },
  { key: 'manager', name: 'Grace Okafor', email: 'grace@demo.example', role: 'manager', job: 'branch and store manager', locations: ['bank', 'hardware'] },
  { key: 'nurse', name: 'Hannah Weiss', email: 'hannah@demo.example', role: 'frontline', job: 'nurse, day shift', locations: ['ward'] },
  { key: 'nightNurse', name: 'Luis Ortega', email: 'luis@demo.example', role: 'frontline', job: 'nurse, night shift', locations: ['ward'] },
  { key: 'agent', name: 'Sam Delgado', email: 'sam@demo.example', role: 'frontline', job: 'call-centre agent', locations: ['callCentre'] },
  // S3: the next agent who takes Ellen's call, and the supervisor who sees overdue promises at the call centre.
  { key: 'agent2', name: 'Nadia Brooks', email: 'nadia@demo.example', role: 'frontline', job: 'call-centre agent, customer care', locations: ['callCentre'] },
  { key: 'callManager', name: 'Dana Whitfield', email: 'dana@demo.example', role: 'manager', job: 'call-centre supervisor', locations: ['callCentre'] },
  // S5: Ward 6's night nurse hands her patients' families to the morning shift; the ward sister sees the shift view.
  { key: 'wardNight', name: 'Joy Mensah', email: 'joy@demo.example', role: 'frontline', job: 'nurse, Ward 6 night shift', locations: ['adultWard'] },
  { key: 'wardMorning', name: 'Ben Castillo', email: 'ben@demo.example', role: 'frontline', job: 'nurse, Ward 6 morning shift', locations: ['adultWard'] },
  { key: 'wardSister', name: 'Ruth Adeyemi', email: 'ruth@demo.example', role: 'manager', job: 'ward sister, Ward 6', locations: ['adultWard'] },
];

/** Who usually serves customers of each location, for the generated crowd. */
export const frontlineAt: Record<DemoLocation['key'], DemoStaff['key'][]> = {
  hardware: ['earl'],
  bank: ['adviser', 'teller'],
  ward: ['nurse', 'nightNurse'],
  callCentre: ['agent'],
  adultWard: ['wardNight', 'wardMorning'],
};
