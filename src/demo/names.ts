/** Names, streets and words for the generated crowd. None clash with the story customers. */

export const givenNames = {
  female: ['Olivia', 'Amara', 'Sofia', 'Hannah', 'Mei', 'Fatima', 'Grace', 'Lucía', 'Zoë', 'Ingrid', 'Nia', 'Rosa', 'Aisha', 'Claire', 'Yuki', 'Beatriz', 'Emma', 'Leah', 'Priscilla', 'Tamar', 'Siobhan', 'Mariana', 'Ruth', 'Elena', 'Keiko', 'Joanna', 'Abena', 'Isabel', 'Nora', 'Linh'],
  male: ['James', 'Mateo', 'Kwame', 'Liam', 'Hiroshi', 'Omar', 'Samuel', 'Andrés', 'Viktor', 'Ethan', 'Tariq', 'Lucas', 'Dmitri', 'Noel', 'Arjun', 'Felix', 'Gabriel', 'Isaac', 'Jonah', 'Kofi', 'Marcus', 'Nikolai', 'Oscar', 'Pedro', 'Ravi', 'Sean', 'Theo', 'Walter', 'Yusuf', 'Hugo'],
};

export const familyNames = [
  'Okonkwo', 'Schmidt', 'Nguyen', 'Rossi', 'Haddad', "O'Brien", 'Lindqvist', 'Tanaka', 'Mensah', 'Novak', 'García', 'Fischer',
  'Kim', 'Dubois', 'Sørensen', 'Ibrahim', 'Walsh', 'Costa', 'Yilmaz', 'Murphy', 'Kaplan', 'Adeyemi', 'Horvat', 'Santos',
  'Bianchi', 'MacLeod', 'Petrov', 'Hughes', 'Jensen', 'Mwangi', 'Romero', 'Van der Berg', 'Sato', 'Whitfield', 'Abernathy',
  'Delacroix', 'Quinn', 'Rahman', 'Bergström', 'Castillo', 'Duarte', 'Eriksen', 'Fontaine', 'Gallagher', 'Hayashi',
];

export const streets = ['Oak Street', 'Maple Avenue', 'Prairie Road', 'Cedar Lane', 'Main Street', 'Church Street', 'Hickory Drive', 'Mill Road', 'Sycamore Court', 'Lincoln Avenue'];
export const cities: [string, string][] = [['Millbrook', '61701'], ['Bloomington', '61704'], ['Normal', '61761']];

export const organisations: { name: string; sells: 'trade' | 'business'; roles: [string, string][] }[] = [
  { name: 'Oakridge Builders', sells: 'trade', roles: [['owner', 'business'], ['site manager', 'employer']] },
  { name: 'Hartley & Sons Plumbing', sells: 'trade', roles: [['owner', 'business'], ['apprentice', 'employer']] },
  { name: 'Greenleaf Landscaping', sells: 'trade', roles: [['owner', 'business']] },
  { name: 'Birchwood Apartments', sells: 'trade', roles: [['property manager', 'employer'], ['caretaker', 'employer']] },
  { name: 'Maple Street Café', sells: 'business', roles: [['owner', 'business'], ['manager', 'employer']] },
  { name: 'Riverside Dental Clinic', sells: 'business', roles: [['practice manager', 'employer']] },
  { name: 'Millbrook Elementary PTA', sells: 'business', roles: [['treasurer', 'organisation'], ['chair', 'organisation']] },
  { name: 'Northside Community Church', sells: 'trade', roles: [['facilities volunteer', 'organisation']] },
];

export const projectIdeas = [
  ['Kitchen remodel', 'New cabinets and a tiled backsplash; doing the demolition themselves.'],
  ['Building a backyard deck', 'Pressure-treated frame, composite boards, about 12x16 ft.'],
  ['Replacing the garden fence', 'Cedar pickets, 80 ft run along the back.'],
  ['Painting the whole house inside', 'One room a weekend; started with the nursery.'],
  ['Finishing the basement', 'Framing and drywall, a guest room and a den.'],
  ['Garden shed', 'An 8x10 kit shed on a gravel base.'],
  ['Raised vegetable beds', 'Four cedar beds and drip irrigation.'],
] as const;

export const hardwareChats = [
  'Asked which anchors hold a heavy mirror on drywall.',
  'Came in for advice on a dripping kitchen tap; bought washers.',
  'Wanted a paint colour matched from a chip of the old trim.',
  'Asked about renting the floor sander next month.',
  'Looking for a replacement part for an old storm door closer.',
];

export const bankChats = [
  'Asked about moving savings to a higher-rate account.',
  'Updated the address on the account after the move.',
  'Questions about the new mobile banking app; showed her the basics.',
  'Asked about a home equity line for the kitchen.',
  'Set up a standing order for the rent.',
];

export const careChats = [
  'Picture freezing on two channels in the evening; reset the box remotely.',
  'Asked to move the bill date to the 15th.',
  'Wanted to add the sports package for the season.',
  'Router lights blinking orange; walked through a restart.',
];

export const newsletters = ['spring garden checklist', 'winterising your pipes', 'the spring workshop schedule', 'deck season offers'];

export const preferences = [
  'Prefers a text message to a call.',
  'Hard of hearing: face them when speaking, and no phone calls.',
  'Likes to pay by cheque; keep a receipt book handy.',
  'Spanish is easier for them than English.',
  'Always in a hurry at lunchtime; have things ready.',
  'Prefers email for anything with numbers in it.',
];
