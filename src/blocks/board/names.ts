/**
 * People's names as plans print them: "Cllr Kamran Caan", "Chief Superintendent Danny Long",
 * "Andrew Wade". Real plans spell the same person several ways (Coventry 2016-17: Danny and Daniel
 * Long, Andy and Andrew Wade, Anne and Ann Brennan), so the board and signatories audits compare
 * names on what survives once titles, punctuation and nicknames are set aside.
 */

/** Words that come before a name and are not part of it: honorifics, council and police ranks. */
const TITLES = new Set([
  'cllr', 'councillor', 'cllor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'rev', 'revd', 'reverend', 'canon', 'rt', 'hon', 'the',
  'pc', 'psc', 'ds', 'dc', 'di', 'dci', 'dsi', 'dcs', 'dsupt', 'supt', 'superintendent', 'chief', 'inspector', 'insp', 'ch', 'sgt', 'sergeant',
  'constable', 'detective', 'det', 'acc', 'dcc', 'assistant', 'deputy', 'commander', 'cmdr',
]);

/** Titles that are also forenames, kept when only a surname follows. */
const FORENAME_LIKE_TITLES = new Set(['di']);

/** Letters after a name. Only ones that are never surnames, so "Sarah Ma" keeps her surname. */
const POSTNOMINALS = new Set(['obe', 'mbe', 'cbe', 'qpm', 'kpm', 'jp', 'dl', 'phd', 'msc', 'bsc', 'rgn', 'rmn', 'kc', 'qc', 'frcpsych']);

