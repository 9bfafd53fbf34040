// The outcomes frame and events kept in the store (table outcome_frame, migration 0270) so the
// first question after opening reads a few typed arrays instead of every record and event: what a
// question spends most of its time on is turning 284k records and 392k events into JavaScript
// values, not counting them. Each part carries a stamp (the Run, the newest geography import,
// event, source and record it was made from) and a token; a part whose stamp is not the store's is
// stale and never read. Changes that add no rows (erasure, purge, remap, a partner renamed) clear
// the table through the migration's triggers. The events part holds every kind of event an
// indicator may count, so an indicator added later needs no rewrite.
import { randomBytes } from 'node:crypto';
import { EVENT_KINDS } from '../../../shared/domain/record-fields.js';
import type { Db } from '../store/database.js';
import type { EventRow, LoadedEvents, SourceWindow } from './compute.js';
import type { Frame } from './frame.js';

/** Bumped when what a part holds changes shape, so a store written by an older version rebuilds. */
const FORMAT = 1;

export interface Stamps {
  frame: string;
  events: string;
}

/** What the frame and the events would be made from now (primary-key look-ups only). */
export function currentStamps(db: Db): Stamps {
  const ids = db
    .prepare('SELECT (SELECT max(id) FROM link_run) AS run, (SELECT max(id) FROM geo_import) AS geo, (SELECT max(id) FROM record) AS record, (SELECT max(id) FROM event) AS event, (SELECT max(id) FROM source) AS source')
    .get() as Record<'run' | 'geo' | 'record' | 'event' | 'source', number | null>;
  // Records imported after the Run are in nobody's household, so they do not change the frame;
  // their events do change the events part (counted as not yet linked).
  const frame = `f${FORMAT}|run ${ids.run}|geo ${ids.geo}`;
  return { frame, events: `e${FORMAT}|${frame}|event ${ids.event}|source ${ids.source}|record ${ids.record}` };
}

export interface StoredPart {
  stamp: string;
  token: string;
  /** The events part: the token of the frame its person numbers belong to. */
  basedOn: string;
}

/** The stamps and tokens of the parts held now (no BLOB is read). */
export function storedParts(db: Db): { frame: StoredPart | null; events: StoredPart | null } {
  const out: { frame: StoredPart | null; events: StoredPart | null } = { frame: null, events: null };
  for (const [part, value] of db.prepare("SELECT part, stamp FROM outcome_frame WHERE name = 'meta'").raw(true).all() as Array<[string, string]>) {
    const [stamp = '', token = '', basedOn = ''] = value.split('@');
    if (part === 'frame' || part === 'events') out[part] = { stamp, token, basedOn };
  }
  return out;
}

/** Which parts can be read: fresh stamps, and events numbered by the frame held. */
export function freshParts(stamps: Stamps, held: ReturnType<typeof storedParts>): { frame: boolean; events: boolean } {
  const frame = held.frame !== null && held.frame.stamp === stamps.frame;
  return { frame, events: frame && held.events !== null && held.events.stamp === stamps.events && held.events.basedOn === held.frame?.token };
}

type Column = Int32Array | Uint8Array | Float64Array;

const bytes = (a: Column): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A BLOB as a typed array (copied when SQLite's buffer is not aligned for it). */
function column<T extends Column>(data: Buffer | undefined, Kind: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }, name: string): T {
  if (!data) throw new Error(`outcome_frame lacks ${name}`);
  const size = Kind.BYTES_PER_ELEMENT;
  if (data.byteOffset % size === 0) return new Kind(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength / size);
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return new Kind(copy.buffer, 0, data.byteLength / size);
}

function readPart(db: Db, part: 'frame' | 'events'): Map<string, Buffer> {
  return new Map(db.prepare('SELECT name, data FROM outcome_frame WHERE part = ?').raw(true).all(part) as Array<[string, Buffer]>);
}

const metaOf = <T>(cols: Map<string, Buffer>): T => JSON.parse((cols.get('meta') as Buffer).toString('utf8')) as T;

interface FrameMeta {
  run: number;
  vintage: Frame['vintage'];
  lsoaCodes: string[];
  persons: number;
  unplacedHouseholds: number;
}

