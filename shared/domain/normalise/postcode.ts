import { cleanCell } from './text.js';

// UK postcode rules (Royal Mail / GDS): outward A9, A99, AA9, AA99, A9A or AA9A; inward 9AA.
// First letter never Q V X; second never I J Z; a third-position letter (A9A) only
// A–H J K P S T U W; a fourth-position letter (AA9A) only A B E H M N P R V W X Y; the inward
// letters never C I K M O V. GIR 0AA is the one exception. BFPO and the overseas territories'
// postcodes are out of scope here.
const OUTWARD = /^(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])$/;
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;

export interface PostcodeParts {
  /** "S60 1AB" */
  postcode: string;
  /** "S60" */
  outward: string;
  /** "1AB" */
  inward: string;
  /** letters of the outward code: "S" */
  area: string;
  /** the outward code: "S60" (postcode district) */
  district: string;
  /** outward + the inward digit: "S60 1" */
  sector: string;
}

export interface ParsedPostcode extends PostcodeParts {
  /** Letters and digits were swapped back (O↔0, I↔1) to make it valid. */
  repaired: boolean;
  /**
   * Follows every position rule. False for a postcode of the right shape with a letter Royal
   * Mail never uses there ("S61 2CD": no inward C): kept, since test and legacy data use them,
   * but flagged.
   */
  valid: boolean;
}

const SHAPE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

function parts(outward: string, inward: string): PostcodeParts {
  let a = 0;
  while (a < outward.length && outward.charCodeAt(a) >= 65) a++;
  return { postcode: `${outward} ${inward}`, outward, inward, area: outward.slice(0, a), district: outward, sector: `${outward} ${inward.charAt(0)}` };
}

function split(compact: string): PostcodeParts | null {
  if (compact === 'GIR0AA') return { postcode: 'GIR 0AA', outward: 'GIR', inward: '0AA', area: 'GIR', district: 'GIR', sector: 'GIR 0' };
  if (compact.length < 5 || compact.length > 7) return null;
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  if (!OUTWARD.test(outward) || !INWARD.test(inward)) return null;
  return parts(outward, inward);
}

const SWAPS: Record<string, string> = { O: '0', '0': 'O', I: '1', '1': 'I', L: '1' };

/**
 * Puts keying slips right (O↔0, I↔1, L→1): tries the swaps that make the code valid and keeps
 * the one needing fewest changes, or none when two different repairs would be equally good.
 */
function repair(compact: string): PostcodeParts | null {
  if (compact.length < 5 || compact.length > 7) return null;
  const positions: number[] = [];
  for (let i = 0; i < compact.length; i++) if (SWAPS[compact[i] ?? ''] !== undefined) positions.push(i);
  if (positions.length === 0 || positions.length > 6) return null;
  let best: PostcodeParts | null = null;
  let bestChanges = Infinity;
  let tie = false;
  for (let mask = 1; mask < 1 << positions.length; mask++) {
    const chars = compact.split('');
    let changes = 0;
    positions.forEach((p, bit) => {
      if (mask & (1 << bit)) {
        chars[p] = SWAPS[chars[p] ?? ''] ?? '';
        changes++;
      }
    });
    const parts = split(chars.join(''));
    if (!parts) continue;
    if (changes < bestChanges) {
      best = parts;
      bestChanges = changes;
      tie = false;
    } else if (changes === bestChanges && parts.postcode !== best?.postcode) tie = true;
  }
  return tie ? null : best;
}

/** A postcode with its parts, repaired where a slip is certain; null when not a UK postcode. */
export function parsePostcode(value: string | null | undefined): ParsedPostcode | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const compact = COMPACT.test(cleaned) ? cleaned : cleaned.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const direct = split(compact);
  if (direct) return withFlags(direct, false, true);
  const repaired = repair(compact);
  if (repaired) return withFlags(repaired, true, true);
  const shaped = SHAPE.exec(compact);
  return shaped ? withFlags(parts(shaped[1] ?? '', shaped[2] ?? ''), false, false) : null;
}

const COMPACT = /^[A-Z0-9]+$/;

function withFlags(p: PostcodeParts, repaired: boolean, valid: boolean): ParsedPostcode {
  const out = p as ParsedPostcode;
  out.repaired = repaired;
  out.valid = valid;
  return out;
}

/**
 * Normalises to "S60 1AB" form (repairing O/0 and I/1 slips), or null when the value is not
 * shaped like a UK postcode. See `parsePostcode` for whether it follows every rule.
 */
export function normalisePostcode(value: string | null | undefined): string | null {
  return parsePostcode(value)?.postcode ?? null;
}

export function looksLikePostcode(value: string): boolean {
  return normalisePostcode(value) !== null;
}

/** Outward code, district, sector and area of a postcode (normalised first). */
export function postcodeParts(value: string | null | undefined): PostcodeParts | null {
  const p = parsePostcode(value);
  return p ? { postcode: p.postcode, outward: p.outward, inward: p.inward, area: p.area, district: p.district, sector: p.sector } : null;
}

/** Finds the last UK postcode written inside free text ("1 High St, Rotherham S60 1AB"). */
export function findPostcode(text: string): { postcode: string; start: number; end: number } | null {
  const re = /\b([A-Z]{1,2}[0-9OIL][0-9A-Z]?) ?([0-9OIL][A-Z]{2})\b/gi;
  let found: { postcode: string; start: number; end: number } | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // a slip is repaired only around a real digit: "CLOSE" is a word, not "C1 0SE"
    if (!/[0-9]/.test(m[0])) continue;
    const pc = normalisePostcode(`${m[1] ?? ''}${m[2] ?? ''}`);
    if (pc) found = { postcode: pc, start: m.index, end: m.index + m[0].length };
  }
  return found;
}
