// A title says a person's sex where no column does: benefits and housing extracts often carry
// Mr / Mrs / Miss / Master but no sex, and the family-shape rules (a second mother, a parent of
// the right age) can weigh only people whose sex is known.
const MALE: ReadonlySet<string> = new Set(['MR', 'MASTER', 'SIR', 'LORD']);
const FEMALE: ReadonlySet<string> = new Set(['MRS', 'MS', 'MISS', 'LADY', 'DAME']);

/** 1 for a man's title, 2 for a woman's, 0 for none or one that says neither (Dr, Mx, Rev). */
export function sexOfTitle(title: string | null | undefined): 0 | 1 | 2 {
  if (!title) return 0;
  const t = title.toUpperCase().replace(/[^A-Z]/g, '');
  return MALE.has(t) ? 1 : FEMALE.has(t) ? 2 : 0;
}
