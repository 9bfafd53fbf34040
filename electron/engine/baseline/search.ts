// Person search: a trigram pre-filter in SQLite finds the few hundred people whose keys share
// enough of the query, then fuse.js ranks them. Both stages use the linker's own name knowledge:
// each query word also looks for its nicknames (Bill → William), its transliteration skeleton
// (Mohammed → M*H*M*D, as Muhammad) and its Soundex (Smyth → S530, as Smith), and a long word is
// also looked for by either half, so one typo still finds it. Dates of birth are read in the
// forms people type (12/03/1980, 1980-03-12); postcodes with or without the space.
import Fuse, { type Expression } from 'fuse.js';
import type { SearchHit } from '../../../shared/ipc/channels/baseline.js';
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { transliterationKey } from '../link/names.js';
import { jaroWinkler, soundex, withinOneEdit } from '../link/strings.js';
import type { Db } from '../store/database.js';
import { ageOn, NAME_KEY, nameVariants, type PersonDoc } from './index-build.js';

/** How many people the pre-filter hands to fuse.js. */
const CANDIDATES = 200;
const SEARCH_KEYS = ['doc.names', 'doc.nameKeys', 'doc.dobs', 'doc.postcodes', 'doc.addresses', 'doc.ids', 'personId'] as const;
const STOP_WORDS = new Set(['BORN', 'DOB', 'AND', 'THE', 'OF', 'AT', 'IN', 'ON']);

