// The inbox: a folder beside the store where partners leave extracts sealed to the store's inbox
// public key (sealed-box.ts). A partner needs only their passphrase to prove who they are, never
// a key that reads the store. An analyst's session opens each submission and takes it in through
// the import pipeline, as the submitting partner; a receipt beside it (counts only) is what the
// partner sees of it.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { SourceKind } from '../../../shared/domain/record-fields.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { importFile } from '../import/import-file.js';
import { silentJob } from '../jobs/job-context.js';
import { checkSlot, macOf, sameHex } from '../store/key-hierarchy.js';
import { readKeyFile, tryUnwrapKeys, writeKeyFile, type KeyFile, type KeySlot } from '../store/keyslots.js';
import { inboxDir, keyFilePath } from '../store/paths.js';
import { withBackOff } from '../store/sign-in.js';
import type { Store } from '../store/store.js';
import { newInboxKeyPair, open, seal, type InboxKeyPair, type Sealed } from './sealed-box.js';
import { readResults, resultsPath, sourceResults, writeResults, type SubmissionResults } from './results.js';

const FORMAT = 'baseline-workbench-submission';
/** A partner's extract is at most this big (the inbox holds it whole, sealed, until taken in). */
export const MAX_SUBMISSION_BYTES = 200 * 1024 * 1024;

export { inboxDir };

export interface InboxKeys {
  publicKey: string;
  /** The private key, wrapped under the audit key (analysts only). */
  privateKey: { iv: string; data: string; tag: string };
  /** Under the audit key: an analyst can tell that the public key partners seal to is the store's. */
  mac: string;
}

export interface SubmissionStatus {
  id: string;
  partner: string;
  user: string;
  submittedAt: string;
  bytes: number;
  status: 'waiting' | 'taken-in' | 'refused';
  /** When it was taken in or refused, with what came of it (counts only). */
  receipt: { at: string; sourceId: number | null; records: number; quarantined: number; skipped: boolean; reason: string | null } | null;
}

interface Envelope {
  format: typeof FORMAT;
  version: 1;
  id: string;
  storeId: string;
  partner: string;
  user: string;
  submittedAt: string;
  bytes: number;
  /** The file, sealed to the store; null once an analyst's session has dealt with it. */
  sealed: Sealed | null;
}

interface Contents {
  fileName: string;
  kind: SourceKind | null;
  asOf: string | null;
  content: string;
}

const headerAad = (e: Omit<Envelope, 'sealed'>): Buffer => Buffer.from(JSON.stringify([e.format, e.version, e.id, e.storeId, e.partner, e.user, e.submittedAt, e.bytes]));

const inboxAad = (storeId: string, publicKey: string): Buffer => Buffer.from(JSON.stringify(['inbox', storeId, publicKey]));

