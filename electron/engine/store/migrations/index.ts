import type Database from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../../../../shared/ipc/result.js';
import { sql as initial } from './0010-initial.js';
import { sql as linkage } from './0020-linkage.js';
import { sql as rawRowFormulas } from './0030-raw-row-formulas.js';
import { sql as areasImd } from './0040-areas-imd.js';
import { sql as otherId } from './0050-record-other-id.js';
import { sql as presetsEvents } from './0060-presets-events.js';
import { sql as sourceAsOfBasis } from './0070-source-as-of-basis.js';
import { sql as contactPreviousSurname } from './0080-record-contact-previous-surname.js';
import { sql as programmes } from './0090-programmes.js';
import { sql as baseline } from './0110-baseline.js';
import { sql as outcomeIndicators } from './0120-outcome-indicators.js';
import { sql as packs } from './0130-packs.js';
import { sql as baselinePaging } from './0150-baseline-paging.js';
import { sql as partners } from './0190-partners.js';
import { sql as baselineBookmarks } from './0210-baseline-bookmarks.js';
import { sql as outcomeFrame } from './0270-outcome-frame.js';
import { sql as runTablesKeyed } from './0300-run-tables-keyed.js';
import { sql as recordDobYear } from './0310-record-dob-year.js';
import { sql as baselineViewCounts } from './0320-baseline-view-counts.js';
import { sql as recordPersonDetails } from './0340-record-person-details.js';
import { sql as dropRecordSurnameIndex } from './0400-drop-record-surname-index.js';
import { sql as recordRelative } from './0430-record-relative.js';
import { sql as runPersonHouseholdReason } from './0440-run-person-household-reason.js';
import { sql as recordPersonRef } from './0450-record-person-ref.js';

// Forward-only; versions step by 10 so a fix can slot in between (Signal's habit).
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 10, name: 'initial', sql: initial },
  { version: 20, name: 'linkage', sql: linkage },
  { version: 30, name: 'raw-row-formulas', sql: rawRowFormulas },
  { version: 40, name: 'areas-imd', sql: areasImd },
  { version: 50, name: 'record-other-id', sql: otherId },
  { version: 60, name: 'presets-events', sql: presetsEvents },
  { version: 70, name: 'source-as-of-basis', sql: sourceAsOfBasis },
  { version: 80, name: 'record-contact-previous-surname', sql: contactPreviousSurname },
  { version: 90, name: 'programmes', sql: programmes },
  { version: 110, name: 'baseline', sql: baseline },
  { version: 120, name: 'outcome-indicators', sql: outcomeIndicators },
  { version: 130, name: 'packs', sql: packs },
  { version: 150, name: 'baseline-paging', sql: baselinePaging },
  { version: 190, name: 'partners', sql: partners },
  { version: 210, name: 'baseline-bookmarks', sql: baselineBookmarks },
  { version: 270, name: 'outcome-frame', sql: outcomeFrame },
  { version: 300, name: 'run-tables-keyed', sql: runTablesKeyed },
  { version: 310, name: 'record-dob-year', sql: recordDobYear },
  { version: 320, name: 'baseline-view-counts', sql: baselineViewCounts },
  { version: 340, name: 'record-person-details', sql: recordPersonDetails },
  { version: 400, name: 'drop-record-surname-index', sql: dropRecordSurnameIndex },
  { version: 430, name: 'record-relative', sql: recordRelative },
  { version: 440, name: 'run-person-household-reason', sql: runPersonHouseholdReason },
  { version: 450, name: 'record-person-ref', sql: recordPersonRef },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

for (let i = 1; i < MIGRATIONS.length; i++) {
  if ((MIGRATIONS[i]?.version ?? 0) <= (MIGRATIONS[i - 1]?.version ?? 0)) throw new Error('Migration versions are not increasing');
}

/** Runs every pending migration in one transaction; refuses a store from a newer version. */
export function migrate(db: Database.Database, storePath: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new WorkbenchError(
      'store-too-new',
      `${storePath} was written by a newer version of Baseline Workbench (schema ${current}; this version knows up to ${LATEST_VERSION}). Install the newer version to open it; nothing was changed.`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return LATEST_VERSION;
}
