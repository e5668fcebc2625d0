/**
 * Common English given-name variants. A query word in a group also looks for the other words of
 * its groups: "bob" finds Robert, "liz" finds Elizabeth. A word may sit in more than one group
 * ("al" is short for Albert, Alan and Alfred), and the groups never chain further than one step.
 */
const groups: string[][] = [
  ['robert', 'rob', 'bob', 'bobby', 'robbie', 'bert'],
  ['james', 'jim', 'jimmy', 'jamie', 'jimmie'],
  ['william', 'will', 'bill', 'billy', 'willy', 'liam'],
  ['elizabeth', 'liz', 'beth', 'betty', 'eliza', 'lisa', 'libby', 'betsy', 'liza', 'elisabeth'],
  ['richard', 'rick', 'dick', 'rich', 'ricky', 'richie'],
  ['john', 'jack', 'johnny', 'jon'],
  ['jonathan', 'jon', 'jonny', 'nathan'],
  ['michael', 'mike', 'mikey', 'mick', 'mickey'],
  ['thomas', 'tom', 'tommy'],
  ['joseph', 'joe', 'joey'],
  ['charles', 'charlie', 'chuck', 'chas'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['christine', 'chris', 'christina', 'tina', 'chrissy', 'kristin', 'kristine'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davey'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'ned'],
  ['theodore', 'ted', 'teddy', 'theo'],
  ['anthony', 'tony'],
  ['andrew', 'andy', 'drew'],
  ['alexander', 'alex', 'al', 'sasha', 'xander'],
  ['alexandra', 'alex', 'sandra', 'sandy', 'lexi', 'sasha'],
  ['albert', 'al', 'bert', 'albie'],
  ['alan', 'al', 'allan', 'allen'],
  ['alfred', 'al', 'alf', 'fred', 'freddie'],
  ['frederick', 'fred', 'freddy', 'freddie', 'fritz'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['matthew', 'matt', 'matty'],
  ['nicholas', 'nick', 'nicky', 'nico'],
  ['patrick', 'pat', 'paddy'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['peter', 'pete'],
  ['stephen', 'steve', 'steven', 'stevie'],
  ['timothy', 'tim', 'timmy'],
  ['gregory', 'greg'],
  ['kenneth', 'ken', 'kenny'],
  ['lawrence', 'larry', 'laurence'],
  ['raymond', 'ray'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['gerald', 'gerry', 'jerry'],
  ['jeffrey', 'jeff', 'geoffrey', 'geoff'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['walter', 'walt', 'wally'],
  ['henry', 'hank', 'harry', 'hal'],
  ['harold', 'harry', 'hal'],
  ['douglas', 'doug'],
  ['eugene', 'gene'],
  ['vincent', 'vince', 'vinny'],
  ['zachary', 'zach', 'zack'],
  ['joshua', 'josh'],
  ['jacob', 'jake'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'greta', 'daisy'],
  ['katherine', 'kate', 'katie', 'kathy', 'kat', 'catherine', 'kathryn', 'cathy', 'kitty'],
  ['jennifer', 'jen', 'jenny', 'jenn'],
  ['rebecca', 'becky', 'becca'],
  ['susan', 'sue', 'susie', 'suzanne'],
  ['deborah', 'deb', 'debbie', 'debra'],
  ['barbara', 'barb', 'barbie'],
  ['dorothy', 'dot', 'dottie', 'dolly'],
  ['victoria', 'vicky', 'tori', 'vic'],
  ['jessica', 'jess', 'jessie'],
  ['abigail', 'abby', 'gail'],
  ['alice', 'ally', 'allie'],
  ['amanda', 'mandy'],
  ['cynthia', 'cindy'],
  ['judith', 'judy'],
  ['kimberly', 'kim'],
  ['pamela', 'pam'],
  ['teresa', 'terry', 'tess', 'theresa'],
  ['valerie', 'val'],
  ['virginia', 'ginny', 'ginger'],
  ['mary', 'molly', 'polly', 'mae', 'maria', 'marie'],
  ['ann', 'anne', 'anna', 'annie', 'nancy', 'hannah'],
  ['sarah', 'sara', 'sally', 'sadie'],
  ['helen', 'nell', 'ellie', 'helena'],
  ['eleanor', 'ellie', 'nell', 'nora', 'elle'],
  ['francis', 'frank', 'fran', 'frankie'],
  ['frances', 'fran', 'frannie', 'frankie'],
  ['louis', 'lou', 'louie'],
  ['louise', 'lou', 'lulu'],
  ['isabel', 'isabella', 'izzy', 'bella', 'belle'],
  ['josephine', 'jo', 'josie'],
  ['joanne', 'jo', 'joanna'],
  ['philip', 'phil', 'pip'],
  ['ernest', 'ernie'],
  ['eugenia', 'jenny', 'genie'],
  ['oliver', 'ollie'],
  ['olivia', 'liv', 'livvy', 'ollie'],
  ['gabriel', 'gabe'],
  ['gabrielle', 'gabby', 'gaby'],
  ['nathaniel', 'nate', 'nat', 'nathan'],
  ['natalie', 'nat', 'nattie'],
  ['cameron', 'cam'],
  ['maximilian', 'max'],
  ['maxwell', 'max'],
  ['jose', 'pepe'],
  ['francisco', 'paco', 'pancho', 'frank'],
  ['guillermo', 'memo', 'william'],
  ['alejandro', 'alex', 'alejo'],
];

const byWord = new Map<string, Set<string>>();
for (const group of groups) {
  for (const word of group) {
    const others = byWord.get(word) ?? new Set<string>();
    for (const other of group) if (other !== word) others.add(other);
    byWord.set(word, others);
  }
}

/** The other forms of a folded given name, nearest first as listed; empty when none is known. */
export function nicknamesOf(word: string): string[] {
  return [...(byWord.get(word) ?? [])];
}

/** True when the two folded words are forms of the same given name. */
export function areNicknames(a: string, b: string): boolean {
  return a !== b && (byWord.get(a)?.has(b) ?? false);
}