/** The store's inbox key pair, made the first time an analyst's session needs it. */
export function ensureInbox(store: Store): string {
  const auditKey = requireAuditKey(store);
  const keyFile = readKeyFile(store.keyPath);
  if (keyFile.inbox) return keyFile.inbox.publicKey;
  const pair = newInboxKeyPair();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', auditKey, iv);
  cipher.setAAD(inboxAad(keyFile.storeId, pair.publicKey));
  const data = Buffer.concat([cipher.update(pair.privateKey), cipher.final()]);
  const inbox: InboxKeys = {
    publicKey: pair.publicKey,
    privateKey: { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    mac: macOf(auditKey, ['inbox', keyFile.storeId, pair.publicKey]),
  };
  writeKeyFile(store.keyPath, { ...keyFile, inbox });
  pair.privateKey.fill(0);
  return inbox.publicKey;
}

function requireAuditKey(store: Store): Buffer {
  if (!store.auditKey) throw new WorkbenchError('forbidden', 'Only an analyst signed in with their own passphrase can open the inbox.');
  return store.auditKey;
}

function inboxKeyPair(store: Store): InboxKeyPair {
  const auditKey = requireAuditKey(store);
  const keyFile = readKeyFile(store.keyPath);
  const inbox = keyFile.inbox;
  if (!inbox) throw new WorkbenchError('not-found', 'This store has no inbox yet: add a partner who submits to make one.');
  if (!sameHex(inbox.mac, macOf(auditKey, ['inbox', keyFile.storeId, inbox.publicKey]))) {
    throw new WorkbenchError('forbidden', `The inbox key in ${store.keyPath} was not written by Baseline Workbench: partners may have sealed extracts to someone else. Nothing was taken in.`);
  }
  const decipher = createDecipheriv('aes-256-gcm', auditKey, Buffer.from(inbox.privateKey.iv, 'base64'));
  decipher.setAAD(inboxAad(keyFile.storeId, inbox.publicKey));
  decipher.setAuthTag(Buffer.from(inbox.privateKey.tag, 'base64'));
  const privateKey = Buffer.concat([decipher.update(Buffer.from(inbox.privateKey.data, 'base64')), decipher.final()]);
  return { publicKey: inbox.publicKey, privateKey };
}

/**
 * Who a partner's passphrase proves they are: their slot (no key of the store's is needed or
 * unwrapped beyond the slot's own secret); `wrong-passphrase` otherwise.
 */
export function partnerBehind(keyFile: KeyFile, passphrase: string, keyPath: string, user?: string): KeySlot {
  const { slot, reply } = partnerKeysBehind(keyFile, passphrase, keyPath, user);
  reply?.fill(0);
  return slot;
}

/** As partnerBehind, with the partner's reply key (null for a partner added before they had one). */
function partnerKeysBehind(keyFile: KeyFile, passphrase: string, keyPath: string, user?: string): { slot: KeySlot; reply: Buffer | null } {
  const slots = keyFile.slots.filter((s) => s.kind === 'passphrase' && s.role === 'partner' && (user === undefined || s.user === user));
  for (const slot of slots) {
    const keys = tryUnwrapKeys(slot, passphrase, keyFile.storeId);
    if (!keys) continue;
    checkSlot(keyFile, slot, keys);
    keys.data?.fill(0);
    return { slot, reply: keys.reply ? Buffer.from(keys.reply) : null };
  }
  throw new WorkbenchError('wrong-passphrase', `That is not the passphrase of a partner of the store whose keys are in ${keyPath}. Nothing was submitted.`);
}

/**
 * What came of one of the partner's organisation's submissions, opened with their own key: the
 * counts and the quarantined rows with their reasons. Nothing of the store is opened.
 */
export function partnerResults(storePath: string, passphrase: string, user: string | undefined, submission: string): SubmissionResults {
  const keyPath = keyFilePath(storePath);
  const keyFile = readKeyFile(keyPath);
  const { slot, reply } = withBackOff(keyPath, () => partnerKeysBehind(keyFile, passphrase, keyPath, user));
  try {
    const org = slot.organisation ?? slot.user;
    if (!envelopes(storePath).some((e) => e.id === submission && e.partner === org)) {
      throw new WorkbenchError('not-found', `There is no submission ${submission} from ${org} (see "inbox status").`);
    }
    if (!reply) throw new WorkbenchError('not-found', `${slot.user} was added before partners had a key of their own, so results cannot be sealed to them: ask an analyst to add them again.`);
    return readResults(inboxDir(storePath), keyFile, slot, reply, submission);
  } finally {
    reply?.fill(0);
  }
}

/** Seals a partner's extract into the inbox. The store itself is never opened. */
export function submitToInbox(storePath: string, passphrase: string, user: string | undefined, filePath: string, options: { kind?: SourceKind; asOf?: string }): SubmissionStatus {
  const keyPath = keyFilePath(storePath);
  const keyFile = readKeyFile(keyPath);
  const slot = withBackOff(keyPath, () => partnerBehind(keyFile, passphrase, keyPath, user));
  if (!keyFile.inbox) throw new WorkbenchError('not-found', 'This store has no inbox yet: ask an analyst to add you again as a partner who submits.');
  const size = statSync(filePath).size;
  if (size > MAX_SUBMISSION_BYTES) throw new WorkbenchError('bad-input', `${filePath} is larger than ${MAX_SUBMISSION_BYTES / 1024 / 1024} MB: split it, or ask an analyst to import it.`);
  const contents: Contents = { fileName: basename(filePath), kind: options.kind ?? null, asOf: options.asOf ?? null, content: readFileSync(filePath).toString('base64') };
  const header: Omit<Envelope, 'sealed'> = {
    format: FORMAT,
    version: 1,
    id: randomUUID(),
    storeId: keyFile.storeId,
    partner: slot.organisation ?? slot.user,
    user: slot.user,
    submittedAt: new Date().toISOString(),
    bytes: size,
  };
  const envelope: Envelope = { ...header, sealed: seal(Buffer.from(JSON.stringify(contents)), keyFile.inbox.publicKey, headerAad(header)) };
  const dir = inboxDir(storePath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, `${header.id}.submission`), JSON.stringify(envelope), { mode: 0o600, flag: 'wx' });
  return { ...pick(envelope), status: 'waiting', receipt: null };
}

