// Faults told plainly: a full disk and a store that cannot be written are the user's to fix and
// say so, never "Internal error"; passphrases are checked for more than length.
import { describe, expect, it } from 'vitest';
import { toResult } from '../../electron/engine/engine.js';
import { checkNewPassphrase } from '../../electron/engine/store/passphrase-rules.js';

const sqliteError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('honest faults', () => {
  it('a full disk says so and that nothing was changed', async () => {
    for (const error of [sqliteError('SQLITE_FULL', 'database or disk is full'), sqliteError('ENOSPC', 'no space left on device')]) {
      const result = await toResult(() => {
        throw error;
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
      expect(result.ok ? '' : result.error.message).toMatch(/^The disk is full: nothing was changed\./);
    }
  });

  it('a read-only store or folder says so', async () => {
    const result = await toResult(() => {
      throw sqliteError('SQLITE_READONLY', 'attempt to write a readonly database');
    });
    expect(result.ok ? '' : result.error.message).toMatch(/cannot be written.*nothing was changed/);
  });

  it('anything else stays an internal error that quotes nothing', async () => {
    const result = await toResult(() => {
      throw new Error('Zelda Quartermain');
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/Zelda/);
  });
});

describe('passphrase rules', () => {
  it.each(['', '          ', '   abc   ', 'aaaaaaaaaaaa', 'abababababab', 'password123', 'Baseline Workbench', '1234567890'])('refuses %j', (passphrase) => {
    expect(() => checkNewPassphrase(passphrase)).toThrow();
  });
  it.each(['correct horse battery staple', 'a passphrase for tests', 'Rotherham-2026-baseline'])('accepts %j', (passphrase) => {
    expect(() => checkNewPassphrase(passphrase)).not.toThrow();
  });
});
