// A family's shape: the ages and sexes of the people in a household, and whether someone fits it
// as a parent, a child or a grandparent, or would be a second mother or a second couple. The
// household rules (place.ts) weigh a surname only together with this. Pure: ages in years (NaN
// unknown) and sexes (1 male, 2 female, 0 unknown) per person index.

/** Under this age a person is a child of the household. */
export const CHILD_AGE = 18;
/** A parent is at least MIN_PARENT_GAP and at most MAX_PARENT_GAP years older than their child. */
export const MIN_PARENT_GAP = 15;
const MAX_PARENT_GAP = 50;
/** Grown-ups within this many years of each other are of one generation. */
const ONE_GENERATION = 15;
/** Partners, and two parents of one set of children, are within this many years of each other. */
const PARTNER_GAP = 20;

/** Whether someone of `adultAge` could be the parent of children of every one of `kidAges`. */
export const parentOf = (adultAge: number, kidAges: readonly number[]): boolean =>
  kidAges.length > 0 && kidAges.every((k) => adultAge - k >= MIN_PARENT_GAP && adultAge - k <= MAX_PARENT_GAP);

export class FamilyShape {
  constructor(
    private readonly age: Float64Array,
    private readonly sex: Uint8Array,
  ) {}

  private kidAges(members: readonly number[]): number[] {
    return members.map((m) => this.age[m]!).filter((a) => a < CHILD_AGE);
  }

  /**
   * Does the family shape fit if f joins u? +1 for each adult of f who could be the parent of u's
   * children where u has no parent of that sex, −2 for one who would be a second parent of the
   * same sex and generation, 0 beside a parent of that sex a generation apart; +1 for each child
   * of f whom an adult of u could have parented; −2 when both hold a couple of one generation.
   */
  score(f: readonly number[], u: readonly number[]): number {
    const { age, sex } = this;
    const uKids = this.kidAges(u);
    let score = 0;
    for (const x of f) {
      const a = age[x]!;
      if (Number.isNaN(a)) continue;
      if (a < CHILD_AGE) {
        if (u.some((y) => age[y]! >= CHILD_AGE && parentOf(age[y]!, [a]))) score += 1;
        continue;
      }
      if (sex[x] === 0 || !parentOf(a, uKids)) continue;
      const parents = u.filter((y) => sex[y] === sex[x] && age[y]! >= CHILD_AGE && parentOf(age[y]!, uKids));
      // a parent of that sex is there already: one of their generation is a rival, one a
      // generation apart (a grandparent of the children) is no sign either way
      if (parents.length === 0) score += 1;
      else if (parents.some((y) => Math.abs(age[y]! - a) < PARTNER_GAP)) score -= 2;
    }
    // Two couples of one generation are two families.
    const fCouple = this.coupleAge(f);
    const uCouple = fCouple === null ? null : this.coupleAge(u);
    if (fCouple !== null && uCouple !== null && Math.abs(fCouple - uCouple) < PARTNER_GAP) score -= 2;
    return score;
  }

  /** Every member's age is known and adult. */
  allAdults(members: readonly number[]): boolean {
    return members.every((m) => this.age[m]! >= CHILD_AGE);
  }

  /** Some member is known to be a child. */
  hasChild(members: readonly number[]): boolean {
    return members.some((m) => this.age[m]! < CHILD_AGE);
  }

  /** Some member of f is within ONE_GENERATION years of some member of u. */
  oneGeneration(f: readonly number[], u: readonly number[]): boolean {
    return f.some((x) => u.some((y) => Math.abs(this.age[x]! - this.age[y]!) <= ONE_GENERATION));
  }

  /**
   * Would grown-ups-only f, fitting u's family shape no better than `shape` (none of them a parent
   * u lacks), bring a second adult of one sex and generation (within PARTNER_GAP years) into u?
   * With only a surname and a postcode in common that is more often a neighbour than a sibling or
   * cousin: leaving such joins out raised household F1 on two independent models of borough data.
   */
  secondOfSex(f: readonly number[], u: readonly number[], shape: number): boolean {
    const { age, sex } = this;
    return (
      shape < 1 &&
      this.allAdults(f) &&
      f.some((x) => sex[x] !== 0 && u.some((y) => sex[y] === sex[x] && age[y]! >= CHILD_AGE && Math.abs(age[x]! - age[y]!) <= PARTNER_GAP))
    );
  }

  /** Mean age of the first man and woman (adults within PARTNER_GAP of each other) among members, else null. */
  private coupleAge(members: readonly number[]): number | null {
    const { age, sex } = this;
    for (const x of members) {
      if (sex[x] !== 1 || !(age[x]! >= CHILD_AGE)) continue;
      for (const y of members) {
        if (sex[y] === 2 && age[y]! >= CHILD_AGE && Math.abs(age[x]! - age[y]!) < PARTNER_GAP) return (age[x]! + age[y]!) / 2;
      }
    }
    return null;
  }
}