const pick = (e: Envelope): Pick<SubmissionStatus, 'id' | 'partner' | 'user' | 'submittedAt' | 'bytes'> => ({ id: e.id, partner: e.partner, user: e.user, submittedAt: e.submittedAt, bytes: e.bytes });

function envelopes(storePath: string): Envelope[] {
  const dir = inboxDir(storePath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.submission'))
    .flatMap((f) => {
      try {
        const e = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Envelope;
        return e.format === FORMAT && `${e.id}.submission` === f ? [e] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}

const receiptPath = (storePath: string, id: string): string => join(inboxDir(storePath), `${id}.receipt.json`);

function statusOf(storePath: string, e: Envelope): SubmissionStatus {
  const path = receiptPath(storePath, e.id);
  if (!existsSync(path)) return { ...pick(e), status: 'waiting', receipt: null };
  try {
    const { status, mac: _mac, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as Receipt & { mac?: string };
    return { ...pick(e), status, receipt: rest };
  } catch {
    return { ...pick(e), status: 'waiting', receipt: null };
  }
}

/** A partner's own organisation's submissions and what came of them. */
export function partnerSubmissions(storePath: string, passphrase: string, user: string | undefined): SubmissionStatus[] {
  const keyPath = keyFilePath(storePath);
  const slot = withBackOff(keyPath, () => partnerBehind(readKeyFile(keyPath), passphrase, keyPath, user));
  const org = slot.organisation ?? slot.user;
  return envelopes(storePath).filter((e) => e.partner === org).map((e) => statusOf(storePath, e));
}

/** Every submission, for an analyst. */
export function allSubmissions(store: Store, storePath: string): SubmissionStatus[] {
  requireAuditKey(store);
  return envelopes(storePath).map((e) => statusOf(storePath, e));
}

/**
 * Takes every waiting submission in through the import pipeline, as the partner who submitted it
 * (the import's audit event names them), and leaves a receipt with its counts.
 */
export async function takeInInbox(store: Store, storePath: string): Promise<SubmissionStatus[]> {
  const pair = inboxKeyPair(store);
  const keyFile = readKeyFile(store.keyPath);
  const done: SubmissionStatus[] = [];
  const sealResults = (e: Envelope, results: Omit<SubmissionResults, 'submission'>): number =>
    writeResults(inboxDir(storePath), keyFile, store.auditKey!, e.partner, { submission: e.id, ...results });
  try {
    for (const e of envelopes(storePath)) {
      // Only a receipt an analyst wrote means done: anyone can write a file into the folder.
      if (receiptIsGenuine(storePath, e.id, store.auditKey!)) continue;
      const { sealed, ...header } = e;
      const plain = header.storeId === keyFile.storeId && sealed ? open(sealed, pair, headerAad(header)) : null;
      const at = new Date().toISOString();
      if (!plain) {
        const reason = 'it could not be opened: it was sealed for another store or altered';
        writeReceipt(store, storePath, e.id, { status: 'refused', at, sourceId: null, records: 0, quarantined: 0, skipped: false, reason });
        const sealedTo = sealResults(e, { status: 'refused', at, reason, sourceId: null, skipped: false, records: 0, quarantined: 0, sheets: [], quarantine: [] });
        store.audit(store.session.user, 'inbox-refused', { submission: e.id, partner: e.partner, resultsSealedTo: sealedTo });
        dropContents(storePath, e);
        done.push(statusOf(storePath, e));
        continue;
      }
      const contents = JSON.parse(plain.toString('utf8')) as Contents;
      plain.fill(0);
      const tmp = mkdtempSync(join(tmpdir(), 'bw-inbox-'));
      try {
        // The pipeline reads a path, and the source keeps the partner's file name.
        const path = join(tmp, basename(contents.fileName));
        writeFileSync(path, Buffer.from(contents.content, 'base64'), { mode: 0o600 });
        const summary = await importFile(
          store,
          path,
          { partner: e.partner, partnerScope: e.partner, user: e.user, ...(contents.kind ? { kind: contents.kind } : {}), ...(contents.asOf ? { asOf: contents.asOf } : {}) },
          silentJob(),
        );
        const records = summary.sheets.reduce((n, s) => n + s.records, 0);
        const quarantined = summary.sheets.reduce((n, s) => n + s.quarantined, 0);
        writeReceipt(store, storePath, e.id, { status: 'taken-in', at, sourceId: summary.sourceId, records, quarantined, skipped: summary.skipped, reason: null });
        // A file already in the store is not imported again: its rows are not listed back.
        const detail = summary.skipped || summary.sourceId === null ? { sheets: [], quarantine: [] } : sourceResults(store.reader, summary.sourceId);
        const sealedTo = sealResults(e, { status: 'taken-in', at, reason: null, sourceId: summary.sourceId, skipped: summary.skipped, records, quarantined, ...detail });
        store.audit(store.session.user, 'inbox-taken-in', { submission: e.id, partner: e.partner, sourceId: summary.sourceId, records, quarantined, resultsSealedTo: sealedTo });
      } catch (error) {
        if (!(error instanceof WorkbenchError)) throw error;
        // A file the pipeline refuses is the partner's to fix; the reason names no person.
        const reason = error.message.split(tmp).join('');
        writeReceipt(store, storePath, e.id, { status: 'refused', at, sourceId: null, records: 0, quarantined: 0, skipped: false, reason });
        const sealedTo = sealResults(e, { status: 'refused', at, reason, sourceId: null, skipped: false, records: 0, quarantined: 0, sheets: [], quarantine: [] });
        store.audit(store.session.user, 'inbox-refused', { submission: e.id, partner: e.partner, resultsSealedTo: sealedTo });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      dropContents(storePath, e);
      done.push(statusOf(storePath, e));
    }
  } finally {
    pair.privateKey.fill(0);
  }
  return done;
}

/**
 * A purged source's submissions: the results sealed back to the partner list its quarantined rows,
 * which the purge has just deleted from the store, so they go too. The receipt stays (counts only).
 * Returns how many results files were removed.
 */
export function forgetResultsOfSource(store: Store, storePath: string, sourceId: number): number {
  if (!store.auditKey) return 0;
  let removed = 0;
  for (const e of envelopes(storePath)) {
    if (!receiptIsGenuine(storePath, e.id, store.auditKey) || statusOf(storePath, e).receipt?.sourceId !== sourceId) continue;
    const path = resultsPath(inboxDir(storePath), e.id);
    if (!existsSync(path)) continue;
    rmSync(path, { force: true });
    removed++;
  }
  return removed;
}

/**
 * Once a submission has its receipt, its file is not kept in the inbox: taken in, its rows are in
 * the store, where a purge or a person's erasure reaches them (a sealed copy beside the store
 * would outlive both); refused, it is the partner's to mend and send again. The envelope's header
 * stays, so the submission and its receipt are still listed.
 */
function dropContents(storePath: string, e: Envelope): void {
  const header: Envelope = { ...e, sealed: null };
  writeFileSync(join(inboxDir(storePath), `${e.id}.submission`), JSON.stringify(header), { mode: 0o600 });
}

type Receipt = NonNullable<SubmissionStatus['receipt']> & { status: 'taken-in' | 'refused' };

const receiptMac = (auditKey: Buffer, id: string, r: Receipt): string => macOf(auditKey, ['receipt', id, r.status, r.at, r.sourceId, r.records, r.quarantined, r.skipped, r.reason]);

function writeReceipt(store: Store, storePath: string, id: string, receipt: Receipt): void {
  writeFileSync(receiptPath(storePath, id), JSON.stringify({ ...receipt, mac: receiptMac(store.auditKey!, id, receipt) }), { mode: 0o600 });
}

function receiptIsGenuine(storePath: string, id: string, auditKey: Buffer): boolean {
  const path = receiptPath(storePath, id);
  if (!existsSync(path)) return false;
  try {
    const { mac, ...receipt } = JSON.parse(readFileSync(path, 'utf8')) as Receipt & { mac?: string };
    return typeof mac === 'string' && sameHex(mac, receiptMac(auditKey, id, receipt));
  } catch {
    return false;
  }
}
