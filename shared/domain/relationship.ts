// How a person named on someone's row (a next of kin, a parent or carer, a contact) is related to
// them, read from the words a clerk writes: "Mother", "Step-father", "Partner", "Grandmother",
// "Friend", "Neighbour", "Social worker". English kinship words, not any one extract's codes.
// A second person on the row of a joint tenancy or a joint claim ("Tenant 2", "Joint claimant")
// lives with the first, how they are related unsaid: a co-resident.

/**
 * What the named person is to the row's person: their parent (or one who brings them up),
 * partner, child, someone they live with whose relationship is unsaid (a joint tenant, a joint
 * claimant), or anyone else.
 */
export type RelationKind = 'parent' | 'partner' | 'child' | 'coresident' | 'other';

const PARENT = new Set([
  'parent', 'parents', 'mother', 'mum', 'mom', 'mam', 'mummy', 'father', 'dad', 'daddy', 'guardian', 'carer', 'carers', 'stepmother', 'stepfather', 'stepparent',
  'grandmother', 'grandfather', 'grandparent', 'grandparents', 'nan', 'nana', 'nanna', 'gran', 'granny', 'grandma', 'grandad', 'granddad', 'grandpa',
]);
const PARTNER = new Set(['partner', 'ptnr', 'husband', 'wife', 'spouse', 'cohabitee', 'fiance', 'fiancee', 'boyfriend', 'girlfriend']);
/** One of the people a tenancy or a claim is held by together: they live at one home. */
const CORESIDENT = new Set(['joint', 'clmt', 'cotenant', 'tenant', 'tenants', 'claimant', 'applicant', 'occupant', 'occupier', 'householder', 'resident']);
const CHILD = new Set(['son', 'daughter', 'child', 'stepson', 'stepdaughter']);
/**
 * Words that make the named person someone outside the family home, whatever else the cell
 * says: "Friend", "Neighbour", "Social worker", "GP", "Foster carer's agency".
 */
const OUTSIDE = new Set([
  'friend', 'neighbour', 'neighbor', 'gp', 'doctor', 'social', 'worker', 'professional', 'solicitor', 'teacher', 'police', 'officer', 'agency', 'landlord', 'employer', 'colleague',
  'nurse', 'keyworker', 'advocate', 'ex', 'former', 'estranged', 'other', 'aunt', 'auntie', 'aunty', 'uncle', 'cousin', 'niece', 'nephew', 'brother', 'sister', 'sibling',
  'inlaw', 'law',
]);
/** Words that say nothing on their own ("next of kin", "step", "civil", "birth", "legal"). */
const FILLER = new Set(['next', 'of', 'kin', 'nok', 'step', 'civil', 'birth', 'legal', 'natural', 'biological', 'adoptive', 'foster', 'main', 'primary', 'the', 'and', 'or', 'a', 'patient', 's', 'name', 'second']);

const FEMALE = new Set(['mother', 'mum', 'mom', 'mam', 'mummy', 'stepmother', 'grandmother', 'nan', 'nana', 'nanna', 'gran', 'granny', 'grandma', 'wife', 'fiancee', 'girlfriend', 'daughter', 'stepdaughter']);
const MALE = new Set(['father', 'dad', 'daddy', 'stepfather', 'grandfather', 'grandad', 'granddad', 'grandpa', 'husband', 'fiance', 'boyfriend', 'son', 'stepson']);

function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(step|grand|in|co)[\s-]+(?=[a-z])/g, '$1')
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/**
 * What a relationship cell says: parent, partner or child (someone a person lives with as one
 * family), other (a friend, a neighbour, a professional, a relative outside the home), or null
 * when the cell holds no relationship word at all ("Fall", "12").
 */
export function relationKind(text: string | null | undefined): RelationKind | null {
  if (!text) return null;
  let kind: RelationKind | null = null;
  let known = false;
  for (const w of wordsOf(text)) {
    if (OUTSIDE.has(w)) return 'other';
    const k: RelationKind | null = PARENT.has(w) ? 'parent' : PARTNER.has(w) ? 'partner' : CHILD.has(w) ? 'child' : null;
    // "Joint tenant", "Tenant 2": co-resident, unless a kinship word says more ("Joint tenant (wife)")
    if (!k && CORESIDENT.has(w)) {
      kind ??= 'coresident';
      known = true;
      continue;
    }
    if (k) {
      if (kind === 'coresident') kind = null;
      if (kind && kind !== k) return 'other';
      kind = k;
      known = true;
    } else if (!FILLER.has(w)) return known ? 'other' : null;
  }
  return kind;
}

/** The named person's sex as the relationship says it: 1 male, 2 female, 0 when it does not (Parent, Partner). */
export function sexOfRelation(text: string | null | undefined): 0 | 1 | 2 {
  if (!text) return 0;
  let sex: 0 | 1 | 2 = 0;
  for (const w of wordsOf(text)) {
    const s = FEMALE.has(w) ? 2 : MALE.has(w) ? 1 : 0;
    if (s && sex && s !== sex) return 0;
    if (s) sex = s;
  }
  return sex;
}

/** Heading words that name a field of a person (their forename, surname, title), not who the person is. */
const NAME_FIELD = new Set(['forename', 'forenames', 'first', 'given', 'christian', 'name', 'names', 'surname', 'surnames', 'last', 'family', 'fname', 'sname', 'lname', 'initial', 'initials', 'middle', 'title', 'full']);

/** Words of a heading (lower case, as `headerKey` makes them) that name a person related to the row's person, not a body ("GP", "School"). */
export const RELATED_PERSON = /\b(parents?|mother s?|mothers|father s?|fathers|carers?|guardians?|kin|nok|contacts?|emergency|partner s?|spouse|husband|wife)\b/;

/** A heading with a number and a run-together word parted from the words beside them: "Contact1Surname" → "Contact 1 Surname". */
export const partHeading = (heading: string): string =>
  heading
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    // lookaheads, so that a digit between two words parts both ("Contact1Relationship")
    .replace(/([A-Za-z])(?=\d)/g, '$1 ')
    .replace(/(\d)(?=[A-Za-z])/g, '$1 ');

/**
 * What the stored relationship says of the second person of a couple across one row whose
 * heading names no relationship ("Person 2 Surname" beside "Person 1 Surname"): one of the
 * people who hold the row's tenancy or claim together, how related unsaid.
 */
export const JOINT = 'Joint';

/**
 * Whom a heading of a name's part names, the field words taken off, as written: "Mother's
 * Forename" → "Mother", "PARENT_SNAME" → "PARENT", "Contact1 Surname" → "Contact 1", "Tenant 2
 * Surname" → "Tenant 2". Null when nothing is left ("Surname").
 */
export function whoseHeading(heading: string): string | null {
  const words = partHeading(heading.replace(/['’]s\b/gi, ''))
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w && !NAME_FIELD.has(w.toLowerCase()));
  return words.length ? words.join(' ').slice(0, 80) : null;
}
