import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import {
  createRecoveryCode,
  newRecoveryCode,
  normaliseRecoveryCode,
  recoveryStatus,
  recoveryUsers,
  resetWithRecoveryCode,
} from '../../electron/engine/governance/recovery.js';
import { verifyAudit } from '../../electron/engine/store/audit.js';
import { readKeyFile, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser, listUsers, removeUser } from '../../electron/engine/store/users.js';
import { kindOf } from '../helpers/error-kind.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'first analyst passphrase';

/** A store with an analyst (ann), a co-ordinator (cora) and a recovery code. */
function storeWithCode(): { path: string; code: string } {
  const path = join(tempDir(), 'baseline.db');
  const store = Store.create(path, PASS, 'ann');
  addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
  const { code } = createRecoveryCode(store);
  store.close();
  return { path, code };
}

const actions = (path: string, passphrase: string): string[] => {
  const store = Store.unlock(path, passphrase);
  const list = (store.reader.prepare('SELECT action FROM audit_event ORDER BY id').all() as Array<{ action: string }>).map((r) => r.action);
  store.close();
  return list;
};

describe('recovery codes', () => {
  it('are 25 characters in five groups of Crockford base32, read back whatever the case and spacing', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newRecoveryCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    expect(normaliseRecoveryCode(' 7kq2m d9xrt-abcde fghjk 0o1il ')).toBe('7KQ2M-D9XRT-ABCDE-FGHJK-00111');
    expect(normaliseRecoveryCode('7KQ2M-D9XRT')).toBeNull();
    expect(normaliseRecoveryCode('UUUUU-UUUUU-UUUUU-UUUUU-UUUUU')).toBeNull();
  });

  it('resets a forgotten passphrase, is audited, and is used up', () => {
    const { path, code } = storeWithCode();
    expect(recoveryUsers(path, code.toLowerCase().replace(/-/g, ' ')).map((u) => u.user)).toEqual(['ann', 'cora']);
    const reset = resetWithRecoveryCode(path, code, 'ann', 'a remembered passphrase');
    expect(reset.user).toBe('ann');
    expect(kindOf(() => Store.unlock(path, PASS))).toBe('wrong-passphrase');
    const store = Store.unlock(path, 'a remembered passphrase');
    expect(store.session).toEqual({ user: 'ann', role: 'analyst', organisation: null });
    expect(listUsers(store).map((u) => u.user)).toEqual(['ann', 'cora']);
    expect(recoveryStatus(store.keyPath)).toEqual({ exists: false, createdAt: null });
    expect(verifyAudit(store.reader, store.keyPath)).toMatchObject({ ok: true });
    store.close();
    expect(actions(path, 'a remembered passphrase')).toContain('passphrase-reset-with-recovery-code');
    // Used once, it is gone: the same code cannot reset anyone again.
    expect(kindOf(() => resetWithRecoveryCode(path, code, 'ann', 'yet another passphrase'))).toBe('not-found');
  });

  it('resets the first analyst when no user is named, and only passphrase users', () => {
    const { path, code } = storeWithCode();
    expect(kindOf(() => resetWithRecoveryCode(path, code, '(recovery code)', 'a remembered passphrase'))).toBe('not-found');
    expect(resetWithRecoveryCode(path, code, undefined, 'a remembered passphrase').user).toBe('ann');
  });

  it('refuses a wrong code, a short passphrase and another user\'s passphrase, changing nothing', () => {
    const { path, code } = storeWithCode();
    const before = readKeyFile(`${path}.keys`);
    const wrong = newRecoveryCode();
    expect(kindOf(() => recoveryUsers(path, wrong))).toBe('wrong-passphrase');
    expect(kindOf(() => resetWithRecoveryCode(path, wrong, 'ann', 'a remembered passphrase'))).toBe('wrong-passphrase');
    expect(kindOf(() => resetWithRecoveryCode(path, 'not a code at all', 'ann', 'a remembered passphrase'))).toBe('wrong-passphrase');
    expect(kindOf(() => resetWithRecoveryCode(path, code, 'ann', 'short'))).toBe('bad-input');
    expect(kindOf(() => resetWithRecoveryCode(path, code, 'ann', 'coordinator passphrase'))).toBe('conflict');
    expect(readKeyFile(`${path}.keys`)).toEqual(before);
    expect(Store.unlock(path, PASS).session.user).toBe('ann');
  });

  it('never unlocks the store by itself', () => {
    const { path, code } = storeWithCode();
    expect(kindOf(() => Store.unlock(path, code))).toBe('wrong-passphrase');
  });

  it('a new code replaces the old one, which then opens nothing', () => {
    const { path, code: old } = storeWithCode();
    const store = Store.unlock(path, PASS);
    const fresh = createRecoveryCode(store);
    expect(fresh.replaced).toBe(true);
    expect(readKeyFile(store.keyPath).slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
    store.close();
    expect(kindOf(() => recoveryUsers(path, old))).toBe('wrong-passphrase');
    expect(recoveryUsers(path, fresh.code)).toHaveLength(2);
  });

  it('a tampered recovery slot is refused', () => {
    for (const tamper of ['wrapped', 'kind', 'role'] as const) {
      const { path, code } = storeWithCode();
      const keyFile = readKeyFile(`${path}.keys`);
      const slots = keyFile.slots.map((s) => {
        if (s.kind !== 'recovery') return s;
        if (tamper === 'wrapped') {
          const bytes = Buffer.from(s.wrapped, 'base64');
          bytes[0] = (bytes[0] ?? 0) ^ 1;
          return { ...s, wrapped: bytes.toString('base64') };
        }
        return tamper === 'role' ? { ...s, role: 'partner' as const } : s;
      });
      // Turning the recovery slot into a passphrase slot must not make the code a passphrase.
      const edited = tamper === 'kind' ? slots.map((s) => (s.user === '(recovery code)' ? { ...s, kind: 'passphrase' as const } : s)) : slots;
      writeKeyFile(`${path}.keys`, { ...keyFile, slots: edited });
      if (tamper === 'kind') {
        expect(kindOf(() => Store.unlock(path, code)), tamper).toBe('wrong-passphrase');
        expect(kindOf(() => recoveryUsers(path, code)), tamper).toBe('not-found');
      } else {
        expect(kindOf(() => recoveryUsers(path, code)), tamper).toBe('wrong-passphrase');
      }
    }
  });

  it('only an analyst creates one, and it cannot be removed as if it were a user', () => {
    const { path, code } = storeWithCode();
    const cora = Store.unlock(path, 'coordinator passphrase');
    expect(kindOf(() => createRecoveryCode(cora))).toBe('forbidden');
    cora.close();
    const ann = Store.unlock(path, PASS);
    expect(kindOf(() => removeUser(ann, '(recovery code)'))).toBe('not-found');
    ann.close();
    expect(recoveryUsers(path, code)).toHaveLength(2);
  });

  it('through the engine: created by an analyst, used while locked, failed attempts recorded', async () => {
    const path = join(tempDir(), 'baseline.db');
    const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    await engine.invoke('store:create', { passphrase: PASS });
    expect(await engine.invoke('governance:recoveryStatus', {})).toMatchObject({ ok: true, value: { exists: false } });
    const made = (await engine.invoke('governance:recoveryCreate', {})) as { ok: true; value: { code: string } };
    expect(await engine.invoke('governance:recoveryStatus', {})).toMatchObject({ ok: true, value: { exists: true } });
    // While unlocked there is nothing to recover: the passphrase is changed in Settings.
    expect(await engine.invoke('governance:recoveryCheck', { code: made.value.code })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    await engine.invoke('store:lock', {});
    expect(await engine.invoke('governance:recoveryCheck', { code: newRecoveryCode() })).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
    expect(await engine.invoke('governance:recoveryCheck', { code: made.value.code })).toMatchObject({
      ok: true,
      value: { users: [{ user: 'analyst', role: 'analyst' }] },
    });
    expect(await engine.invoke('governance:recoveryReset', { code: made.value.code, user: 'analyst', newPassphrase: 'a remembered passphrase' })).toMatchObject({
      ok: true,
      value: { user: 'analyst' },
    });
    expect(await engine.invoke('store:unlock', { passphrase: 'a remembered passphrase' })).toMatchObject({ ok: true });
    const page = (await engine.invoke('audit:page', { startRow: 0, endRow: 50, action: 'passphrase-reset-with-recovery-code' })) as {
      ok: true;
      value: { rows: Array<{ payload: Record<string, unknown> }> };
    };
    expect(page.value.rows).toHaveLength(1);
    expect(page.value.rows[0]?.payload).toEqual({ user: 'analyst', failedAttemptsBefore: 1 });
    expect(await engine.invoke('audit:verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    engine.close();
  });
});
