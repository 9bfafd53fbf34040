// Twins at one address share a surname, a date of birth, a postcode and an address: only the
// forename (and sometimes sex) tells them apart. In a demo borough linked with the trained
// default model, each twin's records from two agencies join and the twins stay two people.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { Store } from '../../electron/engine/store/store.js';
import { personByRow } from '../helpers/person-by-row.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

// forename, sex, date of birth: a boy and a girl, then two girls
const TWINS = [
  ['Chioma', 'F', '14/06/2012'],
  ['Chidi', 'M', '14/06/2012'],
  ['Amara', 'F', '30/01/2015'],
  ['Ngozi', 'F', '30/01/2015'],
] as const;

describe('twins at one address', () => {
  it('stay two people, each with their own records joined', async () => {
    const dir = tempDir();
    const { files } = writeDemoBorough({ households: 300, seed: 23, outDir: dir });
    const school = join(dir, 'twins-school.csv');
    const health = join(dir, 'twins-health.csv');
    writeFileSync(school, `Forename,Surname,DOB,Sex,Address,Postcode\n${TWINS.map(([f, s, d]) => `${f},Okafor,${d},${s},14 Acacia Road,S60 1AB`).join('\n')}\n`);
    writeFileSync(health, `First Name,Last Name,Date of Birth,Gender,Address Line 1,Post Code\n${TWINS.map(([f, s, d]) => `${f.toUpperCase()},OKAFOR,${d},${s === 'F' ? 'Female' : 'Male'},"14, Acacia Rd",S60 1AB`).join('\n')}\n`);
    const store = Store.openWithKey(join(dir, 'twins.db'), randomBytes(32), true);
    try {
      for (const f of [...files, school, health]) await importFile(store, f, { user: 'tester' }, silentJob());
      const summary = await runLink(store, { user: 'tester' }, silentJob());
      // the model alone would join the same-sex twins: the possible-twins rule kept them apart
      expect(summary.refusedJoins.possibleTwins).toBeGreaterThan(0);
      const person = personByRow(store.reader, join(dir, 'clusters.csv'));
      // data rows 2–5 of each file, in TWINS order
      const inSchool = TWINS.map((_, k) => person.get(`twins-school.csv:${k + 2}`));
      const inHealth = TWINS.map((_, k) => person.get(`twins-health.csv:${k + 2}`));
      expect(inSchool.every(Boolean)).toBe(true);
      expect(inHealth).toEqual(inSchool);
      expect(new Set(inSchool).size).toBe(TWINS.length);
    } finally {
      store.close();
    }
  }, 120_000);
});