/** Common short forms of English forenames that are not simple prefixes (Dan → Daniel is caught anyway). */
const NICKNAMES: readonly (readonly string[])[] = [
  ['andrew', 'andy', 'drew'],
  ['daniel', 'danny'],
  ['david', 'dave', 'davy'],
  ['william', 'bill', 'billy', 'will', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie'],
  ['richard', 'dick', 'rick', 'ricky', 'rich'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['michael', 'mike', 'mick', 'mickey'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza'],
  ['katherine', 'catherine', 'kathryn', 'kate', 'katie', 'kath', 'cathy', 'kathy', 'cath'],
  ['margaret', 'maggie', 'peggy', 'meg'],
  ['amanda', 'mandy'],
  ['anthony', 'tony'],
  ['stephen', 'steven', 'steve'],
  ['susan', 'sue', 'suzanne'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['henry', 'harry', 'hal'],
  ['john', 'jack', 'johnny', 'jon'],
  ['jennifer', 'jenny', 'jen'],
  ['rebecca', 'becky', 'becca'],
  ['deborah', 'debbie', 'debra', 'deb'],
  ['victoria', 'vicky', 'vicki', 'tori'],
  ['diane', 'diana', 'di'],
  ['joanne', 'joanna', 'jo'],
  ['josephine', 'jo', 'josie'],
  ['patricia', 'pat', 'trish', 'tricia'],
  ['christine', 'chris', 'chrissie'],
  ['alexander', 'alexandra', 'alex', 'sandy', 'sasha'],
  ['nicholas', 'nick', 'nicky'],
  ['nicola', 'nikki', 'nicky'],
  ['charles', 'charlie', 'chas'],
  ['frances', 'francis', 'fran', 'frankie'],
  ['gillian', 'gill', 'jill'],
  ['helen', 'nell'],
  ['samantha', 'sam', 'sammy'],
  ['samuel', 'sam', 'sammy'],
  ['thomas', 'tom', 'tommy'],
  ['matthew', 'matt', 'mat'],
  ['benjamin', 'ben', 'benny'],
  ['mohammed', 'mohammad', 'muhammad', 'mohamed', 'mo'],
];

export interface ParsedName {
  /** Lower case, accents and punctuation gone, titles and post-nominals removed. */
  tokens: string[];
  forename?: string;
  surname?: string;
}

/** `Cllr Kamran A. Caan OBE` → tokens `kamran a caan`, forename `kamran`, surname `caan`. */
export function parseName(name: string): ParsedName {
  const plain = name
    .replace(/\([^)]*\)/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`-]/g, '')
    .replace(/[^a-z\s]/g, ' ');
  const tokens = plain.split(/\s+/).filter(Boolean);
  // "DI Jo Hart" loses its rank; "Di Hart" keeps her forename.
  while (tokens.length > 2 && TITLES.has(tokens[0]!)) tokens.shift();
  if (tokens.length === 2 && TITLES.has(tokens[0]!) && !FORENAME_LIKE_TITLES.has(tokens[0]!)) tokens.shift();
  while (tokens.length > 2 && POSTNOMINALS.has(tokens[tokens.length - 1]!)) tokens.pop();
  if (tokens.length === 0) return { tokens };
  if (tokens.length === 1) return { tokens, surname: tokens[0] };
  return { tokens, forename: tokens[0], surname: tokens[tokens.length - 1] };
}

/** The comparable form of a name: `Cllr Kamran Caan` and `kamran caan.` both give `kamran caan`. */
export function normaliseName(name: string): string {
  return parseName(name).tokens.join(' ');
}

/** Optimal string alignment distance: edits, with a swap of neighbours counted as one. */
export function nameDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

function isNickname(a: string, b: string): boolean {
  return NICKNAMES.some((group) => group.includes(a) && group.includes(b));
}

/**
 * Could two forenames belong to one person? Equal; an initial (`K` / `Kamran`); a known short form
 * (`Andy` / `Andrew`); a prefix of three letters or more (`Dan` / `Daniel`); or one slip of the keyboard
 * (`Ann` / `Anne`, `Katherine` / `Catherine`). `John` and `Jane` are two people.
 */
function forenamesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if (isNickname(a, b)) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length >= 3 && longer.startsWith(shorter)) return true;
  const distance = nameDistance(a, b);
  // A letter added or dropped is a slip at any length; a changed letter only in longer names (Jan ≠ Jon).
  if (distance === 1 && a.length !== b.length && shorter.length >= 3) return true;
  return distance === 1 && shorter.length >= 5;
}

export type NameMatch = 'same' | 'similar';

/**
 * `same`: one name once titles, punctuation and middle names are set aside (`Cllr Kamran Caan` /
 * `Kamran Caan`). `similar`: probably one person spelled two ways (`Danny Long` / `Daniel Long`,
 * `Mandy Whateley` / `Mandy Whatley`). `null`: two people.
 */
export function compareNames(a: string, b: string): NameMatch | null {
  const first = parseName(a);
  const second = parseName(b);
  if (!first.surname || !second.surname) return null;
  if (first.tokens.join(' ') === second.tokens.join(' ')) return 'same';
  const surnamesEqual = first.surname === second.surname;
  const surnamesClose = !surnamesEqual && Math.min(first.surname.length, second.surname.length) >= 4 && nameDistance(first.surname, second.surname) === 1;
  if (!surnamesEqual && !surnamesClose) return null;
  if (!first.forename || !second.forename) return surnamesEqual ? 'similar' : null;
  if (surnamesEqual && first.forename === second.forename) return 'same';
  if (surnamesEqual) return forenamesCompatible(first.forename, second.forename) ? 'similar' : null;
  // A misspelt surname: only when the forenames agree, or one is the other's initial.
  const initialOnly = (first.forename.length === 1 || second.forename.length === 1) && first.forename[0] === second.forename[0];
  return first.forename === second.forename || initialOnly ? 'similar' : null;
}

export interface NameCollision {
  first: number;
  second: number;
  match: NameMatch;
}

/** Every pair of names in a list that look like one person, in list order. */
export function findNameCollisions(names: readonly string[]): NameCollision[] {
  const collisions: NameCollision[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const match = compareNames(names[i]!, names[j]!);
      if (match) collisions.push({ first: i, second: j, match });
    }
  }
  return collisions;
}
