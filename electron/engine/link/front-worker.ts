// Worker entry for the linker's front phases (front-thread.ts). First it prepares records
// (prepare.ts, Preparer) while the loader on the main thread is still reading them: batches of
// rows (FIELDS values each, in record order), then the raw postcode cells of records without a UK
// postcode (the loader reads those last), then `finish`, answered with the columns on
// SharedArrayBuffers and their dictionaries. Then it groups and enumerates the blocking rules
// it is given (blocking-parallel.ts), reading and writing shared arrays.
import { parentPort } from 'node:worker_threads';
import { partsOf } from './load-records.js';
import { Preparer } from './prepare.js';
import { FIELDS, type FrontReply, type PrepareMessage } from './front-thread.js';
import { enumerateRules, ruleGroups } from './blocking.js';
import type { AddressParts, LinkRecord } from './types.js';

let preparer = new Preparer(1 << 16);
// the stored-address parts objects by index, in order of first sight: one object per home, as
// the loader shares them (prepare.ts keys on it); a home's text comes once (front-thread.ts)
let partsSeen: AddressParts[] = [];

function addRows(rows: unknown[]): void {
  for (let o = 0; o < rows.length; o += FIELDS) {
    const parts = rows[o + 9] as number | string | null;
    let addressParts: AddressParts | null = null;
    if (typeof parts === 'number') addressParts = partsSeen[parts] as AddressParts;
    else if (parts !== null) partsSeen.push((addressParts = partsOf(parts)));
    const r = {
      sourceId: rows[o] as number,
      forename: rows[o + 1] as string | null,
      middleNames: rows[o + 2] as string | null,
      surname: rows[o + 3] as string | null,
      previousSurname: rows[o + 4] as string | null,
      dob: rows[o + 5] as string | null,
      sex: rows[o + 6] as LinkRecord['sex'],
      postcode: rows[o + 7] as string | null,
      // a record without a UK postcode waits for its raw cell (the 'postcodes' message)
      postcodeRaw: null,
      address: rows[o + 8] as string | null,
      addressParts,
      uprn: rows[o + 10] as string | null,
      nhsNumber: rows[o + 11] as string | null,
      nino: rows[o + 12] as string | null,
      upn: rows[o + 13] as string | null,
      otherId: rows[o + 14] as string | null,
      email: rows[o + 15] as string | null,
      phone: rows[o + 16] as string | null,
      title: rows[o + 17] as string | null,
    } as LinkRecord;
    preparer.add(r, true);
  }
}

function answer(message: PrepareMessage): unknown {
  switch (message.kind) {
    case 'rows':
      addRows(message.rows);
      return undefined;
    case 'postcodes': {
      const cells = message.cells;
      for (let k = 0; k < cells.length; k += 2) preparer.setPostcodeRaw(cells[k] as number, cells[k + 1] as string | null);
      return undefined;
    }
    case 'finish':
      if (preparer.count !== message.count) throw new Error(`received ${preparer.count} of ${message.count} records`);
      try {
        return preparer.finish();
      } finally {
        // its dictionaries' maps are garbage now: blocking follows on this thread
        preparer = new Preparer(1);
        partsSeen = [];
      }
    case 'group':
      return message.rules.map((rule) => ruleGroups(message.columns, rule, message.maxBlockSize));
    case 'enumerate':
      return enumerateRules(message.columns, message.grouped, message.keys, message.rules, message.offsets, message.out, message.options);
  }
}

parentPort?.on('message', (message: PrepareMessage) => {
  const id = 'id' in message ? message.id : 0;
  try {
    const value = answer(message);
    if (id) parentPort?.postMessage({ id, ok: true, value } satisfies FrontReply);
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies FrontReply);
  }
});
