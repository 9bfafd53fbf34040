// String similarity and phonetic codes used by comparisons and blocking. Pure, allocation-light:
// the hot paths (Jaro–Winkler, Damerau–Levenshtein ≤ 1) reuse module-level scratch buffers.

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro similarity in [0,1]; 1 for equal strings, 0 when either is empty. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length) flagsA = new Uint8Array(la * 2);
  if (lb > flagsB.length) flagsB = new Uint8Array(lb * 2);
  const fa = flagsA;
  const fb = flagsB;
  fa.fill(0, 0, la);
  fb.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (fb[j] === 0 && b.charCodeAt(j) === c) {
        fa[i] = 1;
        fb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < la; i++) {
    if (fa[i] === 0) continue;
    while (fb[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const t = transpositions / 2;
  return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

/** Jaro–Winkler with the usual prefix scale 0.1 over at most 4 leading characters. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 0 || j === 1) return j;
  const max = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * Cheap upper bound on Jaro–Winkler from lengths alone: Jaro ≤ (m/|a| + m/|b| + 1)/3 with
 * m ≤ min(|a|,|b|), and the Winkler boost ≤ 0.4·(1 − Jaro). Lets callers skip hopeless pairs.
 */
export function jaroWinklerUpperBound(la: number, lb: number): number {
  if (la === 0 || lb === 0) return 0;
  const m = Math.min(la, lb);
  const j = (m / la + m / lb + 1) / 3;
  return j + 0.4 * (1 - j);
}

/** a[x..] equals b[y..] (callers make the lengths agree). */
function tailEqual(a: string, x: number, b: string, y: number): boolean {
  if (a.length - x !== b.length - y) return false;
  for (; x < a.length; x++, y++) if (a.charCodeAt(x) !== b.charCodeAt(y)) return false;
  return true;
}

/** True when the Damerau–Levenshtein (optimal string alignment) distance is at most 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // one substitution, or one adjacent transposition
    if (tailEqual(a, i + 1, b, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && tailEqual(a, i + 2, b, i + 2);
  }
  // one insertion or deletion
  return la > lb ? tailEqual(a, i + 1, b, i) : tailEqual(a, i, b, i + 1);
}

const SOUNDEX_CODES: Record<string, string> = {
  B: '1', F: '1', P: '1', V: '1',
  C: '2', G: '2', J: '2', K: '2', Q: '2', S: '2', X: '2', Z: '2',
  D: '3', T: '3',
  L: '4',
  M: '5', N: '5',
  R: '6',
};

/** American Soundex of an upper-case A–Z word ("" for no letters): R163 for ROBERT and RUPERT. */
export function soundex(word: string): string {
  let first = '';
  let out = '';
  let last = '';
  for (let i = 0; i < word.length && out.length < 3; i++) {
    const ch = word[i] as string;
    if (ch < 'A' || ch > 'Z') continue;
    const code = SOUNDEX_CODES[ch] ?? '';
    if (!first) {
      first = ch;
      last = code;
      continue;
    }
    if (code && code !== last) out += code;
    // H and W do not separate equal codes; vowels do
    if (ch !== 'H' && ch !== 'W') last = code;
  }
  return first ? (first + out).padEnd(4, '0') : '';
}
