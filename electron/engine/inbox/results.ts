// What came of one submission, sealed to the submitting organisation's partners: its status and
// counts per sheet, and its quarantined rows with their reasons and the cells as the partner sent
// them (their own rows). Written when an analyst's session takes the submission in; opened only
// with a partner's reply key (partner-keys.ts), so a copy of the inbox shows a partner their own
// results and nobody else's.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { quarantinePage, sourceSheets } from '../queries/records.js';
import type { Db } from '../store/database.js';
import type { KeyFile, KeySlot } from '../store/keyslots.js';
import { certifiedRecipients, replyKeyPair } from './partner-keys.js';
import { open, seal, type Sealed } from './sealed-box.js';

const FORMAT = 'baseline-workbench-submission-results';
/** A partner's quarantine list stops here (the counts still say how many rows there were). */
export const MAX_LISTED_QUARANTINE = 20_000;

export interface SubmissionResults {
  submission: string;
  status: 'taken-in' | 'refused';
  at: string;
  reason: string | null;
  sourceId: number | null;
  skipped: boolean;
  records: number;
  quarantined: number;
  sheets: Array<{ sheet: string; headers: string[]; records: number; quarantined: number }>;
  /** The quarantined rows (at most MAX_LISTED_QUARANTINE), in sheet and row order. */
  quarantine: Array<{ sheet: string; rowNumber: number; reason: string; cells: Array<string | null> }>;
}

interface ResultsFile {
  format: typeof FORMAT;
  version: 1;
  submission: string;
  partner: string;
  /** Per recipient slot id: the results sealed to that partner's public key. */
  sealed: Record<string, Sealed>;
}

export const resultsPath = (inbox: string, id: string): string => join(inbox, `${id}.results.json`);

const aad = (storeId: string, submission: string, slotId: string): Buffer => Buffer.from(JSON.stringify(['results', storeId, submission, slotId]));

/** A taken-in source's sheets and quarantined rows, read from the main store (an analyst's session). */
export function sourceResults(db: Db, sourceId: number): Pick<SubmissionResults, 'sheets' | 'quarantine'> {
  const counts = db
    .prepare("SELECT sheet_ordinal AS o, count(*) FILTER (WHERE status = 'record') AS records, count(*) FILTER (WHERE status = 'quarantine') AS quarantined FROM raw_row WHERE source_id = ? GROUP BY sheet_ordinal")
    .all(sourceId) as Array<{ o: number; records: number; quarantined: number }>;
  const sheets = sourceSheets(db, sourceId).map((s) => {
    const c = counts.find((x) => x.o === s.ordinal);
    return { sheet: s.sheet, headers: s.headers, records: c?.records ?? 0, quarantined: c?.quarantined ?? 0 };
  });
  const quarantine: SubmissionResults['quarantine'] = [];
  // quarantinePage reads at most 1,000 rows at a time.
  for (let start = 0; start < MAX_LISTED_QUARANTINE; start += 1000) {
    const page = quarantinePage(db, sourceId, start, start + 1000);
    for (const r of page.rows) quarantine.push({ sheet: r.sheet, rowNumber: r.rowNumber, reason: r.reason, cells: r.cells });
    if (page.rows.length < 1000) break;
  }
  return { sheets, quarantine };
}

/**
 * Seals `results` to every certified partner of the submitting organisation; returns how many
 * partners it was sealed to (0: none of them has a key pair yet — added before partners had one).
 */
export function writeResults(inbox: string, keyFile: KeyFile, auditKey: Buffer, partner: string, results: SubmissionResults): number {
  const recipients = certifiedRecipients(keyFile, auditKey, partner);
  const plain = Buffer.from(JSON.stringify(results));
  const sealed = Object.fromEntries(recipients.map((r) => [r.id, seal(plain, r.publicKey, aad(keyFile.storeId, results.submission, r.id))]));
  plain.fill(0);
  const file: ResultsFile = { format: FORMAT, version: 1, submission: results.submission, partner, sealed };
  writeFileSync(resultsPath(inbox, results.submission), JSON.stringify(file), { mode: 0o600 });
  return recipients.length;
}

/**
 * Opens a submission's results with the partner's reply key. `not-found` when there are none for
 * this partner: not taken in yet, another organisation's, or sealed before they had a key pair.
 */
export function readResults(inbox: string, keyFile: KeyFile, slot: KeySlot, reply: Buffer, submission: string): SubmissionResults {
  const path = resultsPath(inbox, submission);
  const none = (why: string): WorkbenchError => new WorkbenchError('not-found', `There are no results of submission ${submission} for ${slot.user}: ${why}.`);
  if (!existsSync(path)) throw none('it has not been taken in yet, or it is not one of your organisation’s');
  let file: ResultsFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  } catch {
    throw none('its results file is damaged');
  }
  const box = file.format === FORMAT && file.submission === submission ? file.sealed?.[slot.id] : undefined;
  if (!box) throw none('they were not sealed to you (another organisation’s submission, or taken in before you had a key pair of your own)');
  const pair = replyKeyPair(reply);
  try {
    const plain = open(box, pair, aad(keyFile.storeId, submission, slot.id));
    if (!plain) throw none('they could not be opened: the file was altered, or sealed for another store');
    return JSON.parse(plain.toString('utf8')) as SubmissionResults;
  } finally {
    pair.privateKey.fill(0);
  }
}