const FRAME_COLUMNS = ['personOfRecord', 'householdOf', 'dob', 'historyStart', 'historyDate', 'historyLsoa'] as const;

export function readFrame(db: Db): Frame {
  const cols = readPart(db, 'frame');
  const meta = metaOf<FrameMeta>(cols);
  const int = (name: (typeof FRAME_COLUMNS)[number]): Int32Array => column(cols.get(name), Int32Array, name);
  return {
    run: meta.run,
    vintage: meta.vintage,
    lsoaCodes: meta.lsoaCodes,
    lsoaIndex: new Map(meta.lsoaCodes.map((c, i) => [c, i])),
    persons: meta.persons,
    personOfRecord: int('personOfRecord'),
    householdOf: int('householdOf'),
    dob: int('dob'),
    historyStart: int('historyStart'),
    historyDate: int('historyDate'),
    historyLsoa: int('historyLsoa'),
    unplacedHouseholds: meta.unplacedHouseholds,
    placedOn: new Map(),
    denominatorsOn: new Map(),
  };
}

function frameColumns(frame: Frame): Array<[string, Buffer]> {
  const meta: FrameMeta = { run: frame.run, vintage: frame.vintage, lsoaCodes: frame.lsoaCodes, persons: frame.persons, unplacedHouseholds: frame.unplacedHouseholds };
  return [['meta', Buffer.from(JSON.stringify(meta))], ...FRAME_COLUMNS.map((name): [string, Buffer] => [name, bytes(frame[name])])];
}

interface EventsMeta {
  kinds: string[];
  categories: string[];
  dates: string[];
  windows: SourceWindow[];
  unlinked: Array<[string, number]>;
  rows: number;
}

/** An event value that is not a number or absent cannot be kept as a number: such events are not kept (the question reads them live). */
class NotKept extends Error {}

const number = (v: unknown): number => {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v !== 'number' || Number.isNaN(v)) throw new NotKept();
  return v;
};
const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

function eventColumns(events: LoadedEvents): Array<[string, Buffer]> {
  const kinds: string[] = [];
  const kindCode = new Map<string, number>();
  const dictionary = (): { list: string[]; code: (s: string | null) => number } => {
    const list: string[] = [];
    const codes = new Map<string, number>();
    return {
      list,
      code: (s) => {
        if (s === null) return -1;
        if (typeof s !== 'string') throw new NotKept();
        let c = codes.get(s);
        if (c === undefined) {
          c = list.length;
          list.push(s);
          codes.set(s, c);
        }
        return c;
      },
    };
  };
  const categories = dictionary();
  const dates = dictionary();
  const n = events.rows.length;
  const person = new Int32Array(n);
  const kind = new Uint8Array(n);
  const category = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const value = new Float64Array(n);
  const detail = new Float64Array(n * 3);
  let detailed = 0;
  events.rows.forEach((e, i) => {
    let k = kindCode.get(e.kind);
    if (k === undefined) {
      k = kinds.length;
      kinds.push(e.kind);
      kindCode.set(e.kind, k);
    }
    person[i] = e.person;
    kind[i] = k;
    category[i] = categories.code(e.category);
    start[i] = dates.code(e.start);
    end[i] = dates.code(e.end);
    value[i] = number(e.value);
    // Only attendance carries sessions; the three figures are kept for those rows alone, in order.
    if (e.kind === 'attendance') {
      detail[detailed * 3] = number(e.possible);
      detail[detailed * 3 + 1] = number(e.unauthorised);
      detail[detailed * 3 + 2] = number(e.authorised);
      detailed++;
    } else if (e.possible !== null || e.unauthorised !== null || e.authorised !== null) throw new NotKept();
  });
  if (kinds.length > 255) throw new NotKept();
  const meta: EventsMeta = { kinds, categories: categories.list, dates: dates.list, windows: events.windows, unlinked: [...events.unlinked], rows: n };
  return [
    ['meta', Buffer.from(JSON.stringify(meta))],
    ['person', bytes(person)],
    ['kind', bytes(kind)],
    ['category', bytes(category)],
    ['start', bytes(start)],
    ['end', bytes(end)],
    ['value', bytes(value)],
    ['detail', bytes(detail.subarray(0, detailed * 3))],
  ];
}