export interface QueryWord {
  /** the word as the index holds such values (upper case; a date as ISO) */
  text: string;
  /** FTS5 alternatives, each a quoted phrase */
  alternatives: string[];
  isName: boolean;
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** A typed date of birth as ISO, or null. */
function asDate(word: string): string | null {
  if (!/^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(word)) return null;
  return parseDate(word)?.iso ?? null;
}

/** Splits a query into words with their pre-filter alternatives (words under 3 characters are left to ranking). */
export function queryWords(query: string): QueryWord[] {
  const words: QueryWord[] = [];
  for (const raw of query.trim().split(/[\s,;]+/)) {
    if (!raw) continue;
    const date = asDate(raw);
    if (date) {
      words.push({ text: date, alternatives: [quote(date)], isName: false });
      continue;
    }
    const text = raw.toUpperCase().replace(/[^A-Z0-9'-]/g, '');
    if (text.length < 3 || STOP_WORDS.has(text)) continue;
    const alternatives = new Set<string>();
    const letters = /^[A-Z'-]+$/.test(text);
    if (letters) {
      const plain = text.replace(/[^A-Z]/g, '');
      for (const v of nameVariants(plain)) alternatives.add(quote(v));
      if (plain.length >= 3) {
        alternatives.add(quote(`~${transliterationKey(plain)}~`));
        alternatives.add(quote(`#${soundex(plain)}`));
      }
      // one typo leaves one half whole
      if (plain.length >= 6) {
        alternatives.add(quote(plain.slice(0, Math.ceil(plain.length / 2))));
        alternatives.add(quote(plain.slice(Math.floor(plain.length / 2))));
      } else if (plain.length >= 4) {
        alternatives.add(quote(plain.slice(0, 3)));
        alternatives.add(quote(plain.slice(-3)));
      }
    } else alternatives.add(quote(text));
    words.push({ text, alternatives: [...alternatives], isName: letters });
  }
  return words;
}

interface Candidate {
  id: number;
  personId: string;
  householdId: string | null;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  sex: string | null;
  postcode: string | null;
  lsoa: string | null;
  records: number;
  sources: string[];
  doc: PersonDoc & { nameKeys: string[] };
}

export interface SearchResult {
  hits: SearchHit[];
  /** people the pre-filter found before ranking (capped) */
  candidates: number;
  /** which path found them: exact keys, whole names, or names with typos */
  path: 'exact' | 'strict' | 'fuzzy' | 'none';
}

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/gi;

/** A query's exact keys (full postcodes, dates of birth, identifiers and IDs) and the words left for name search. */
export function splitQuery(query: string): { exact: string[]; rest: string } {
  const exact: string[] = [];
  let rest = query.replace(POSTCODE, (_m, out: string, inward: string) => {
    exact.push(`${out}${inward}`.toUpperCase());
    return ' ';
  });
  rest = rest
    .split(/[\s,;]+/)
    .filter((raw) => {
      if (!raw) return false;
      const date = asDate(raw);
      if (date) {
        exact.push(date);
        return false;
      }
      const text = raw.toUpperCase().replace(/[^A-Z0-9'-]/g, '');
      // identifiers and IDs hold digits and are long enough not to be part of a name or a house number
      if (/\d/.test(text) && text.length >= 5) {
        exact.push(text);
        return false;
      }
      return true;
    })
    .join(' ');
  return { exact, rest };
}

const CANDIDATE_COLUMNS = `p.id, p.person_id AS personId, p.household_id AS householdId, p.forename, p.surname, p.dob, p.sex, p.postcode, p.lsoa,
  p.records, p.sources_json AS sources, d.doc_json AS doc`;
type CandidateRow = Omit<Candidate, 'sources' | 'doc'> & { sources: string; doc: string };

function loadCandidates(db: Db, ids: readonly number[]): CandidateRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM baseline_person p JOIN baseline_person_doc d ON d.id = p.id WHERE p.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as CandidateRow[];
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** People holding every exact key (each an index lookup), in ID order, at most `cap`. */
function exactMatches(db: Db, keys: readonly string[], cap: number): number[] {
  const lookup = db.prepare('SELECT id FROM baseline_person_key WHERE key = ? LIMIT 5000').pluck();
  let ids: Set<number> | null = null;
  for (const k of keys) {
    const found = lookup.all(k) as number[];
    ids = ids === null ? new Set(found) : new Set(found.filter((id) => ids!.has(id)));
    if (ids.size === 0) return [];
  }
  return ids === null ? [] : [...ids].sort((a, b) => a - b).slice(0, cap);
}

function ftsMatches(db: Db, match: string, cap: number): number[] {
  // no ORDER BY rank: scoring every match is what made common trigrams slow; fuse.js ranks instead
  return db.prepare('SELECT rowid FROM baseline_person_fts WHERE baseline_person_fts MATCH ? LIMIT ?').pluck().all(match, cap) as number[];
}

/** The whole word and its nicknames (Bill also finds William). */
function strictAlternatives(w: QueryWord): string[] {
  return w.isName ? nameVariants(w.text.replace(/[^A-Z]/g, '')).map(quote) : [quote(w.text)];
}

/** Person IDs holding any of `names` as a name word (capped: a very common name is narrowed by the other words). */
function nameIds(db: Db, names: readonly string[]): Set<number> {
  const lookup = db.prepare('SELECT id FROM baseline_person_key WHERE key = ? LIMIT 20000').pluck();
  const ids = new Set<number>();
  for (const n of names) for (const id of lookup.all(`${NAME_KEY}${n}`) as number[]) ids.add(id);
  return ids;
}

/** Close enough to be a typo of one another, by the linker's comparisons. */
function nearName(a: string, b: string): boolean {
  return a === b || withinOneEdit(a, b) || jaroWinkler(a, b) >= 0.88 || (a.length >= 3 && b.length >= 3 && (soundex(a) === soundex(b) || transliterationKey(a) === transliterationKey(b)));
}

/**
 * People found by name keys: every name word held whole (or as a nickname) narrows by an index
 * lookup; the words nobody holds whole (typos) are compared with the names of the people left.
 * Empty when no word is held whole, or nobody is left: the trigram search then takes over.
 */
function byNames(db: Db, words: readonly QueryWord[], version: string): number[] {
  let base: Set<number> | null = null;
  const loose: string[] = [];
  for (const w of words) {
    const plain = w.text.replace(/[^A-Z]/g, '');
    const ids = w.isName ? nameIds(db, nameVariants(plain)) : new Set<number>();
    if (ids.size === 0) {
      loose.push(plain || w.text);
      continue;
    }
    base = base === null ? ids : new Set([...ids].filter((id) => base!.has(id)));
    if (base.size === 0) return [];
  }
  if (base === null) return [];
  // a word nobody holds whole stands for the names near it (the store's few thousand distinct
  // names, compared in memory), each then an index lookup
  for (const l of loose) {
    const near = distinctNames(db, version).filter((n) => Math.abs(n.length - l.length) <= 3 && nearName(l, n));
    const ids = nameIds(db, near);
    base = new Set([...base].filter((id) => ids.has(id)));
    if (base.size === 0) return [];
  }
  return [...base].sort((a, b) => a - b);
}

const namesCache = new WeakMap<Db, { version: string; names: string[] }>();

/** Every distinct name word of the baseline, read once per baseline version. */
function distinctNames(db: Db, version: string): string[] {
  const hit = namesCache.get(db);
  if (hit && hit.version === version) return hit.names;
  const names = (db.prepare("SELECT DISTINCT key FROM baseline_person_key WHERE key >= ? AND key < ?").pluck().all(NAME_KEY, `${NAME_KEY.slice(0, -1)};`) as string[]).map((k) => k.slice(NAME_KEY.length));
  namesCache.set(db, { version, names });
  return names;
}

export function searchPeople(db: Db, query: string, limit: number, asOf: string, version = ''): SearchResult {
  const { exact, rest } = splitQuery(query);
  const words = queryWords(rest);
  let rows: CandidateRow[] = [];
  let path: SearchResult['path'] = 'none';
  // 1. exact keys: an index lookup each; names typed with them only rank the few people found
  if (exact.length > 0) {
    rows = loadCandidates(db, exactMatches(db, exact, CANDIDATES));
    if (rows.length > 0) path = 'exact';
  }
  // 2. whole names (and nicknames) by the name keys; a misspelt word is then judged against the
  //    few people the other words found, by the linker's own string comparisons
  if (rows.length === 0 && exact.length === 0 && words.some((w) => w.isName)) {
    const found = byNames(db, words, version);
    if (found.length > 0) {
      // every one holds the names (or near ones): ranking needs only a few more than are shown
      rows = loadCandidates(db, found.slice(0, Math.min(CANDIDATES, limit * 2)));
      path = 'strict';
    }
  }
  if (rows.length === 0) {
    // an exact key that found nobody (part of an identifier, a date in another form) is searched as text
    const all = exact.length > 0 ? queryWords(query) : words;
    if (all.length === 0) return { hits: [], candidates: 0, path: 'none' };
    // 3. whole words and their nicknames, by trigrams
    const strict = ftsMatches(db, all.map((w) => `(${strictAlternatives(w).join(' OR ')})`).join(' AND '), CANDIDATES);
    let ids = strict;
    path = strict.length > 0 ? 'strict' : 'none';
    // 4. typos: only the words nobody holds whole are widened (sound, skeleton, halves)
    if (strict.length < limit) {
      const holds = all.map((w) => ftsMatches(db, strictAlternatives(w).join(' OR '), 1).length > 0);
      if (holds.some((h) => !h) || strict.length === 0) {
        const match = all.map((w, i) => `(${(holds[i] ? strictAlternatives(w) : w.alternatives).join(' OR ')})`).join(' AND ');
        const seen = new Set(strict);
        const wider = ftsMatches(db, match, CANDIDATES).filter((id) => !seen.has(id));
        if (wider.length > 0) path = 'fuzzy';
        ids = [...strict, ...wider].slice(0, CANDIDATES);
      }
    }
    rows = loadCandidates(db, ids);
    if (rows.length === 0) return { hits: [], candidates: 0, path: 'none' };
    return rank(rows, all, limit, asOf, path);
  }
  return rank(rows, words, limit, asOf, path);
}

function rank(rows: CandidateRow[], words: QueryWord[], limit: number, asOf: string, path: SearchResult['path']): SearchResult {
  const candidates: Candidate[] = rows.map((r) => {
    const doc = JSON.parse(r.doc) as PersonDoc;
    // the ranking meets the same name knowledge: each name also stands as its nicknames
    const nameKeys = [...new Set(doc.names.flatMap((n) => nameVariants(n.replace(/[^A-Z]/g, ''))))];
    return { ...r, sources: JSON.parse(r.sources) as string[], doc: { ...doc, nameKeys } };
  });
  const hit = (c: Candidate, score: number): SearchHit => ({
    personId: c.personId,
    forename: c.forename,
    surname: c.surname,
    dob: c.dob,
    age: ageOn(c.dob, asOf),
    sex: c.sex,
    householdId: c.householdId,
    postcode: c.postcode,
    lsoa: c.lsoa,
    records: c.records,
    sources: c.sources,
    score: Math.round((1 - score) * 1000) / 1000,
  });
  // found by exact keys alone: every one matches exactly
  if (words.length === 0) return { hits: candidates.slice(0, limit).map((c) => hit(c, 0)), candidates: candidates.length, path };
  const fuse = new Fuse(candidates, {
    keys: [
      { name: 'doc.names', weight: 3 },
      { name: 'doc.nameKeys', weight: 2 },
      { name: 'doc.dobs', weight: 2 },
      { name: 'doc.postcodes', weight: 2 },
      { name: 'doc.addresses', weight: 1 },
      { name: 'doc.ids', weight: 2 },
      { name: 'personId', weight: 1 },
    ],
    includeScore: true,
    threshold: 0.45,
    ignoreLocation: true,
    useExtendedSearch: false,
  });
  const expression: Expression = {
    $and: words.map((w) => ({
      $or: SEARCH_KEYS.map((key): Expression => ({ [key]: w.text })),
    })),
  };
  const ranked = fuse.search(expression, { limit });
  // a person the pre-filter found on sound or skeleton alone may be missed by fuzzy ranking: keep them after
  const seen = new Set(ranked.map((r) => r.item.id));
  const rest = candidates.filter((c) => !seen.has(c.id)).slice(0, Math.max(0, limit - ranked.length));
  return { hits: [...ranked.map((r) => hit(r.item, r.score ?? 0)), ...rest.map((c) => hit(c, 0.99))], candidates: candidates.length, path };
}
