// A forename says a person's sex where no column or title does, as the records themselves teach
// it: the police and youth-justice extracts often carry no sex, and the family-shape rules (a
// second mother, a parent of the right age) can weigh only people whose sex is known. No list of
// names: each forename's sex is counted from the people in the same extracts who have one, so an
// unseen borough's names decide for themselves.

/** A forename says a sex once this many people with it have one recorded ... */
const MIN_PEOPLE = 5;
/** ... and at least this share of them have the same one (Sam, Alex, Jo stay unknown). */
const MIN_SHARE = 0.9;

const keyOf = (forename: string): string => forename.toUpperCase().replace(/[^A-Z]/g, '');

/**
 * Fills `sex` (1 male, 2 female, 0 unknown; per person) in place for people whose sex is unknown,
 * from their forename (`forenames[p]`, the first one recorded), where the people with that
 * forename and a recorded sex are nearly all of one sex.
 */
export function fillSexFromForenames(forenames: ReadonlyArray<string | undefined>, sex: Uint8Array): void {
  const tally = new Map<string, [number, number]>();
  for (let p = 0; p < sex.length; p++) {
    const s = sex[p]!;
    const name = forenames[p];
    if (s === 0 || !name) continue;
    const key = keyOf(name);
    if (!key) continue;
    let t = tally.get(key);
    if (!t) tally.set(key, (t = [0, 0]));
    t[s - 1]!++;
  }
  for (let p = 0; p < sex.length; p++) {
    const name = forenames[p];
    if (sex[p] !== 0 || !name) continue;
    const t = tally.get(keyOf(name));
    if (!t) continue;
    const people = t[0] + t[1];
    if (people < MIN_PEOPLE) continue;
    if (t[0] >= MIN_SHARE * people) sex[p] = 1;
    else if (t[1] >= MIN_SHARE * people) sex[p] = 2;
  }
}
