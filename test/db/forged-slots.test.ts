// Key slots the app did not write are refused: someone who holds the data key (a former partner
// with an old copy of the key file) appends a slot of their own to the key file.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { macOf } from '../../electron/engine/store/key-hierarchy.js';
import { readKeyFile, wrapKey, wrapKeys, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser, changePassphrase, removeUser } from '../../electron/engine/store/users.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'first analyst passphrase';
const FORGED = 'a forged passphrase';

function storeWithKey(): { path: string; keyPath: string; dataKey: Buffer } {
  const path = join(tempDir(), 'baseline.db');
  const store = Store.create(path, PASS, 'ann');
  const dataKey = Buffer.from(store.dataKey);
  store.close();
  return { path, keyPath: `${path}.keys`, dataKey };
}

const refusal = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  return 'not refused';
};

const actions = (store: Store): Array<{ action: string; payload: Record<string, unknown> }> =>
  (store.reader.prepare('SELECT action, payload_json FROM audit_event ORDER BY id').all() as Array<{ action: string; payload_json: string }>).map((r) => ({
    action: r.action,
    payload: JSON.parse(r.payload_json) as Record<string, unknown>,
  }));

describe('forged key slots', () => {
  it('an analyst slot made with the data key alone is refused, in the old format or the new', () => {
    const { path, keyPath, dataKey } = storeWithKey();
    const keyFile = readKeyFile(keyPath);
    const mallory = { user: 'mallory', role: 'analyst' as const, organisation: null };
    writeKeyFile(keyPath, { ...keyFile, slots: [...keyFile.slots, wrapKey(dataKey, FORGED, 'passphrase', mallory, keyFile.storeId)] });
    expect(refusal(() => Store.unlock(path, FORGED))).toMatch(/key slot for "mallory" \(analyst\) was not written by Baseline Workbench/);

    // The new format, with an audit key of the forger's own and a certificate made under it.
    const secret = randomBytes(32);
    const fakeAudit = randomBytes(32);
    const slot = wrapKeys({ secret, data: dataKey, audit: fakeAudit }, ['data', 'audit'], FORGED, 'passphrase', mallory, keyFile.storeId);
    const commit = createHash('sha256').update(secret).digest('hex');
    const mac = macOf(fakeAudit, ['slot', keyFile.storeId, slot.id, slot.kind, slot.user, slot.role, slot.organisation, slot.holds, commit]);
    writeKeyFile(keyPath, { ...keyFile, slots: [...keyFile.slots, slot], seal: { ...keyFile.seal!, slots: { ...keyFile.seal!.slots, [slot.id]: { commit, mac } } } });
    expect(refusal(() => Store.unlock(path, FORGED))).toMatch(/"mallory" \(analyst\) was not written by Baseline Workbench \(the audit key it holds is not this store’s\)/);
    // The real analyst still signs in.
    Store.unlock(path, PASS).close();
  });

  it('a forged co-ordinator slot is refused and removed at the next analyst sign-in, which audits it', () => {
    const { path, keyPath, dataKey } = storeWithKey();
    const keyFile = readKeyFile(keyPath);
    const secret = randomBytes(32);
    const slot = wrapKeys({ secret, data: dataKey }, ['data'], FORGED, 'passphrase', { user: 'eve', role: 'co-ordinator', organisation: null }, keyFile.storeId);
    const commit = createHash('sha256').update(secret).digest('hex');
    writeKeyFile(keyPath, { ...keyFile, slots: [...keyFile.slots, slot], seal: { ...keyFile.seal!, slots: { ...keyFile.seal!.slots, [slot.id]: { commit, mac: 'ab'.repeat(32) } } } });

    const ann = Store.unlock(path, PASS);
    expect(ann.refusedSlots).toEqual([{ user: 'eve', role: 'co-ordinator', organisation: null }]);
    expect(actions(ann).at(-1)).toEqual({ action: 'key-slot-refused', payload: { slotId: slot.id, role: 'co-ordinator', kind: 'passphrase' } });
    ann.close();
    expect(readKeyFile(keyPath).slots.map((s) => s.user)).toEqual(['ann']);
    expect(refusal(() => Store.unlock(path, FORGED))).toMatch(/Wrong passphrase/);
  });

  it('adding and removing users are audited with the slot; changing a passphrase keeps the slot certified', () => {
    const { path } = storeWithKey();
    const ann = Store.unlock(path, PASS);
    const cora = addUser(ann, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    removeUser(ann, 'cora');
    const trail = actions(ann);
    ann.close();
    expect(cora.user).toBe('cora');
    const added = trail.find((e) => e.action === 'user-added');
    const removed = trail.find((e) => e.action === 'user-removed');
    expect(added?.payload).toMatchObject({ user: 'cora', role: 'co-ordinator', holds: 'aggregates' });
    expect(removed?.payload).toMatchObject({ user: 'cora', role: 'co-ordinator', slotId: added?.payload.slotId });

    // A co-ordinator (who holds no audit key) changes their own passphrase; the slot stays certified.
    const admin = Store.unlock(path, PASS);
    addUser(admin, { user: 'cody', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    admin.close();
    const cody = Store.unlock(path, 'coordinator passphrase');
    changePassphrase(cody, 'cody', 'coordinator passphrase', 'a new coordinator passphrase');
    cody.close();
    const renewed = Store.unlock(path, 'a new coordinator passphrase');
    expect(renewed.session.user).toBe('cody');
    renewed.close();
    const again = Store.unlock(path, PASS);
    expect(again.refusedSlots).toEqual([]);
    again.close();
  });
});
