import type { DemoLocation, DemoStaff } from './plan.js';

/** Where the demo happens and who works there. */

export const demoLocations: DemoLocation[] = [
  { key: 'hardware', name: 'Hutchins Hardware, Elm Street', address: '212 Elm Street, Millbrook, IL 61701', timezone: 'America/Chicago' },
  { key: 'bank', name: 'First Valley Bank, Riverside branch', address: '40 Riverside Drive, Millbrook, IL 61701', timezone: 'America/Chicago' },
  { key: 'ward', name: "St. Mary's Hospital, Ward 4B (children)", address: '1 Hospital Road, Millbrook, IL 61704', timezone: 'America/Chicago' },
  { key: 'callCentre', name: 'Valley Connect call centre (roadside, TV and internet)', address: '900 Commerce Park, Bloomington, IL 61705', timezone: 'America/Chicago' },
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
];

/** Who usually serves customers of each location, for the generated crowd. */
export const frontlineAt: Record<DemoLocation['key'], DemoStaff['key'][]> = {
  hardware: ['earl'],
  bank: ['adviser', 'teller'],
  ward: ['nurse', 'nightNurse'],
  callCentre: ['agent'],
};
