// A store from before sealing keeps opening; its first analyst sign-in seals the key file, removes
// the slots that held the whole store's key under passphrases nobody here knows (those users are
// re-issued), and starts the keyed trail without breaking the old one.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyNotices } from '../../electron/cli/open-store.js';
import { emptyKeyFile, readKeyFile, wrapKey, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ANN = 'first analyst passphrase';
const CORA = 'coordinator passphrase';
const PAT = 'partner passphrase 2026';

/** A store and key file as the previous version wrote them: every slot wraps the data key alone. */
function legacyStore(): string {
  const path = join(tempDir(), 'baseline.db');
  const dataKey = randomBytes(32);
  const keyFile = emptyKeyFile();
  keyFile.slots = [
    wrapKey(dataKey, ANN, 'passphrase', { user: 'ann', role: 'analyst', organisation: null }, keyFile.storeId),
    wrapKey(dataKey, CORA, 'passphrase', { user: 'cora', role: 'co-ordinator', organisation: null }, keyFile.storeId),
    wrapKey(dataKey, PAT, 'passphrase', { user: 'pat', role: 'partner', organisation: 'Police' }, keyFile.storeId),
  ];
  writeKeyFile(`${path}.keys`, keyFile);
  const store = Store.openWithKey(path, dataKey, true);
  store.audit('ann', 'store-created', {});
  store.audit('ann', 'import', { sourceId: 1, records: 3 });
  store.close(); // records the (unauthenticated) head, as before
  return path;
}

describe('sealing a key file from before', () => {
  it('opens for old partners until an analyst signs in, who seals it; the others are re-issued', () => {
    const path = legacyStore();
    const pat = Store.unlock(path, PAT);
    expect(pat.session.role).toBe('partner');
    pat.close();
    // An old co-ordinator's slot holds the key to every record: it opens nothing any more.
    expect(() => Store.unlock(path, CORA)).toThrow(/no longer opens the store. An analyst must sign in \(which removes it\) and add cora again/);
    expect(readKeyFile(`${path}.keys`).seal).toBeUndefined();

    const ann = Store.unlock(path, ANN);
    expect(ann.sealedNow).toEqual({ analysts: 0, coordinators: 1, partners: 1, recoveryCode: false });
    expect(keyNotices(ann).join('\n')).toMatch(/1 co-ordinator\(s\), 1 partner\(s\) held the whole store's key and were removed: add those users again/);
    const sealedEvent = ann.reader.prepare("SELECT actor, payload_json FROM audit_event WHERE action = 'key-slots-sealed'").get() as { actor: string; payload_json: string };
    expect(sealedEvent.actor).toBe('ann');
    expect(JSON.parse(sealedEvent.payload_json)).toMatchObject({ coordinatorsRemoved: 1, partnersRemoved: 1, legacyHeadMatched: true });
    // The sealing, then the aggregates store made for co-ordinators, both by the analyst.
    const made = ann.reader.prepare("SELECT actor, payload_json FROM audit_event WHERE action = 'aggregates-key-made'").get() as { actor: string; payload_json: string };
    expect([made.actor, JSON.parse(made.payload_json)]).toEqual(['ann', { created: true, coordinatorsRemoved: 0 }]);
    expect(ann.verifyAudit()).toMatchObject({ ok: true, events: 4 });
    ann.close();

    const keyFile = readKeyFile(`${path}.keys`);
    expect(keyFile.slots.map((s) => [s.user, s.v, s.holds])).toEqual([['ann', 2, ['data', 'audit']]]);
    expect(keyFile.auditHead?.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(() => Store.unlock(path, CORA)).toThrow(/Wrong passphrase/);
    const again = Store.unlock(path, ANN);
    expect(again.sealedNow).toBeNull();
    expect(again.verifyAudit().ok).toBe(true);
    again.close();
  });
});