/** The events part as loadEvents gives them, for every kind held. */
export function readEvents(db: Db): LoadedEvents {
  const cols = readPart(db, 'events');
  const meta = metaOf<EventsMeta>(cols);
  const person = column(cols.get('person'), Int32Array, 'person');
  const kind = column(cols.get('kind'), Uint8Array, 'kind');
  const category = column(cols.get('category'), Int32Array, 'category');
  const start = column(cols.get('start'), Int32Array, 'start');
  const end = column(cols.get('end'), Int32Array, 'end');
  const value = column(cols.get('value'), Float64Array, 'value');
  const detail = column(cols.get('detail'), Float64Array, 'detail');
  const { kinds, categories, dates } = meta;
  const rows: EventRow[] = new Array(meta.rows);
  let d = 0;
  for (let i = 0; i < meta.rows; i++) {
    const k = kinds[kind[i] as number] as string;
    const c = category[i] as number;
    const s = start[i] as number;
    const t = end[i] as number;
    const attendance = k === 'attendance';
    rows[i] = {
      person: person[i] as number,
      kind: k,
      category: c < 0 ? null : (categories[c] as string),
      start: s < 0 ? null : (dates[s] as string),
      end: t < 0 ? null : (dates[t] as string),
      value: orNull(value[i] as number),
      possible: attendance ? orNull(detail[d * 3] as number) : null,
      unauthorised: attendance ? orNull(detail[d * 3 + 1] as number) : null,
      authorised: attendance ? orNull(detail[d * 3 + 2] as number) : null,
    };
    if (attendance) d++;
  }
  return { rows, windows: meta.windows, unlinked: new Map(meta.unlinked) };
}

/** The events of some kinds only, as loadEvents would have read them for those kinds. */
export function eventsOfKinds(all: LoadedEvents, kinds: readonly string[]): LoadedEvents {
  const wanted = new Set(kinds);
  if (EVENT_KINDS.every((k) => wanted.has(k))) return all;
  return {
    rows: all.rows.filter((e) => wanted.has(e.kind)),
    windows: all.windows.filter((w) => wanted.has(w.kind)),
    unlinked: new Map([...all.unlinked].filter(([k]) => wanted.has(k))),
  };
}

/**
 * Writes the stale parts on `writer` in one transaction, if the store is still as `stamps` say
 * (nothing committed since they were read). Returns false when nothing could be kept: the
 * writer is inside someone else's transaction, the store moved on, or an event figure is not a
 * number. Keeping is an optimisation: a question never fails for it.
 */
export function keepParts(writer: Db, stamps: Stamps, parts: { frame?: Frame; events?: LoadedEvents; frameToken?: string }): boolean {
  if (writer.inTransaction || writer.readonly) return false;
  let rows: Array<[string, string, Buffer]>;
  const frameToken = parts.frame ? randomBytes(6).toString('hex') : (parts.frameToken ?? '');
  try {
    rows = [
      ...(parts.frame ? frameColumns(parts.frame).map(([n, b]): [string, string, Buffer] => ['frame', n, b]) : []),
      ...(parts.events ? eventColumns(parts.events).map(([n, b]): [string, string, Buffer] => ['events', n, b]) : []),
    ];
  } catch (error) {
    if (error instanceof NotKept) return false;
    throw error;
  }
  const eventsToken = randomBytes(6).toString('hex');
  return writer.transaction(() => {
    const now = currentStamps(writer);
    if (now.frame !== stamps.frame || now.events !== stamps.events) return false;
    const insert = writer.prepare('INSERT INTO outcome_frame(part, name, stamp, data) VALUES (?, ?, ?, ?)');
    const clear = writer.prepare('DELETE FROM outcome_frame WHERE part = ?');
    if (parts.frame) {
      clear.run('frame');
      // A new frame numbers persons afresh: events kept for the old one are no longer readable.
      if (!parts.events) clear.run('events');
    }
    if (parts.events) clear.run('events');
    for (const [part, name, data] of rows) {
      const stamp = part === 'frame' ? `${stamps.frame}@${frameToken}@` : `${stamps.events}@${eventsToken}@${frameToken}`;
      insert.run(part, name, name === 'meta' ? stamp : '', data);
    }
    return true;
  })();
}
